// The admin home (H1) in real Chromium at desktop size (1280x800) and at phone size
// (390x844), against the journey server (E2E_BASE_URL): the Summit dealer admin lands on
// /admin, sees the dealer's name and every tile, follows one and comes back through the
// brand link; the Summit staff member sees only the tiles and tabs of their role; the
// platform operator sees only the dealer picker, picks Summit (its name, tiles and tabs
// appear), opens its inbox, switches to Thames, and stops acting. The admin navigation never
// scrolls sideways on the phone.
// Screenshots: {desktop,phone}-admin-home-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  logOut,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const SUMMIT_STAFF = { login: 'staff@summit.example', password: 'staff-pass-123' };
const OPERATOR = { login: 'operator@rentalportal.example', password: 'operator-pass-123' };
const IPS = {
  desktop: { admin: '198.51.100.131', staff: '198.51.100.132', operator: '198.51.100.133' },
  phone: { admin: '198.51.100.134', staff: '198.51.100.135', operator: '198.51.100.136' },
};

const ALL_TILES = [
  'admin-tile-requests',
  'admin-tile-feedback',
  'admin-tile-customers',
  'admin-tile-staff',
  'admin-tile-settings',
  'admin-tile-audit',
  'admin-tile-api-clients',
];
const STAFF_TILES = ['admin-tile-requests', 'admin-tile-feedback', 'admin-tile-customers'];

/** The test ids of the tiles shown, in order. */
async function tilesShown(page) {
  await byTestId(page, 'admin-tiles').waitFor();
  return page.locator('[data-testid="admin-tiles"] [data-testid^="admin-tile-"]:visible').evaluateAll((els) =>
    els.map((e) => e.dataset.testid).filter((id) => !id.endsWith('-count')),
  );
}

/** The request inbox has loaded: its list, or its "nothing here" panel. */
async function inboxShown(page) {
  await page.locator('[data-testid="inbox-list"]:visible, [data-testid="inbox-empty"]:visible').first().waitFor();
}

