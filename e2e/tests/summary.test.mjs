// The account at a glance (B2, B3) in real Chromium, at phone (390x844) and desktop
// (1280x800) sizes: from the home's "Account summary" link, the contact block, credit, the
// balance with its ageing and the newest invoices, payments and requests, each card linking
// to its full list. Screenshots: phone-summary-NN-*.png, desktop-summary-NN-*.png.
import { after, before, describe, test } from 'node:test';

import {
  PROFILES,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const DEMO = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const [profile, clientIp] of [
  [PROFILES.phone, '198.51.100.91'],
  [PROFILES.desktop, '198.51.100.92'],
]) {
  describe(`${profile.name}: the account summary`, () => {
    test('home -> account summary -> invoices', { timeout: 300_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`summary-${name}`, opts);
      const step = stepper(t, journey);
      try {
        await step('the home links to the account summary', async () => {
          await logIn(page, DEMO);
          await expectPath(page, /^\/accounts$/);
          await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
          await expectPath(page, /^\/a\/[0-9a-f-]{36}$/);
          await byTestId(page, 'home-summary-link').click();
          await expectPath(page, /^\/a\/[0-9a-f-]{36}\/summary$/);
        });

        await step('contact, credit, balance and the newest documents', async () => {
          await expectText(byTestId(page, 'summary-account-number'), SUMMIT_ACCOUNT, 'the account number');
          await byTestId(page, 'summary-credit-limit').waitFor();
          await byTestId(page, 'summary-last-payment').waitFor();
          await byTestId(page, 'balance-card').waitFor();
          await expectCount(page.locator('[data-testid="summary-invoices"] li'), 3, 'the three newest invoices');
          await byTestId(page, 'summary-payments').waitFor();
          await byTestId(page, 'summary-requests').waitFor();
          await shot('01-summary', { fullPage: true });
        });

        await step('"See all" opens the full list', async () => {
          await page.locator('[data-testid="summary-invoices"] a.summary-all').click();
          await expectPath(page, /\/invoices$/);
          await byTestId(page, 'invoices-page').waitFor();
        });
      } finally {
        journey.assertNoErrors();
        await journey.context.close();
      }
    });
  });
}
