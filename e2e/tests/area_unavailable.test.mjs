// A screen whose code cannot be downloaded (issue 15: a first visit to an area without
// signal), in real Chromium at phone and desktop size: the customer's area chunk is refused,
// so after logging in the app says "This screen could not load" with a retry, instead of the
// panic that used to stop the whole app; with the network back, "Try again" opens the home.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROFILES, byTestId, expectText, launchBrowser, logIn, openJourney, stepper } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const IPS = { phone: '198.51.100.191', desktop: '198.51.100.192' };
const CUSTOMER_AREA = /\/customer_area-[0-9a-f]{16}\.wasm$/;
/** What the refused download itself logs (the browser and the chunk loader). */
const REFUSED = /ERR_INTERNET_DISCONNECTED|Failed to fetch/;

/** Forgets the console errors of the refused downloads; any other error still fails the step. */
function dropRefusals(journey) {
  const others = journey.errors.filter((e) => !REFUSED.test(e));
  journey.errors.splice(0, journey.errors.length, ...others);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  describe(`${profile.name}: a screen whose code cannot be downloaded`, () => {
    test('says so and offers a retry; the retry opens it', { timeout: 120_000 }, async (t) => {
      // No service worker: every request goes through page.route.
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name], serviceWorkers: 'block' });
      const { page } = journey;
      const step = stepper(t, journey);
      try {
        await step('the customer area refused: the screen says so, the app keeps running', async () => {
          await page.route(CUSTOMER_AREA, (route) => route.abort('internetdisconnected'));
          await logIn(page, CUSTOMER);
          // The account picker is in another area; the account's screens are not.
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
          await byTestId(page, 'area-unavailable').waitFor();
          await expectText(page.locator('h1'), 'This screen could not load', 'the heading');
          const crashes = journey.errors.filter((e) => e.startsWith('pageerror') || e === 'the page crashed');
          assert.deepEqual(crashes, [], 'no panic, no crash');
          await journey.shot('area-unavailable-01', { fullPage: true });
          dropRefusals(journey);
        });

        await step('with the network back, "Try again" opens the home', async () => {
          await page.unroute(CUSTOMER_AREA);
          dropRefusals(journey);
          await byTestId(page, 'area-unavailable').getByRole('button', { name: 'Try again' }).click();
          await byTestId(page, 'home-tiles').waitFor();
          await expectText(page.locator('h1'), /^Welcome/, 'the home');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