/** The admin navigation fits the viewport: no sideways scrolling inside it either. */
async function assertTabsFit(page) {
  const tabs = byTestId(page, 'admin-tabs');
  await tabs.waitFor();
  const { scroll, client } = await tabs.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(scroll <= client + 1, `the admin tabs are ${scroll}px wide in ${client}px`);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.desktop, PROFILES.phone]) {
  describe(`${profile.name}: the admin home`, () => {
    test('the dealer admin sees every tile and follows one', { timeout: 120_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name].admin });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`admin-home-${name}`, opts);
      const step = stepper(t, journey);
      try {
        await step('the admin lands on the home with the dealer\'s name and all tiles', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await expectText(byTestId(page, 'admin-home-dealer'), 'Summit Equipment Rentals', 'the dealer name');
          assert.deepEqual(await tilesShown(page), ALL_TILES);
          await expectText(byTestId(page, 'admin-tile-requests-count'), /^\d+ open$/, 'open requests counted');
          await expectText(byTestId(page, 'admin-tile-staff-count'), /^\d+ active$/, 'active staff counted');
          assert.equal(await byTestId(page, 'nav-home').getAttribute('aria-current'), 'page');
          await expectCount(byTestId(page, 'dealer-picker'), 0, 'no dealer picker for a dealer admin');
          await assertTabsFit(page);
          await shot('01-admin', { fullPage: true });
        });

        await step('a tile opens its screen; the brand link comes back home', async () => {
          await byTestId(page, 'admin-tile-staff').click();
          await expectPath(page, /^\/admin\/staff$/);
          await byTestId(page, 'staff-row', '[data-email="admin@summit.example"]').waitFor();
          assert.equal(await byTestId(page, 'nav-staff').getAttribute('aria-current'), 'page');
          assert.equal(await byTestId(page, 'nav-home').getAttribute('aria-current'), null, 'Home is not current too');
          await assertTabsFit(page);
          await shot('02-admin-staff');
          await byTestId(page, 'brand-home').click();
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'admin-tile-audit').click();
          await expectPath(page, /^\/admin\/audit$/);
          await byTestId(page, 'nav-home').click();
          await expectPath(page, /^\/admin$/);
        });
      } finally {
        await journey.context.close();
      }
    });

    test('dealer staff see only the tiles of their role', { timeout: 120_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name].staff });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`admin-home-${name}`, opts);
      const step = stepper(t, journey);
      try {
        await step('the staff member sees Requests, Feedback and Customers only', async () => {
          await logIn(page, SUMMIT_STAFF);
          await expectPath(page, /^\/admin$/);
          await expectText(byTestId(page, 'admin-home-dealer'), 'Summit Equipment Rentals', 'the dealer name');
          assert.deepEqual(await tilesShown(page), STAFF_TILES);
          for (const tab of ['nav-staff', 'nav-settings', 'nav-audit', 'nav-api-clients']) {
            await expectCount(byTestId(page, tab), 0, `no ${tab} tab for staff`);
          }
          await assertTabsFit(page);
          await shot('03-staff', { fullPage: true });
        });

        await step('the Requests tile opens the inbox', async () => {
          await byTestId(page, 'admin-tile-requests').click();
          await expectPath(page, /^\/admin\/requests$/);
          await inboxShown(page);
          await shot('04-staff-inbox');
        });
      } finally {
        await journey.context.close();
      }
    });

    test('the platform operator picks a dealer, works in it, switches and stops', { timeout: 180_000 }, async (t) => {
      const clientIp = IPS[profile.name].operator;
      // Start from no dealer chosen, whatever an earlier run left.
      const token = await apiLogin(BASE_URL, OPERATOR, clientIp);
      const stopped = await callApi(BASE_URL, '/platform/acting-dealer', { method: 'DELETE', token, clientIp });
      assert.equal(stopped.status, 204);

      const journey = await openJourney(browser, profile, { clientIp });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`admin-home-${name}`, opts);
      const step = stepper(t, journey);
      const picker = () => byTestId(page, 'dealer-picker-select');
      try {
        await step('with no dealer chosen only the picker shows', async () => {
          await logIn(page, OPERATOR);
          await expectPath(page, /^\/admin$/);
          await picker().waitFor();
          await expectCount(byTestId(page, 'admin-tabs'), 0, 'no tabs before a dealer is chosen');
          await expectCount(byTestId(page, 'admin-tiles'), 0, 'no tiles before a dealer is chosen');
          await expectText(byTestId(page, 'acting-bar'), /choose a dealer/i, 'the bar asks for a dealer');
          await shot('05-operator-picker', { fullPage: true });
          // Another admin address leads back to the picker.
          await page.goto('/admin/requests');
          await expectPath(page, /^\/admin$/, 'back to the picker');
          await picker().waitFor();
        });

        await step('choosing Summit shows its name, tiles and tabs', async () => {
          await picker().selectOption({ label: 'Summit Equipment Rentals (summit)' });
          await expectText(byTestId(page, 'acting-dealer-name'), 'Summit Equipment Rentals', 'acting for Summit');
          await expectText(byTestId(page, 'admin-home-dealer'), 'Summit Equipment Rentals', 'the dealer name');
          assert.deepEqual(await tilesShown(page), ALL_TILES);
          await expectText(byTestId(page, 'brand-home'), 'Summit Equipment Rentals', 'the dealer in the header');
          await assertTabsFit(page);
          await shot('06-operator-summit', { fullPage: true });
        });

        await step('the operator opens Summit\'s inbox', async () => {
          await byTestId(page, 'admin-tile-requests').click();
          await expectPath(page, /^\/admin\/requests$/);
          await inboxShown(page);
          await shot('07-operator-inbox');
        });

        await step('"Switch dealer" goes back to the picker; Thames replaces Summit', async () => {
          await byTestId(page, 'acting-switch').click();
          await expectPath(page, /^\/admin$/);
          await picker().selectOption({ label: 'Thames Plant Hire (thames)' });
          await expectText(byTestId(page, 'acting-dealer-name'), 'Thames Plant Hire', 'acting for Thames');
          await expectText(byTestId(page, 'admin-home-dealer'), 'Thames Plant Hire', 'the dealer name');
          await expectText(byTestId(page, 'brand-home'), 'Thames Plant Hire', 'Thames in the header');
          assert.deepEqual(await tilesShown(page), ALL_TILES);
          await shot('08-operator-thames', { fullPage: true });
          // A reload keeps the choice: it is the server's.
          await page.reload();
          await expectText(byTestId(page, 'acting-dealer-name'), 'Thames Plant Hire', 'still Thames after a reload');
          await expectText(byTestId(page, 'admin-tile-api-clients-count'), /^\d+ in use$/, 'Thames counted');
        });

        await step('"Stop acting" closes the dealer\'s screens again', async () => {
          await byTestId(page, 'acting-stop').click();
          await expectCount(byTestId(page, 'admin-tiles'), 0, 'no tiles once stopped');
          await expectCount(byTestId(page, 'admin-tabs'), 0, 'no tabs once stopped');
          await picker().waitFor();
          await shot('09-operator-stopped');
          await logOut(page);
          await expectPath(page, /^\/login$/);
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
