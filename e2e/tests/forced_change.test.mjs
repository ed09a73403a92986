// The forced password change after an admin reset (A8) in real Chromium at phone size
// (390x844), against the mail-flow server (E2E_MAIL_BASE_URL: real SMTP into E2E_MAILDIR).
// Independent of the other mail specs (which change the demo user's password): a fresh user
// is made first through the API — the Summit admin invites an unused eligible customer
// (looked up in E2E_MAIL_DB_PATH), the invitation is accepted with a password — then:
// the admin resets that user's password -> the temporary password is read from the email ->
// logging in with it lands on /change-password with the banner -> no other page opens ->
// a new password continues to the account home -> the temporary password no longer works,
// the new one does. Screenshots: phone-forced-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  MAILDIR,
  MAIL_BASE_URL,
  MAIL_DB_PATH,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  expectPath,
  expectText,
  launchBrowser,
  logOut,
  openJourney,
  readMaildir,
  stepper,
  unusedCustomers,
  waitForMail,
} from '../lib/harness.mjs';

const FIRST_PASSWORD = 'orchard pebble canyon 28';
const NEW_PASSWORD = 'meadow beacon juniper 74';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
/** This spec's own client address for the per-IP rate limits (see openJourney). */
const CLIENT_IP = '198.51.100.51';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The newest unseen email to `to` whose text matches `re`, once it arrives. */
function mailTo(to, re, seen, what) {
  return waitForMail((m) => !seen.has(m.file) && m.raw.toLowerCase().includes(to) && re.test(m.text), what);
}

describe(
  'phone 390x844: forced password change after an admin reset',
  {
    skip:
      !(MAIL_BASE_URL && MAILDIR && MAIL_DB_PATH) &&
      'E2E_MAIL_BASE_URL, E2E_MAILDIR and E2E_MAIL_DB_PATH are not set',
  },
  () => {
    test('temporary password -> forced change -> home', { timeout: 180_000 }, async (t) => {
      const [customer] = unusedCustomers('summit', MAIL_DB_PATH);
      assert.ok(customer, 'an eligible Summit customer nobody uses yet on the mail server');
      const email = customer.email.trim().toLowerCase();
      const journey = await openJourney(browser, PROFILES.phone, { baseURL: MAIL_BASE_URL, clientIp: CLIENT_IP });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`forced-${name}`, opts);
      const step = stepper(t, journey);
      const seen = new Set(readMaildir().map((m) => m.file));
      let temporary;
      let userId;

      try {
        await step('a fresh user: invited and accepted through the API', async () => {
          const admin = await apiLogin(MAIL_BASE_URL, SUMMIT_ADMIN, CLIENT_IP);
          const sent = await callApi(MAIL_BASE_URL, `/admin/customers/${customer.id}/invitations`, {
            method: 'POST',
            token: admin,
            body: { email },
            clientIp: CLIENT_IP,
          });
          assert.equal(sent.status, 201, `invited: ${JSON.stringify(sent.body)}`);
          const mail = await mailTo(email, /invitation\?token=/, seen, 'the invitation email');
          seen.add(mail.file);
          const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
          const accepted = await callApi(MAIL_BASE_URL, '/invitations/accept', {
            method: 'POST',
            body: { token, new_password: FIRST_PASSWORD },
            clientIp: CLIENT_IP,
          });
          assert.equal(accepted.status, 200, `accepted: ${JSON.stringify(accepted.body)}`);
          userId = accepted.body.user.id;
        });

        await step('the admin resets the password; the email carries a temporary one', async () => {
          const admin = await apiLogin(MAIL_BASE_URL, SUMMIT_ADMIN, CLIENT_IP);
          const reset = await callApi(MAIL_BASE_URL, `/admin/users/${userId}/reset-password`, {
            method: 'POST',
            token: admin,
            clientIp: CLIENT_IP,
          });
          assert.equal(reset.status, 204, `reset: ${JSON.stringify(reset.body)}`);
          const mail = await mailTo(email, /temporary password/i, seen, 'the temporary password email');
          temporary = /temporary\s+password\s+is:\s*([A-Za-z0-9-]+)/i.exec(mail.text)?.[1];
          assert.ok(temporary, `a temporary password in ${mail.file}`);
          assert.ok(!mail.text.includes(FIRST_PASSWORD), 'never the old password');
        });

        await step('logging in with it lands on the forced change', async () => {
          await page.goto('/login');
          await byTestId(page, 'login-input').fill(email);
          await byTestId(page, 'password-input').fill(temporary);
          await byTestId(page, 'login-submit').click();
          await expectPath(page, /^\/change-password$/);
          await expectText(byTestId(page, 'change-forced'), 'Your store reset your password', 'the banner');
          assert.equal(
            await page.locator('[data-testid="change-current"]').count(),
            0,
            'the spent temporary password is not asked for again',
          );
          await shot('01-forced');
        });

        await step('nothing else opens until the password is changed', async () => {
          for (const path of [`/a/${customer.id}`, '/accounts', `/a/${customer.id}/contracts`]) {
            await page.goto(path);
            await expectPath(page, /^\/change-password$/, `${path} sends back`);
            await byTestId(page, 'change-forced').waitFor();
          }
        });

        await step('a too short password is refused, then a new one continues home', async () => {
          await byTestId(page, 'change-new').fill('short');
          await byTestId(page, 'change-confirm').fill('short');
          await byTestId(page, 'change-submit').click();
          await expectText(byTestId(page, 'change-error'), 'at least 8 characters', 'too short');
          await shot('02-too-short');
          await byTestId(page, 'change-new').fill(NEW_PASSWORD);
          await byTestId(page, 'change-confirm').fill(NEW_PASSWORD);
          await byTestId(page, 'change-submit').click();
          await expectPath(page, ACCOUNT_PATH, 'the account home');
          await byTestId(page, 'home-tiles').waitFor();
          await expectText(byTestId(page, 'account-switcher'), customer.account_number, 'the account');
          await shot('03-home', { fullPage: true });
        });

        await step('the temporary password no longer works; the new one does', async () => {
          await logOut(page);
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-input').fill(email);
          await byTestId(page, 'password-input').fill(temporary);
          await byTestId(page, 'login-submit').click();
          await expectText(byTestId(page, 'login-error'), 'Login or password is incorrect', 'temp refused');
          await shot('04-temp-refused');
          await byTestId(page, 'password-input').fill(NEW_PASSWORD);
          await byTestId(page, 'login-submit').click();
          await expectPath(page, ACCOUNT_PATH);
          await byTestId(page, 'home-tiles').waitFor();
        });
      } finally {
        await journey.context.close();
      }
    });
  },
);
