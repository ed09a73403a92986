// Webhooks (I5) in real Chromium, against the journey server (E2E_BASE_URL, which allows
// loopback http endpoints: scripts/e2e.sh). Desktop (1280x800): the Summit dealer admin opens
// "Webhooks", adds an endpoint pointing at a receiver this spec runs on a local port, sees the
// signing secret once (whsec_), sends a test event and sees it delivered in the endpoint's
// delivery log (the receiver got it with the Standard Webhooks headers). Then the demo customer
// calls an item off on a phone-size page, and the call-off (request.created) shows up in the
// admin's delivery log within seconds, without a reload. Last the admin narrows the endpoint to
// request events (an empty choice is refused on the form), rotates its secret (confirmed in
// place; the new one shown once with the old one's overlap), disables and enables it, and
// deletes it (a cancel first, then confirmed).
// Screenshots: desktop-webhooks-NN-*.png, phone-webhooks-NN-*.png.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import {
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
  waitUntil,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const ADMIN_IP = '198.51.100.121';
const CUSTOMER_IP = '198.51.100.122';

function isoDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const local = new Date(d.toLocaleString('en-US', { timeZone: 'America/Denver' }));
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** A receiver on a free loopback port: records every POST, answers 200. */
function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, received, url: `http://127.0.0.1:${server.address().port}/hooks` }));
  });
}

let browser;
let receiver;
before(async () => {
  browser = await launchBrowser();
  receiver = await startReceiver();
});
after(async () => {
  receiver?.server.close();
  await browser?.close();
});

