// Call-off (D2, D3) and the store's inbox (H7) in real Chromium.
//
// Phone (390x844), against the mail-flow server (E2E_MAIL_BASE_URL: real SMTP to a test server
// writing into E2E_MAILDIR): a Summit customer with items on rent that nobody uses yet
// (looked up in E2E_MAIL_DB_PATH) gets a login through an invitation (API); in the browser
// that user opens "Call off" from the home tiles -> select
// mode -> three items on rent -> the sticky "3 selected — Call off" bar -> pickup date, site,
// returner and notes -> "Submit request for pickup" -> a confirmation number and the server's
// time -> the store's email and the customer's copy arrive at the SMTP server -> the items
// show "call-off requested". A dealer staff member (second browser context, desktop) finds it
// in the inbox, acknowledges and schedules the pickup; the customer sees "Scheduled" with the
// date and the status emails arrive. Screenshots: phone-calloff-NN-*.png, desktop-inbox-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  MAILDIR,
  MAIL_BASE_URL,
  MAIL_DB_PATH,
  PROFILES,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  loginByInvitation,
  openJourney,
  queryDb,
  readMaildir,
  stepper,
  unusedCustomers,
  waitForMail,
} from '../lib/harness.mjs';

const PASSWORD = 'tractor meadow lantern 39';
const STAFF = { login: 'staff@summit.example', password: 'staff-pass-123' };
/** Where the customer's copy goes: the returner typed on the form, not the login's email. */
const RETURNER = { name: 'Pat Foreman', phone: '(303) 555-0123', email: 'pat.foreman@site-crew.example' };
const NOTES = 'Behind the blue site office, gate code 4711.';
const CUSTOMER_IP = '198.51.100.61';
const STAFF_IP = '198.51.100.62';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** `YYYY-MM-DD` of the local day `days` from today (the browser runs in America/Denver). */
function isoDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const local = new Date(d.toLocaleString('en-US', { timeZone: 'America/Denver' }));
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** An eligible Summit customer nobody uses yet on the mail server, with 3+ items out. */
function customerWithItemsOut() {
  const onRent = new Set(
    queryDb(
      `SELECT lower(hex(k.customer_id)) AS hex_id FROM contract_lines cl JOIN contracts k ON k.id = cl.contract_id
       WHERE cl.kind = 'rental' AND cl.status = 'out' GROUP BY k.customer_id HAVING COUNT(*) >= 3`,
      MAIL_DB_PATH,
    ).map((r) => r.hex_id),
  );
  return unusedCustomers('summit', MAIL_DB_PATH).reverse().find((c) => onRent.has(c.hex_id));
}

