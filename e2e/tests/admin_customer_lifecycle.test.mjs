// A customer's portal access from invitation to deactivation and back (issue 13, H2-H5), in
// real Chromium at desktop size (1280x800), against the mail-flow server (E2E_MAIL_BASE_URL:
// real SMTP into E2E_MAILDIR), with two people in two browser contexts:
//   the Summit dealer admin finds a customer nobody uses yet by typing part of its name in
//   "Customers", opens it and invites its email from the contacts (confirmed in place);
//   the person accepts the emailed invitation in their own browser and lands on the portal;
//   the admin deactivates them: their open portal sends them to the login page at its next
//   request, and logging in again is refused; the admin reactivates them and they log in.
// Screenshots: desktop-lifecycle-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  MAILDIR,
  MAIL_BASE_URL,
  MAIL_DB_PATH,
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  readMaildir,
  stepper,
  unusedCustomers,
  waitForMail,
} from '../lib/harness.mjs';

const ADMIN_IP = '198.51.100.121';
const PERSON_IP = '198.51.100.122';
const PASSWORD = 'quarry lantern meadow 58';
const NAME = 'Jordan Crane';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A word of the customer's name that finds it among others (not the legal suffix). */
function nameFragment(name) {
  const words = name.split(/\s+/).filter((w) => w.length >= 4 && !/^(llc|inc|ltd|corp|co)\.?$/i.test(w));
  return (words[0] ?? name).slice(0, 6).toLowerCase();
}

describe(
  'desktop 1280x800: a customer invited, deactivated and reactivated from the admin view (SMTP)',
  { skip: !(MAIL_BASE_URL && MAILDIR && MAIL_DB_PATH) && 'E2E_MAIL_BASE_URL, E2E_MAILDIR and E2E_MAIL_DB_PATH are not set' },
  () => {
    test('find by name -> invite -> accept -> deactivate -> logged out -> reactivate', { timeout: 240_000 }, async (t) => {
      // From the middle of the unused customers: the other mail-flow specs take them from the ends.
      const unused = unusedCustomers('summit', MAIL_DB_PATH);
      const customer = unused[Math.floor(unused.length / 2)];
      assert.ok(customer, 'an eligible Summit customer nobody uses yet');
      const email = customer.email.trim().toLowerCase();
      const fragment = nameFragment(customer.name);

      const admin = await openJourney(browser, PROFILES.desktop, { baseURL: MAIL_BASE_URL, clientIp: ADMIN_IP });
      const person = await openJourney(browser, PROFILES.desktop, { baseURL: MAIL_BASE_URL, clientIp: PERSON_IP });
      const page = admin.page;
      const shot = (name, opts) => admin.shot(`lifecycle-${name}`, opts);
      const personShot = (name, opts) => person.shot(`lifecycle-${name}`, opts);
      const step = stepper(t, admin);
      const userCard = () => byTestId(page, 'customer-user', `[data-login="${email}"]`);
      const seen = new Set(readMaildir().map((m) => m.file));

      try {
        await step('the admin finds the customer by typing part of its name', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin/);
          await page.goto('/admin/customers');
          await byTestId(page, 'customer-row').first().waitFor();
          await byTestId(page, 'filter-q').fill(fragment);
          const row = byTestId(page, 'customer-row', `[data-number="${customer.account_number}"]`).first();
          await row.waitFor();
          await shot('01-found-by-name');
          await row.locator('[data-testid="customer-open"]').click();
          await expectPath(page, new RegExp(`^/admin/customers/${customer.id}$`));
          await expectText(byTestId(page, 'customer-name'), customer.name, 'name');
          await byTestId(page, 'customer-no-users').waitFor();
        });

        await step('the admin invites the customer\'s email, confirming in place', async () => {
          const contact = byTestId(page, 'customer-contact', `[data-email="${email}"]`);
          await contact.locator('[data-testid="contact-invite"]').click();
          await contact.locator('[data-testid="confirm-yes"]').click();
          await byTestId(page, 'customer-invitation', `[data-email="${email}"]`).waitFor();
          await shot('02-invited', { fullPage: true });
        });

        let link;
        await step('the invitation arrives by SMTP with a link to this server', async () => {
          const mail = await waitForMail(
            (m) => !seen.has(m.file) && m.raw.toLowerCase().includes(email) && /invitation\?token=/.test(m.text),
            `the invitation to ${email}`,
          );
          link = /(https?:\/\/[^\s"<>]+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
          assert.ok(link?.startsWith(MAIL_BASE_URL), `a link to ${MAIL_BASE_URL} in ${mail.file}`);
        });

        await step('the person accepts it in their own browser and lands on the portal', async () => {
          await person.page.goto(link);
          await byTestId(person.page, 'invitation-page').waitFor();
          await byTestId(person.page, 'invitation-name').fill(NAME);
          await byTestId(person.page, 'invitation-password').fill(PASSWORD);
          await byTestId(person.page, 'invitation-confirm').fill(PASSWORD);
          await byTestId(person.page, 'invitation-accept').click();
          await byTestId(person.page, 'home-tiles').waitFor();
          await expectText(byTestId(person.page, 'account-switcher'), customer.account_number, 'their account');
          await personShot('03-person-home');
        });

        await step('the admin sees the new portal user, and deactivates them', async () => {
          await page.reload();
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Active', 'user status');
          await userCard().locator('[data-testid="user-deactivate"]').click();
          await userCard().locator('[data-testid="confirm-yes"]').click();
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Deactivated', 'user status');
          await shot('04-deactivated');
        });

        await step('the person\'s open portal ends at the login page, and logging in is refused', async () => {
          await person.page.reload();
          await byTestId(person.page, 'login-form').waitFor();
          await logIn(person.page, { login: email, password: PASSWORD });
          const refusal = await expectText(byTestId(person.page, 'login-error'), /./, 'a refusal');
          assert.doesNotMatch(refusal, /incorrect/i, 'not "wrong password": the password is right');
          assert.equal(await person.page.locator('[data-testid="home-tiles"]').count(), 0, 'no portal');
          await personShot('05-person-refused');
        });

        await step('the admin reactivates them, and they log in again', async () => {
          await userCard().locator('[data-testid="user-reactivate"]').click();
          await userCard().locator('[data-testid="confirm-yes"]').click();
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Active', 'user status');
          await logIn(person.page, { login: email, password: PASSWORD });
          await byTestId(person.page, 'home-tiles').waitFor();
          await expectText(byTestId(person.page, 'account-switcher'), customer.account_number, 'their account');
          await personShot('06-person-back');
        });
      } finally {
        await admin.context.close();
        await person.context.close();
      }
    });
  },
);
