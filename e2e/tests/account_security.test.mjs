// The signed-in user's own login, in real Chromium on a desktop (1280x800), against the
// mail-flow server (E2E_MAIL_BASE_URL): the journey server's demo user must keep its password.
// Account menu -> "Change password": a wrong current password is refused, the right one
// changes it (notice emailed) -> a second device logs in with the new password -> "Log out of
// all devices" (confirmed) -> the login page, and the second device is logged out too.
// Screenshots: desktop-security-NN-*.png. Runs before password_reset.test.mjs (file order),
// which resets this user's password by email and does not depend on the old one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  MAILDIR,
  MAIL_BASE_URL,
  PROFILES,
  byTestId,
  expectPath,
  expectText,
  launchBrowser,
  openAccountMenu,
  openJourney,
  readMaildir,
  stepper,
  waitForMail,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const NEW_PASSWORD = 'harbor lantern thistle 83';
const SUMMIT_ACCOUNT = 'S10001';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
/** This spec's own client address for the per-IP rate limits (see openJourney). */
const CLIENT_IP = '198.51.100.31';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function logIn(page, password) {
  await page.goto('/login');
  await byTestId(page, 'login-input').fill(CUSTOMER.login);
  await byTestId(page, 'password-input').fill(password);
  await byTestId(page, 'login-submit').click();
  // The picker the first time; the remembered account afterwards.
  const path = await expectPath(page, /^\/accounts$|^\/a\/[0-9a-f-]{36}$/);
  if (path === '/accounts') {
    await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
  }
  await expectPath(page, ACCOUNT_PATH);
  await expectText(byTestId(page, 'account-switcher'), SUMMIT_ACCOUNT, 'the Summit account');
  await byTestId(page, 'home-tiles').waitFor();
}

describe(
  'desktop 1280x800: change password and log out of all devices',
  { skip: !(MAIL_BASE_URL && MAILDIR) && 'E2E_MAIL_BASE_URL and E2E_MAILDIR are not set' },
  () => {
    test('account menu -> change password -> log out everywhere', { timeout: 180_000 }, async (t) => {
      const options = { baseURL: MAIL_BASE_URL, clientIp: CLIENT_IP };
      const journey = await openJourney(browser, PROFILES.desktop, options);
      const other = await openJourney(browser, PROFILES.desktop, options);
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`security-${name}`, opts);
      const step = stepper(t, journey);
      const seenBefore = new Set(readMaildir().map((m) => m.file));
      let homeUrl;

      try {
        await step('the account menu names the user and offers the password change', async () => {
          await logIn(page, CUSTOMER.password);
          homeUrl = page.url();
          await openAccountMenu(page);
          await expectText(byTestId(page, 'account-menu-wrap'), CUSTOMER.login, 'the login in the menu');
          await byTestId(page, 'logout-all-button').waitFor();
          await shot('01-menu');
          await byTestId(page, 'change-password-link').click();
          await expectPath(page, /^\/account\/password$/);
          await byTestId(page, 'change-password-form').waitFor();
          await shot('02-form');
        });

        await step('a wrong current password is refused under that field', async () => {
          await byTestId(page, 'change-current').fill('not-my-password');
          await byTestId(page, 'change-new').fill(NEW_PASSWORD);
          await byTestId(page, 'change-confirm').fill(NEW_PASSWORD);
          await byTestId(page, 'change-submit').click();
          await expectText(byTestId(page, 'change-error'), 'not your current password', 'wrong current');
          assert.equal(await byTestId(page, 'change-current').getAttribute('aria-invalid'), 'true');
          assert.equal(await byTestId(page, 'change-current').inputValue(), '', 'cleared for a retry');
          await shot('03-wrong-current');
        });

        await step('the right one changes the password; this browser stays logged in', async () => {
          await byTestId(page, 'change-current').fill(CUSTOMER.password);
          await byTestId(page, 'change-submit').click();
          await expectText(byTestId(page, 'change-done'), 'Your password has been changed', 'done');
          await shot('04-done');
          await byTestId(page, 'change-back').click();
          await expectPath(page, ACCOUNT_PATH);
          await byTestId(page, 'home-tiles').waitFor();
          await waitForMail(
            (m) => !seenBefore.has(m.file) && m.raw.toLowerCase().includes(CUSTOMER.login) && /password was changed/i.test(m.text),
            'the "password was changed" notice',
          );
        });

        await step('a second device logs in with the new password', async () => {
          await logIn(other.page, NEW_PASSWORD);
          other.assertNoErrors();
        });

        await step('"Log out of all devices" asks first, then logs out here', async () => {
          await openAccountMenu(page);
          await byTestId(page, 'logout-all-button').click();
          await byTestId(page, 'logout-all-dialog').waitFor();
          await shot('05-confirm');
          await byTestId(page, 'logout-all-cancel').click();
          assert.equal(await page.locator('[data-testid="logout-all-dialog"]').count(), 0, 'cancel closes');
          await expectPath(page, ACCOUNT_PATH, 'still here after cancel');
          await openAccountMenu(page);
          await byTestId(page, 'logout-all-button').click();
          await byTestId(page, 'logout-all-confirm').click();
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-form').waitFor();
          await shot('06-logged-out');
        });

        await step('the other device is logged out too, and a reload here stays out', async () => {
          await other.page.goto(homeUrl);
          await expectPath(other.page, /^\/login$/, 'the other device is sent to log in');
          other.assertNoErrors();
          await page.goto(homeUrl);
          await expectPath(page, /^\/login$/, 'the refresh cookie is gone here too');
        });

        await step('the old password no longer works; the new one does', async () => {
          await page.goto('/login');
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill(CUSTOMER.password);
          await byTestId(page, 'login-submit').click();
          await expectText(byTestId(page, 'login-error'), 'Login or password is incorrect', 'old password refused');
          await logIn(page, NEW_PASSWORD);
        });
      } finally {
        await other.context.close();
        await journey.context.close();
      }
    });
  },
);