describe(
  'phone 390x844: call off three items; the store acknowledges and schedules',
  {
    skip:
      !(MAIL_BASE_URL && MAILDIR && MAIL_DB_PATH) &&
      'E2E_MAIL_BASE_URL, E2E_MAILDIR and E2E_MAIL_DB_PATH are not set',
  },
  () => {
    test('call-off with evidence, store inbox, status for the customer', { timeout: 300_000 }, async (t) => {
      const journey = await openJourney(browser, PROFILES.phone, { baseURL: MAIL_BASE_URL, clientIp: CUSTOMER_IP });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`calloff-${name}`, opts);
      const step = stepper(t, journey);
      const staff = await openJourney(browser, PROFILES.desktop, { baseURL: MAIL_BASE_URL, clientIp: STAFF_IP });
      const staffShot = (name, opts) => staff.shot(`inbox-${name}`, opts);
      const seenMail = new Set(readMaildir().map((m) => m.file));
      const pickupDate = isoDay(2);
      const scheduledDate = isoDay(3);
      let accountPath;
      let chosen = [];
      let number;

      try {
        await step('a site lead with items on rent logs in on the phone', async () => {
          const customer = customerWithItemsOut();
          assert.ok(customer, 'a Summit customer nobody uses yet with three items out');
          const credentials = await loginByInvitation(customer, seenMail, {
            password: PASSWORD,
            displayName: 'Robin Sitelead',
            customerIp: CUSTOMER_IP,
            staffIp: STAFF_IP,
          });
          await logIn(page, credentials);
          accountPath = await expectPath(page, /^\/a\/[0-9a-f-]{36}$/, 'one account: straight to its home');
          await byTestId(page, 'home-tiles').waitFor();
          await byTestId(page, 'tile-call-off').waitFor();
          await shot('01-home', { fullPage: true });
        });

        await step('the "Call off" tile opens the items on rent in select mode', async () => {
          await byTestId(page, 'tile-call-off').click();
          await expectPath(page, /\/rentals$/);
          await byTestId(page, 'rentals-page').waitFor();
          await expectCount(byTestId(page, 'rental-item'), (n) => n >= 3, 'items on rent');
          await expectCount(byTestId(page, 'select-item'), (n) => n >= 3, 'selectable items');
          await shot('02-select-mode');
        });

        await step('selecting three items shows the sticky bar "3 selected"', async () => {
          const boxes = byTestId(page, 'select-item');
          for (let i = 0; i < 3; i++) {
            const box = boxes.nth(i);
            chosen.push(await box.getAttribute('data-line-id'));
            await box.check();
          }
          const bar = byTestId(page, 'calloff-bar');
          await expectText(bar, '3 selected', 'the selection bar');
          const { position, bottom } = await bar.evaluate((el) => ({
            position: getComputedStyle(el).position,
            bottom: el.getBoundingClientRect().bottom,
          }));
          assert.ok(['fixed', 'sticky'].includes(position), `the bar sticks (position: ${position})`);
          assert.ok(bottom <= 844 + 1, `the bar is on screen (bottom ${bottom})`);
          await shot('03-three-selected');
        });

        await step('the form lists the three items and refuses a pickup date in the past', async () => {
          await byTestId(page, 'calloff-button').click();
          await byTestId(page, 'calloff-form').waitFor();
          await expectCount(byTestId(page, 'chosen-item'), 3, 'items on the form');
          const site = await byTestId(page, 'calloff-site-address').inputValue();
          assert.ok(site.trim().length > 0, 'the site address is prefilled from the job site');
          await byTestId(page, 'calloff-pickup-date').fill(isoDay(-3));
          await byTestId(page, 'contact-name').fill(RETURNER.name);
          await byTestId(page, 'contact-phone').fill(RETURNER.phone);
          await byTestId(page, 'contact-email').fill(RETURNER.email);
          await byTestId(page, 'calloff-notes').fill(NOTES);
          await byTestId(page, 'calloff-submit').click();
          await expectText(byTestId(page, 'calloff-pickup-date-error'), /past|today/i, 'the date error');
          await shot('04-form-error', { fullPage: true });
        });

        await step('submitting shows a confirmation number and the server time', async () => {
          await byTestId(page, 'calloff-pickup-date').fill(pickupDate);
          await byTestId(page, 'calloff-submit').click();
          await byTestId(page, 'request-confirmation').waitFor();
          number = await expectText(byTestId(page, 'confirmation-number'), /^CO-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'number');
          await expectText(byTestId(page, 'confirmation-time'), /\d/, 'the server timestamp');
          await expectCount(byTestId(page, 'confirmation-item'), 3, 'items confirmed');
          await expectText(byTestId(page, 'confirmation-billing'), /bill/i, 'when billing stops');
          await shot('05-confirmation', { fullPage: true });
        });

        await step("the store's email and the customer's copy arrive at the SMTP server", async () => {
          const withNumber = (m) => !seenMail.has(m.file) && m.text.includes(number);
          const copy = await waitForMail(
            (m) => withNumber(m) && m.raw.toLowerCase().includes(`to: ${RETURNER.email}`),
            `the customer's copy of ${number} to ${RETURNER.email}`,
          );
          assert.ok(copy.text.includes(NOTES), 'the copy repeats the notes');
          const store = await waitForMail(
            (m) => withNumber(m) && !m.raw.toLowerCase().includes(`to: ${RETURNER.email}`),
            `the store's email about ${number}`,
          );
          assert.ok(store.text.includes(RETURNER.phone), "the store's email names the returner's phone");
          const copies = readMaildir().filter((m) => withNumber(m) && m.raw.toLowerCase().includes(`to: ${RETURNER.email}`));
          assert.equal(copies.length, 1, 'one copy, not two');
        });

        await step('back on the list, the three items show "call-off requested"', async () => {
          await page.goto(`${accountPath}/rentals`);
          await byTestId(page, 'rentals-page').waitFor();
          for (const lineId of chosen) {
            const item = byTestId(page, 'rental-item', `[data-line-id="${lineId}"]`);
            await expectText(item.locator('[data-testid="open-request"]'), number, `item ${lineId} names the request`);
          }
          await shot('06-requested');
        });

        await step('the staff member finds it in the inbox and acknowledges it', async () => {
          await logIn(staff.page, STAFF);
          await expectPath(staff.page, /^\/admin$/, 'staff land on the admin home');
          await byTestId(staff.page, 'admin-tile-requests').click();
          await expectPath(staff.page, /^\/admin\/requests$/, 'the Requests tile opens the inbox');
          const row = byTestId(staff.page, 'inbox-row', `[data-request-number="${number}"]`);
          await row.waitFor();
          await staffShot('01-list');
          await row.click();
          await expectText(byTestId(staff.page, 'request-number'), number);
          await expectCount(byTestId(staff.page, 'request-line'), 3, 'items in the request');
          await byTestId(staff.page, 'action-acknowledge').click();
          await expectText(byTestId(staff.page, 'request-status'), /acknowledged/i, 'status after acknowledging');
        });

        await step('the staff member schedules the pickup', async () => {
          await byTestId(staff.page, 'schedule-date').fill(scheduledDate);
          await byTestId(staff.page, 'action-note').fill('Driver Sam, morning run.');
          await byTestId(staff.page, 'action-schedule').click();
          await expectText(byTestId(staff.page, 'request-status'), /scheduled/i, 'status after scheduling');
          await expectCount(staff.page.locator('[data-testid="request-timeline"] [data-testid="timeline-step"]'), (n) => n >= 3, 'timeline steps');
          await staffShot('02-scheduled', { fullPage: true });
        });

        await step('the customer sees "Scheduled" with the date, and the emails arrive', async () => {
          await page.goto(`${accountPath}/requests`);
          const row = byTestId(page, 'request-row', `:has-text("${number}")`);
          await row.first().waitFor();
          await row.first().click();
          await byTestId(page, 'request-detail').waitFor();
          await expectText(byTestId(page, 'request-status'), /scheduled/i, 'the customer sees the new status');
          await expectText(byTestId(page, 'request-timeline'), /Driver Sam/, 'the store note in the timeline');
          for (const what of [/acknowledged/i, /scheduled/i]) {
            await waitForMail(
              (m) => !seenMail.has(m.file) && m.text.includes(number) && what.test(m.raw.match(/^Subject: .*$/m)?.[0] ?? '')
                && m.raw.toLowerCase().includes(`to: ${RETURNER.email}`),
              `the ${what} email to ${RETURNER.email}`,
            );
          }
          await shot('07-status', { fullPage: true });
        });
      } finally {
        await staff.context.close();
        await journey.context.close();
      }
    });
  },
);

