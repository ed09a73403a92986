// Service request (D4), feedback (G1, H8), contract PDF (C5) and tracking (D5) in real
// Chromium at desktop size (1280x800), against the journey server (E2E_BASE_URL, dev mailbox):
// the demo customer selects an item on rent -> "Service request" -> breakdown with a
// description -> confirmation number -> the request is in "My requests"; the feedback form ->
// sent -> listed; a contract's "Download PDF" saves a real PDF whose first page renders with
// pdftoppm; the tracking page shows the items with positions on our own SVG site map and an
// "Open in maps" link, and lists the ones without a position. The Summit dealer admin sees the
// service request in the inbox and the feedback in the feedback inbox.
// Screenshots: desktop-store-NN-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DOWNLOADS,
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
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const BREAKDOWN = 'Hydraulic hose burst on the boom, machine stopped. Oil on the ground.';
const SUBJECT = 'Invoice copies by post';
const MESSAGE = 'Could you send paper copies of our invoices to the site office as well?';
const CUSTOMER_IP = '198.51.100.71';
const ADMIN_IP = '198.51.100.72';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('desktop 1280x800: service request, feedback, contract PDF, tracking', () => {
  test('the customer asks for service, writes to the store, opens a PDF and tracks items', { timeout: 300_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.desktop, { clientIp: CUSTOMER_IP });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`store-${name}`, opts);
    const step = stepper(t, journey);
    let accountPath;
    let serviceNumber;

    try {
      await step('log in and open the Summit account', async () => {
        await logIn(page, CUSTOMER);
        await expectPath(page, /^\/accounts$/);
        await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
        accountPath = await expectPath(page, /^\/a\/[0-9a-f-]{36}$/);
        await byTestId(page, 'home-tiles').waitFor();
      });

      await step('a service request on one item gets a confirmation number', async () => {
        await page.goto(`${accountPath}/rentals`);
        await byTestId(page, 'rentals-page').waitFor();
        await expectCount(byTestId(page, 'select-item'), (n) => n > 0, 'checkboxes on desktop');
        await byTestId(page, 'select-item').first().check();
        await byTestId(page, 'service-button').click();
        await byTestId(page, 'service-form').waitFor();
        await expectCount(byTestId(page, 'chosen-item'), 1, 'the chosen item');
        await byTestId(page, 'service-kind-breakdown').check();
        await byTestId(page, 'service-description').fill(BREAKDOWN);
        await shot('01-service-form', { fullPage: true });
        await byTestId(page, 'service-submit').click();
        await byTestId(page, 'request-confirmation').waitFor();
        serviceNumber = await expectText(byTestId(page, 'confirmation-number'), /^SR-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'number');
        await shot('02-service-confirmation', { fullPage: true });
      });

      await step('the request is listed under "My requests" with its status', async () => {
        await byTestId(page, 'account-nav-requests').click();
        await expectPath(page, /\/requests$/, 'the "Requests" tab under the header');
        assert.equal(await byTestId(page, 'account-nav-requests').getAttribute('aria-current'), 'page');
        assert.equal(await byTestId(page, 'account-nav-home').getAttribute('aria-current'), null, 'only one tab is current');
        const row = byTestId(page, 'request-row', `:has-text("${serviceNumber}")`).first();
        await row.waitFor();
        await expectText(row.locator('[data-testid="request-status"]'), /requested/i, 'status');
        await shot('03-requests');
      });

      await step('feedback to the store is sent and listed', async () => {
        await page.goto(`${accountPath}/feedback`);
        await byTestId(page, 'feedback-form').waitFor();
        await byTestId(page, 'feedback-kind-question').check();
        await byTestId(page, 'feedback-subject').fill(SUBJECT);
        await byTestId(page, 'feedback-message').fill(MESSAGE);
        const email = await byTestId(page, 'feedback-email').inputValue();
        assert.equal(email, CUSTOMER.login, 'the reply address is prefilled');
        await byTestId(page, 'feedback-submit').click();
        await byTestId(page, 'feedback-sent').waitFor();
        await expectText(byTestId(page, 'feedback-list'), SUBJECT, 'the message in the list');
        await shot('04-feedback', { fullPage: true });
      });

      await step('"Download PDF" saves a real contract PDF that renders', async () => {
        await page.goto(`${accountPath}/contracts`);
        await byTestId(page, 'contract-row', ':has([data-status="open"])').first().locator('a').first().click();
        await byTestId(page, 'contract-detail').waitFor();
        const number = (await byTestId(page, 'contract-number').textContent()).trim();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          byTestId(page, 'contract-pdf-download').click(),
        ]);
        assert.match(download.suggestedFilename(), /^contract-.+\.pdf$/, 'file name');
        mkdirSync(DOWNLOADS, { recursive: true });
        const file = join(DOWNLOADS, download.suggestedFilename());
        await download.saveAs(file);
        const prefix = join(DOWNLOADS, 'contract-page');
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
        const png = `${prefix}.png`;
        assert.ok(existsSync(png) && statSync(png).size > 5_000, `pdftoppm rendered page 1 of ${number}`);
        await shot('05-contract');
      });

      await step('tracking shows positions on our own map, with a list fallback', async () => {
        await byTestId(page, 'account-nav-tracking').click();
        await byTestId(page, 'tracking-page').waitFor();
        await expectCount(byTestId(page, 'tracking-item'), (n) => n > 0, 'items on rent');
        await expectCount(byTestId(page, 'map-marker'), (n) => n > 0, 'markers on the site map');
        const link = await byTestId(page, 'tracking-open-map').first().getAttribute('href');
        assert.match(link, /^https:\/\/www\.openstreetmap\.org\/\?mlat=-?\d/, 'open in maps link');
        await expectText(byTestId(page, 'tracking-ago').first(), /ago|now/i, 'last seen');
        const external = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)),
        );
        assert.deepEqual(external, [], 'nothing is loaded from the internet');
        await shot('06-tracking', { fullPage: true });
      });
    } finally {
      await journey.context.close();
    }
  });

  test('the dealer admin sees the service request and the feedback', { timeout: 120_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.desktop, { clientIp: ADMIN_IP });
    const { page } = journey;
    const step = stepper(t, journey);
    try {
      await step('the inbox lists the service request; the feedback inbox the message', async () => {
        await logIn(page, SUMMIT_ADMIN);
        await expectPath(page, /^\/admin$/, 'admins land on the admin home');
        await byTestId(page, 'nav-inbox').click();
        await expectPath(page, /^\/admin\/requests$/, 'the Requests tab opens the inbox');
        await expectText(byTestId(page, 'inbox-list'), /SR-/, 'a service request in the inbox');
        await journey.shot('store-07-admin-inbox');
        await byTestId(page, 'nav-feedback').click();
        await expectText(byTestId(page, 'feedback-list'), SUBJECT, 'the feedback in the feedback inbox');
        await journey.shot('store-08-admin-feedback');
      });
    } finally {
      await journey.context.close();
    }
  });
});
