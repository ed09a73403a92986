// View as customer (A14) in real Chromium, at desktop 1280x800 and phone 390x844, against the
// journey server (E2E_BASE_URL): the demo customer files a service request (API); the Summit
// dealer admin opens it in the inbox and views the portal as the person who filed it. The
// banner names whose portal it is and says read-only; the customer's rentals show; a call-off
// is refused by the server (403 read_only_view) with a clear message; a reload keeps the view;
// "Exit view" returns the admin to the request they started from.
// Screenshots: {desktop,phone}-viewas-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  callApi,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The demo customer files a service request at Summit; answers the request and who filed it. */
async function fileServiceRequest(clientIp, description) {
  const login = await callApi(BASE_URL, '/auth/login', { method: 'POST', body: CUSTOMER, clientIp });
  assert.equal(login.status, 200, `customer login: ${JSON.stringify(login.body)}`);
  const account = login.body.accounts.find((a) => a.dealer.slug === 'summit');
  assert.ok(account, 'the demo customer has a Summit account');
  const filed = await callApi(BASE_URL, `/accounts/${account.id}/service-requests`, {
    method: 'POST',
    token: login.body.access_token,
    body: {
      service_kind: 'other',
      description,
      contact: { name: 'Pat Site', phone: '303-555-0188', email: 'pat.site@builder.example' },
    },
    clientIp,
  });
  assert.equal(filed.status, 201, `filed: ${JSON.stringify(filed.body)}`);
  return { request: filed.body, account, user: login.body.user };
}

/** The refused write's answer shows in the console as a failed 403 load: expected here. */
function dropExpected403(journey) {
  const kept = journey.errors.filter((e) => !/status of 403\b/.test(e));
  journey.errors.splice(0, journey.errors.length, ...kept);
}

for (const [profile, ip] of [
  [PROFILES.desktop, '198.51.100.91'],
  [PROFILES.phone, '198.51.100.92'],
]) {
  describe(`${profile.name} ${profile.viewport.width}x${profile.viewport.height}: view as customer`, () => {
    test('the admin views the portal as the request\'s creator, read-only, and exits', { timeout: 300_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: ip });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`viewas-${name}`, opts);
      const step = stepper(t, journey);
      const { request, account, user } = await fileServiceRequest(ip, `View-as check (${profile.name}): noisy compressor`);
      const requestPath = `/admin/requests/${request.id}`;

      try {
        await step('the admin opens the request and sees who filed it', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/, 'admins land on the admin home');
          await page.goto(requestPath);
          await byTestId(page, 'request-facts').waitFor();
          await expectText(byTestId(page, 'view-as-button'), `View as ${user.display_name}`, 'the view-as button');
          await shot('01-request', { fullPage: true });
        });

        await step('"View as" opens the customer\'s portal with the banner', async () => {
          await byTestId(page, 'view-as-button').click();
          await expectPath(page, new RegExp(`^/a/${account.id}$`), 'the viewed account\'s home');
          const banner = byTestId(page, 'view-as-banner');
          await expectText(banner, `Viewing as ${user.display_name} (${account.name}) — read-only`, 'the banner');
          await byTestId(page, 'home-tiles').waitFor();
          await shot('02-home-as-customer');
        });

        await step("the customer's rentals show", async () => {
          await byTestId(page, 'tile-call-off').click();
          await expectPath(page, /\/rentals$/);
          await byTestId(page, 'rentals-page').waitFor();
          await expectCount(byTestId(page, 'rental-item'), (n) => n > 0, "the customer's items on rent");
          await byTestId(page, 'view-as-banner').waitFor();
          await shot('03-rentals-as-customer');
        });

        await step('a call-off is refused by the server, with a clear message', async () => {
          await byTestId(page, 'select-item').first().check();
          await byTestId(page, 'calloff-button').click();
          await byTestId(page, 'calloff-form').waitFor();
          const site = byTestId(page, 'calloff-site-address');
          if (!(await site.inputValue()).trim()) await site.fill('1450 Wynkoop St, Denver CO');
          const tomorrow = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/Denver' });
          await byTestId(page, 'calloff-pickup-date').fill(tomorrow);
          await byTestId(page, 'contact-name').fill('Pat Site');
          await byTestId(page, 'contact-phone').fill('303-555-0188');
          await byTestId(page, 'contact-email').fill('pat.site@builder.example');
          await byTestId(page, 'calloff-submit').click();
          await expectText(byTestId(page, 'calloff-error'), /read-only view/i, 'the refusal');
          await expectCount(byTestId(page, 'request-confirmation'), 0, 'nothing was filed');
          dropExpected403(journey);
          await shot('04-call-off-refused', { fullPage: true });
        });

        await step('a reload keeps the view', async () => {
          await page.goto(`/a/${account.id}/rentals`);
          await page.reload();
          await byTestId(page, 'rentals-page').waitFor();
          await expectText(byTestId(page, 'view-as-banner'), user.display_name, 'the banner after a reload');
          await expectCount(byTestId(page, 'rental-item'), (n) => n > 0, 'the rentals after a reload');
          await shot('05-after-reload');
        });

        await step('"Exit view" returns the admin to the request', async () => {
          await byTestId(page, 'view-as-exit').click();
          await expectPath(page, new RegExp(`^${requestPath}$`), 'back where the view started');
          await byTestId(page, 'request-facts').waitFor();
          await expectCount(page.locator('[data-testid="view-as-banner"]'), 0, 'no banner');
          await byTestId(page, 'view-as-button').waitFor();
          await shot('06-back-to-admin', { fullPage: true });
          // A reload stays the admin: the view is gone from this tab.
          await page.reload();
          await byTestId(page, 'request-facts').waitFor();
          await expectCount(page.locator('[data-testid="view-as-banner"]'), 0, 'no banner after a reload');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