describe('webhooks: a dealer admin adds an endpoint and watches deliveries', () => {
  test('add, test event, a customer call-off in the log', { timeout: 240_000 }, async (t) => {
    const admin = await openJourney(browser, PROFILES.desktop, { clientIp: ADMIN_IP });
    const customer = await openJourney(browser, PROFILES.phone, { clientIp: CUSTOMER_IP });
    const { page } = admin;
    const shot = (name, opts) => admin.shot(`webhooks-${name}`, opts);
    const phoneShot = (name, opts) => customer.shot(`webhooks-${name}`, opts);
    const step = stepper(t, admin);
    const row = () => byTestId(page, 'webhook-row', `:has-text("${receiver.url}")`);
    const inRow = (id) => row().locator(`[data-testid="${id}"]`);
    let firstSecret;

    try {
      await step('the admin opens Webhooks from the store tabs', async () => {
        await logIn(page, SUMMIT_ADMIN);
        await expectPath(page, /^\/admin$/);
        await byTestId(page, 'nav-webhooks').click();
        await expectPath(page, /^\/admin\/webhooks$/);
        await byTestId(page, 'webhook-form').waitFor();
        await shot('01-empty', { fullPage: true });
      });

      await step('an internal URL is refused with a reason on the field', async () => {
        await byTestId(page, 'webhook-url').fill('ftp://backoffice.example/hooks');
        await byTestId(page, 'webhook-create').click();
        await expectText(byTestId(page, 'webhook-url-error'), /https/, 'the URL error');
      });

      await step('adding the endpoint shows its signing secret once', async () => {
        await byTestId(page, 'webhook-url').fill(receiver.url);
        await byTestId(page, 'webhook-description').fill('Back office (e2e)');
        await byTestId(page, 'webhook-create').click();
        await byTestId(page, 'webhook-secret-panel').waitFor();
        const secret = await byTestId(page, 'webhook-secret').inputValue();
        assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
        firstSecret = secret;
        await expectText(row().locator('[data-testid="webhook-status"]'), 'Enabled', 'status');
        await shot('02-secret-once', { fullPage: true });
        await byTestId(page, 'webhook-secret-done').click();
        await page.locator('[data-testid="webhook-secret-panel"]').waitFor({ state: 'detached' });
        assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
      });

      await step('"Send test event" delivers webhook.test, shown in the delivery log', async () => {
        await row().locator('[data-testid="webhook-send-test"]').click();
        const delivery = row().locator('[data-testid="webhook-delivery"][data-event-type="webhook.test"]');
        await expectText(delivery.locator('[data-testid="webhook-delivery-status"]'), 'Delivered', 'the test delivery');
        await expectText(delivery.locator('[data-testid="webhook-delivery-attempt"]'), /HTTP 200/, 'the attempt');
        const got = receiver.received.find((r) => r.body.includes('"webhook.test"'));
        assert.ok(got, 'the receiver got the test event');
        assert.match(got.headers['webhook-id'], /^msg_[0-9a-f]{32}$/);
        assert.match(got.headers['webhook-timestamp'], /^\d{10}$/);
        assert.match(got.headers['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}=$/);
        await shot('03-test-delivered', { fullPage: true });
        await admin.assertNoOverflow();
      });

      await step('the customer calls an item off on the phone', async () => {
        const p = customer.page;
        await logIn(p, CUSTOMER);
        await byTestId(p, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
        await byTestId(p, 'tile-call-off').click();
        await expectPath(p, /\/rentals$/);
        await expectCount(byTestId(p, 'select-item'), (n) => n >= 1, 'selectable items');
        await byTestId(p, 'select-item').first().check();
        await byTestId(p, 'calloff-button').click();
        await byTestId(p, 'calloff-form').waitFor();
        await byTestId(p, 'calloff-pickup-date').fill(isoDay(2));
        await byTestId(p, 'contact-name').fill('Pat Foreman');
        await byTestId(p, 'contact-phone').fill('(303) 555-0123');
        await byTestId(p, 'contact-email').fill('pat.foreman@site-crew.example');
        await byTestId(p, 'calloff-submit').click();
        await byTestId(p, 'request-confirmation').waitFor();
        await expectText(byTestId(p, 'confirmation-number'), /^CO-/, 'the confirmation number');
        await phoneShot('04-calloff-confirmed', { fullPage: true });
        customer.assertNoErrors();
      });

      await step('the call-off shows up in the delivery log within seconds', async () => {
        const started = Date.now();
        const delivery = row().locator('[data-testid="webhook-delivery"][data-event-type="request.created"]');
        await expectText(delivery.locator('[data-testid="webhook-delivery-status"]'), 'Delivered', 'the call-off delivery');
        const seconds = (Date.now() - started) / 1000;
        assert.ok(seconds < 10, `in the log after ${seconds} s`);
        await waitUntil(
          async () => receiver.received.find((r) => r.body.includes('"request.created"')),
          (got) => got !== undefined,
          'the receiver got the call-off',
        );
        await shot('05-calloff-in-log', { fullPage: true });
        admin.assertNoErrors();
      });

      await step('the admin narrows the endpoint to request events', async () => {
        await expectText(inRow('webhook-types'), 'All events', 'the types before');
        await inRow('webhook-edit').click();
        await inRow('webhook-edit-form').waitFor();
        await inRow('webhook-edit-types-only').check();
        await inRow('webhook-edit-save').click();
        await expectText(inRow('webhook-edit-types-error'), /at least one/, 'an empty choice is refused');
        await inRow('webhook-edit-type-request-created').check();
        await inRow('webhook-edit-type-request-status-changed').check();
        await inRow('webhook-edit-description').fill('Back office: requests only');
        await shot('06-edit-types', { fullPage: true });
        await inRow('webhook-edit-save').click();
        await inRow('webhook-edit-form').waitFor({ state: 'detached' });
        await expectText(inRow('webhook-types'), 'request.created, request.status_changed', 'the types after');
        await expectText(inRow('webhook-row-description'), 'Back office: requests only', 'the description');
      });

      await step('rotating the secret is confirmed and shows the new one with the overlap', async () => {
        await inRow('webhook-rotate').click();
        await expectText(inRow('webhook-confirm'), /24 hours/, 'the question');
        await inRow('webhook-confirm-yes').click();
        await inRow('webhook-secret-panel').waitFor();
        const secret = await inRow('webhook-secret').inputValue();
        assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
        assert.notEqual(secret, firstSecret, 'a new secret');
        await expectText(inRow('webhook-secret-overlap'), /keeps working until/, 'the overlap');
        await shot('07-rotated', { fullPage: true });
        await inRow('webhook-secret-done').click();
        await inRow('webhook-secret-panel').waitFor({ state: 'detached' });
      });

      await step('disable, then enable again', async () => {
        await inRow('webhook-disable').click();
        await expectText(inRow('webhook-status'), 'Disabled', 'disabled');
        await expectText(inRow('webhook-note'), /wait in its queue/, 'what disabling means');
        await inRow('webhook-enable').click();
        await expectText(inRow('webhook-status'), 'Enabled', 'enabled again');
      });

      await step('deleting asks first; cancel keeps it, confirming removes it', async () => {
        await inRow('webhook-delete').click();
        await expectText(inRow('webhook-confirm'), /Delete http/, 'the question');
        await inRow('webhook-confirm-no').click();
        await inRow('webhook-confirm').waitFor({ state: 'detached' });
        await inRow('webhook-delete').click();
        await inRow('webhook-confirm-yes').click();
        await row().waitFor({ state: 'detached' });
        await shot('08-deleted', { fullPage: true });
        admin.assertNoErrors();
      });
    } finally {
      await admin.context.close();
      await customer.context.close();
    }
  });
});
