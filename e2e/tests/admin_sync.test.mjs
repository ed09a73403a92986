// Back-office sync (H11) in real Chromium at desktop size (1280x800) and at phone size
// (390x844), against the journey server (E2E_BASE_URL): the back office (an API client of
// Summit) loads a store and sends a customer batch the portal refuses; the Summit dealer admin
// opens Sync from the store tabs and sees, per kind, the last arrival in the dealer's time
// zone with "… ago", the records, the refused batch's problem, and a warning for a kind
// silent for more than 24 hours.
// Screenshots: {desktop,phone}-sync-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  execDb,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const ADMIN_IP = { desktop: '198.51.100.93', phone: '198.51.100.94' };
const SETUP_IP = '198.51.100.95';

let browser;
let clientToken;
before(async () => {
  browser = await launchBrowser();
  const admin = await apiLogin(BASE_URL, SUMMIT_ADMIN, SETUP_IP);
  const created = await callApi(BASE_URL, '/admin/api-clients', {
    method: 'POST',
    token: admin,
    body: { name: 'Sync e2e', scopes: ['locations:write', 'customers:write'] },
    clientIp: SETUP_IP,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: created.body.client.client_id,
    client_secret: created.body.client_secret,
  });
  const token = await fetch(`${BASE_URL}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': SETUP_IP },
    body: form,
  });
  assert.equal(token.status, 200);
  clientToken = (await token.json()).access_token;
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.desktop, PROFILES.phone]) {
  describe(`${profile.name}: a dealer admin watches the back office's sync`, () => {
    test('arrivals, records, a refused batch and a silent kind', { timeout: 120_000 }, async (t) => {
      // The back office's calls: a store accepted, a customer batch refused (bad email).
      const store = await callApi(BASE_URL, '/integrations/locations', {
        method: 'PUT',
        token: clientToken,
        body: { locations: [{ external_id: `SYNC-E2E-${profile.name}`, code: 'SYE', name: 'Sync yard' }] },
        clientIp: SETUP_IP,
      });
      assert.equal(store.status, 200, JSON.stringify(store.body));
      const refused = await callApi(BASE_URL, '/integrations/customers', {
        method: 'PUT',
        token: clientToken,
        body: { customers: [{ external_id: 'SYNC-E2E-C', account_number: 'E2E-1', name: 'X', kind: 'account',
                              portal_enabled: true, email: 'not-an-email' }] },
        clientIp: SETUP_IP,
      });
      assert.equal(refused.status, 422);
      // Contracts last arrived two days ago (as after a stopped nightly job).
      execDb(
        "UPDATE integration_sync SET last_arrived_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-2 days') " +
          "WHERE kind = 'contracts' AND dealer_id = (SELECT id FROM dealers WHERE slug = 'summit')",
      );

      const journey = await openJourney(browser, profile, { clientIp: ADMIN_IP[profile.name] });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`sync-${name}`, opts);
      const step = stepper(t, journey);

      await step('the admin opens Sync from the store tabs', async () => {
        await logIn(page, SUMMIT_ADMIN);
        await expectPath(page, /^\/admin$/);
        await byTestId(page, 'nav-sync').click();
        await expectPath(page, /^\/admin\/sync$/);
        await byTestId(page, 'sync-kinds').waitFor();
      });

      await step('each kind with its last arrival in the dealer time zone, records and last error', async () => {
        const stores = byTestId(page, 'sync-kind-locations');
        await expectText(stores, /just now|min ago/, 'stores arrived just now');
        await expectText(stores, /M[SD]T/, 'in Denver time');
        await expectText(stores, /1 in the last call/, 'records of the call');
        const customers = byTestId(page, 'sync-kind-customers');
        await expectText(customers, /422 /, 'refused batch status');
        await expectText(customers, /customers\[0\]\.email/, 'the field named');
        await expectText(byTestId(page, 'sync-kind-counter_payments'), /Never/, 'never sent');
        await expectText(byTestId(page, 'sync-stale-warning'), /Contracts/, 'silent kind warned');
        await expectText(byTestId(page, 'sync-kind-contracts'), /2 days ago/, 'contracts ago');
        await shot('01-status', { fullPage: true });
      });
    });
  });
}
