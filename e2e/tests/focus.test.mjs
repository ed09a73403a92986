// Where the focus goes (issue 15, item 4: WCAG 2.4.3 focus order), in real Chromium against
// the journey server (E2E_BASE_URL), at phone size (390x844) and desktop size (1280x800): a
// failed login moves the focus to the error, so a screen reader reads it and the keyboard is
// there; following a link to another screen moves it to that screen's heading, as a page
// load would, and a list's filters (same screen) leave it where it is.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROFILES, SUMMIT_ADMIN, byTestId, expectPath, launchBrowser, logIn, openJourney, stepper, waitUntil } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const IPS = { phone: '198.51.100.151', desktop: '198.51.100.152' };

/** What has the focus: its test id, or its tag and text. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { testid: el?.dataset?.testid ?? null, tag: el?.tagName ?? null, text: el?.textContent?.trim().slice(0, 60) ?? '' };
  });
}

async function focusIsOn(page, check, message) {
  await waitUntil(() => focused(page), check, message);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  describe(`focus at ${profile.name} size`, () => {
    test('a failed login focuses the error; a new screen focuses its heading', { timeout: 120_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name] });
      const { page } = journey;
      const step = stepper(t, journey);
      try {
        await step('a wrong password puts the focus on the error', async () => {
          await page.goto('/login');
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill('not-the-password');
          await byTestId(page, 'password-input').press('Enter');
          await focusIsOn(page, (f) => f.testid === 'login-error', 'the focus on the login error');
        });

        await step('another screen puts the focus on its heading', async () => {
          await logIn(page, CUSTOMER);
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
          await byTestId(page, 'home-tiles').waitFor();
          await byTestId(page, 'tile-rentals').click();
          await expectPath(page, /\/rentals$/);
          await focusIsOn(page, (f) => f.tag === 'H1' && /Rentals/.test(f.text), 'the focus on "My Rentals"');
        });

        await step('a filter on the same screen leaves the focus in the search box', async () => {
          const search = byTestId(page, 'filter-q');
          await search.fill('compressor');
          await search.press('Enter');
          await waitUntil(() => page.evaluate(() => location.search), (q) => q.includes('compressor'), 'the search in the URL');
          await focusIsOn(page, (f) => f.testid === 'filter-q', 'the focus still in the search box');
        });

        await step('the admin side too', async () => {
          // Signed out by dropping the cookies; logIn's page load starts the app afresh.
          await page.context().clearCookies();
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'admin-tile-customers').click();
          await expectPath(page, /^\/admin\/customers$/);
          await focusIsOn(page, (f) => f.tag === 'H1' && f.text === 'Customers', 'the focus on "Customers"');
        });
        journey.assertNoErrors();
      } finally {
        await journey.context.close();
      }
    });
  });
}
