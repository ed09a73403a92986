// API clients (I2) in real Chromium at desktop size (1280x800) and at phone size (390x844),
// against the journey server (E2E_BASE_URL): the Summit dealer admin opens "API clients",
// creates one with a name and all but one scope, sees the secret once and copies it (the
// clipboard holds exactly it), the secret gets a token from POST /oauth/token, "I have stored
// it" hides it for good, then the admin revokes the client after confirming, and the secret
// gets no token any more.
// Screenshots: {desktop,phone}-api-clients-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const ADMIN_IP = { desktop: '198.51.100.81', phone: '198.51.100.82' };

/** POST /oauth/token with the client credentials in the form: `{ status, body }`. */
async function requestToken(clientId, clientSecret) {
  const response = await fetch(`${BASE_URL}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  return { status: response.status, body: await response.json() };
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.desktop, PROFILES.phone]) {
  describe(`${profile.name}: a dealer admin manages API clients`, () => {
    test('create, copy the secret once, revoke', { timeout: 180_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: ADMIN_IP[profile.name] });
      const { page, context } = journey;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
      const shot = (name, opts) => journey.shot(`api-clients-${name}`, opts);
      const step = stepper(t, journey);
      const name = `Nightly sync (${profile.name})`;
      let clientId;
      let secret;

      try {
        await step('the admin opens API clients from the store tabs', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'nav-api-clients').click();
          await expectPath(page, /^\/admin\/api-clients$/);
          await byTestId(page, 'api-client-form').waitFor();
          await shot('01-list', { fullPage: true });
        });

        await step('a name is required', async () => {
          await byTestId(page, 'api-client-create').click();
          await expectText(byTestId(page, 'api-client-name-error'), /Name the client/, 'name error');
        });

        await step('creating shows the secret once, and Copy puts it on the clipboard', async () => {
          await byTestId(page, 'api-client-name').fill(name);
          await byTestId(page, 'api-client-scope-positions-write').uncheck();
          await byTestId(page, 'api-client-create').click();
          await byTestId(page, 'api-client-secret-panel').waitFor();
          clientId = await byTestId(page, 'api-client-id').inputValue();
          secret = await byTestId(page, 'api-client-secret').inputValue();
          assert.match(clientId, /^rpc_/);
          assert.match(secret, /^rps_[A-Za-z0-9_-]{40,}$/);
          await byTestId(page, 'api-client-secret-copy').click();
          await expectText(byTestId(page, 'api-client-secret-copy'), 'Copied', 'copy button');
          assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret, 'clipboard');
          const row = byTestId(page, 'api-client-row', `:has-text("${name}")`);
          await expectText(row.locator('[data-testid="api-client-status"]'), 'Active', 'status');
          await shot('02-secret-once', { fullPage: true });
        });

        await step('the secret gets a token without the unticked scope', async () => {
          const { status, body } = await requestToken(clientId, secret);
          assert.equal(status, 200, JSON.stringify(body));
          assert.equal(body.token_type, 'Bearer');
          assert.ok(!body.scope.split(' ').includes('positions:write'), body.scope);
          assert.ok(body.scope.split(' ').includes('contracts:write'), body.scope);
        });

        await step('once stored, the secret is gone from the page', async () => {
          await byTestId(page, 'api-client-secret-done').click();
          await page.locator('[data-testid="api-client-secret-panel"]').waitFor({ state: 'detached' });
          assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
          await page.reload();
          await byTestId(page, 'api-client-row', `:has-text("${name}")`).waitFor();
          assert.ok(!(await page.content()).includes(secret), 'not after a reload either');
        });

        await step('revoking asks first, then ends the client', async () => {
          const row = byTestId(page, 'api-client-row', `:has-text("${name}")`);
          await row.locator('[data-testid="api-client-revoke"]').click();
          await row.locator('[data-testid="api-client-confirm"]').waitFor();
          await shot('03-confirm-revoke', { fullPage: true });
          await row.locator('[data-testid="api-client-confirm-yes"]').click();
          await expectText(row.locator('[data-testid="api-client-status"]'), 'Revoked', 'status');
          await shot('04-revoked', { fullPage: true });
          const { status, body } = await requestToken(clientId, secret);
          assert.equal(status, 401, JSON.stringify(body));
          assert.equal(body.error, 'invalid_client');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
