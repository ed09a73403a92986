// Invitations (A4) in real Chromium at phone size (390x844), against the journey server
// (E2E_BASE_URL, development mailbox). The Summit dealer admin invites through the API (there
// is no admin screen yet); the link is read from the dev mailbox.
//
// A new user: two eligible Summit customers nobody uses yet are looked up in the server's
// database (E2E_DB_PATH; highest account numbers, so not the one registration.test.mjs
// registers) -> the admin invites the first one's own email -> the link shows "You're invited
// to ... at Summit" -> a mismatched and a breached password are refused -> name and a strong
// password -> signed in on that account's home -> the link does not work twice.
// An existing user: the second customer's email is set (sqlite3) to the same address -> the
// admin invites it -> signed out, the link says "Log in as ... to accept" -> the login page
// (prefilled) comes back to the invitation -> "Add ... to your accounts" -> both accounts are
// in the account switcher. As that account's owner, the user invites a colleague with view-only
// rights; the colleague accepts and sees neither the call-off tile nor the checkboxes that
// start a call-off (A12: permissions reflected in the UI); a mistaken invitation is revoked
// from the users page. Screenshots: phone-invite-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  DB_PATH,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  cssVar,
  execDb,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logOut,
  openAccountMenu,
  openJourney,
  stepper,
  unusedCustomers,
  waitUntil,
} from '../lib/harness.mjs';

const PASSWORD = 'willow compass harbor 62';
const NAME = 'Jordan Invitee';
const COLLEAGUE = 'colleague-e2e@invited.example';
const MISTAKE = 'wrong-person@invited.example';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
/**
 * This spec's own client addresses for the per-IP rate limits (see openJourney): opening and
 * accepting invitations share a small burst, so each case has its own, and the admin's API
 * calls another.
 */
const CLIENT_IP = '198.51.100.41';
const SECOND_CLIENT_IP = '198.51.100.42';
const ADMIN_IP = '198.51.100.43';
const COLLEAGUE_IP = '198.51.100.44';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The admin invites `email` to the customer; the invitation link from the dev mailbox. */
async function invite(customerId, email) {
  const token = await apiLogin(BASE_URL, SUMMIT_ADMIN, ADMIN_IP);
  const seen = new Set((await callApi(BASE_URL, '/dev/mailbox', { clientIp: ADMIN_IP })).body.map((m) => m.id));
  const sent = await callApi(BASE_URL, `/admin/customers/${customerId}/invitations`, {
    method: 'POST',
    token,
    body: { email },
    clientIp: ADMIN_IP,
  });
  assert.equal(sent.status, 201, `invitation sent: ${JSON.stringify(sent.body)}`);
  const mail = await waitUntil(
    async () =>
      (await callApi(BASE_URL, '/dev/mailbox', { clientIp: ADMIN_IP })).body.find(
        (m) => !seen.has(m.id) && m.kind === 'invitation' && m.to.toLowerCase() === email.toLowerCase(),
      ) ?? null,
    (found) => found !== null,
    `the invitation email to ${email} in the dev mailbox`,
  );
  const link = /(https?:\/\/[^\s"<>]+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
  assert.ok(link, `an invitation link in: ${mail.body_text}`);
  assert.ok(link.startsWith(BASE_URL), `the link points at this server: ${link}`);
  return link;
}

describe('phone 390x844: invitations', { skip: !DB_PATH && 'E2E_DB_PATH is not set' }, () => {
  test('a new user, then an existing user, accept invitations', { timeout: 240_000 }, async (t) => {
    const [first, second] = unusedCustomers('summit');
    assert.ok(first && second, 'two eligible Summit customers nobody uses yet');
    const email = first.email.trim().toLowerCase();
    const journey = await openJourney(browser, PROFILES.phone, { clientIp: CLIENT_IP });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`invite-${name}`, opts);
    const step = stepper(t, journey);
    let link;

    try {
      await step('the invitation link shows whose account it is, in the dealer colours', async () => {
        link = await invite(first.id, email);
        await page.goto(link);
        await byTestId(page, 'invitation-page').waitFor();
        await expectText(
          byTestId(page, 'invitation-title'),
          `You're invited to ${first.name} at ${first.dealer}`,
          'the invitation heading',
        );
        assert.equal(await byTestId(page, 'invitation-email').inputValue(), email, 'the login is the email');
        assert.equal(
          (await cssVar(page, '.login-screen', '--brand-primary')).toLowerCase(),
          first.primary_color.toLowerCase(),
          'the inviting dealer colour',
        );
        await shot('01-new-user', { fullPage: true });
      });

      await step('mismatched and breached passwords are refused', async () => {
        await byTestId(page, 'invitation-password').fill(PASSWORD);
        await byTestId(page, 'invitation-confirm').fill(`${PASSWORD}!`);
        await byTestId(page, 'invitation-accept').click();
        await expectText(byTestId(page, 'invitation-error'), 'do not match', 'checked in the browser');
        await byTestId(page, 'invitation-password').fill('password123');
        await byTestId(page, 'invitation-confirm').fill('password123');
        await byTestId(page, 'invitation-accept').click();
        await expectText(byTestId(page, 'invitation-error'), /common|breach|guess/i, 'the server policy');
        assert.equal(await byTestId(page, 'invitation-password').getAttribute('aria-invalid'), 'true');
        await expectPath(page, /^\/invitation$/);
        await shot('02-weak-password', { fullPage: true });
      });

      await step('a name and a strong password: signed in on that account', async () => {
        await byTestId(page, 'invitation-name').fill(NAME);
        await byTestId(page, 'invitation-password').fill(PASSWORD);
        await byTestId(page, 'invitation-confirm').fill(PASSWORD);
        await byTestId(page, 'invitation-accept').click();
        await expectPath(page, ACCOUNT_PATH, 'the account home');
        assert.ok(page.url().endsWith(`/a/${first.id}`), `the invited account: ${page.url()}`);
        await byTestId(page, 'home-tiles').waitFor();
        await expectText(byTestId(page, 'account-switcher'), first.account_number, 'this account');
        await shot('03-home', { fullPage: true });
      });

      await step('the link works once', async () => {
        await page.goto(link);
        await expectText(byTestId(page, 'invitation-expired'), 'expired or was already used', 'spent link');
        await shot('04-used-link');
        await page.goto('/');
        await expectPath(page, ACCOUNT_PATH);
        await logOut(page);
        await expectPath(page, /^\/login$/);
      });

      await step('invited to a second account, the link asks to log in as that email', async () => {
        await journey.context.setExtraHTTPHeaders({ 'X-Forwarded-For': SECOND_CLIENT_IP });
        execDb(`UPDATE customers SET email = '${email}' WHERE id = x'${second.hex_id}'`);
        link = await invite(second.id, email);
        await page.goto(link);
        await expectText(
          byTestId(page, 'invitation-title'),
          `You're invited to ${second.name} at ${second.dealer}`,
          'the second invitation',
        );
        await expectText(byTestId(page, 'invitation-login'), `Log in as ${email} to accept`, 'log in first');
        assert.equal(await page.locator('[data-testid="invitation-password"]').count(), 0, 'no password form');
        await shot('05-existing-user');
      });

      await step('logging in comes back to the invitation', async () => {
        await byTestId(page, 'invitation-login').click();
        await expectPath(page, /^\/login$/);
        const next = new URL(page.url()).searchParams.get('next') ?? '';
        assert.match(next, /^\/invitation\?token=/, `returns to the invitation: ${page.url()}`);
        assert.equal(await byTestId(page, 'login-input').inputValue(), email, 'the login prefilled');
        await byTestId(page, 'password-input').fill(PASSWORD);
        await byTestId(page, 'login-submit').click();
        await expectPath(page, /^\/invitation$/);
        await expectText(
          byTestId(page, 'invitation-accept'),
          `Add ${second.name} to your accounts`,
          'the accept button',
        );
        await shot('06-accept');
      });

      await step('accepting adds the account to the switcher', async () => {
        await byTestId(page, 'invitation-accept').click();
        await expectText(byTestId(page, 'invitation-done'), `${second.name} was added`, 'added');
        await shot('07-added');
        await byTestId(page, 'invitation-open').click();
        await expectPath(page, ACCOUNT_PATH);
        assert.ok(page.url().endsWith(`/a/${second.id}`), `the new account: ${page.url()}`);
        await byTestId(page, 'home-tiles').waitFor();
        await byTestId(page, 'account-switcher').locator('button').click();
        for (const account of [first, second]) {
          await byTestId(page, 'account-switcher-option', `[data-account-number="${account.account_number}"]`).waitFor();
        }
        await shot('08-switcher');
      });

      await step('that link works once too', async () => {
        await page.keyboard.press('Escape');
        await page.goto(link);
        await byTestId(page, 'invitation-expired').waitFor();
      });

      await step('as the owner (first user of the account), the menu opens its users', async () => {
        await page.goto(`/a/${second.id}`);
        await byTestId(page, 'home-tiles').waitFor();
        await byTestId(page, 'tile-pay').waitFor();
        await openAccountMenu(page);
        await byTestId(page, 'users-link').click();
        await expectPath(page, /^\/a\/[0-9a-f-]{36}\/users$/);
        await expectText(byTestId(page, 'users-row', `[data-email="${email}"]`), 'Owner', 'the owner listed');
        await byTestId(page, 'users-invite-email').fill(COLLEAGUE);
        await byTestId(page, 'users-invite-pay').check();
        await byTestId(page, 'users-invite-pay').uncheck();
        await byTestId(page, 'users-invite-submit').click();
        await expectText(byTestId(page, 'users-invite-sent'), COLLEAGUE, 'invitation sent');
        await expectText(byTestId(page, 'users-pending', `[data-email="${COLLEAGUE}"]`), 'View', 'view only');
        await shot('09-users', { fullPage: true });
      });

      await step('the view-only colleague accepts and sees no Pay or call-off tile, no checkboxes', async () => {
        const mail = await waitUntil(
          async () =>
            (await callApi(BASE_URL, '/dev/mailbox', { clientIp: ADMIN_IP })).body.find(
              (m) => m.kind === 'invitation' && m.to.toLowerCase() === COLLEAGUE,
            ) ?? null,
          (found) => found !== null,
          `the invitation email to ${COLLEAGUE} in the dev mailbox`,
        );
        const colleagueLink = /(https?:\/\/[^\s"<>]+\/invitation\?token=[A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
        assert.ok(colleagueLink, `an invitation link in: ${mail.body_text}`);
        const colleague = await openJourney(browser, PROFILES.phone, { clientIp: COLLEAGUE_IP });
        try {
          const cp = colleague.page;
          await cp.goto(colleagueLink);
          await byTestId(cp, 'invitation-page').waitFor();
          await byTestId(cp, 'invitation-name').fill('Casey Colleague');
          await byTestId(cp, 'invitation-password').fill(PASSWORD);
          await byTestId(cp, 'invitation-confirm').fill(PASSWORD);
          await byTestId(cp, 'invitation-accept').click();
          await expectPath(cp, ACCOUNT_PATH);
          await byTestId(cp, 'home-tiles').waitFor();
          await byTestId(cp, 'tile-rentals').waitFor();
          await byTestId(cp, 'tile-invoices').waitFor();
          assert.equal(await cp.locator('[data-testid="tile-call-off"]').count(), 0, 'no call-off tile');
          assert.equal(await cp.locator('[data-testid="tile-pay"]').count(), 0, 'no Pay tile');
          await colleague.shot('invite-10-view-only-home', { fullPage: true });
          await cp.goto(`/a/${second.id}/invoices`);
          await byTestId(cp, 'invoices-page').waitFor();
          await cp.waitForLoadState('networkidle');
          assert.equal(await cp.locator('[data-testid="invoice-select"]').count(), 0, 'no invoices to tick for paying');
          assert.equal(await cp.locator('[data-testid="pay-bar"]').count(), 0, 'no pay bar');
          await cp.goto(`/a/${second.id}/pay`);
          await byTestId(cp, 'pay-not-allowed').waitFor();
          assert.equal(await cp.locator('[data-testid="pay-submit"]').count(), 0, 'no way to pay');
          await colleague.shot('invite-11-view-only-pay', { fullPage: true });
          await cp.goto(`/a/${second.id}/rentals?view=on_rent`);
          await byTestId(cp, 'rentals-page').waitFor();
          await cp.waitForLoadState('networkidle');
          assert.equal(await cp.locator('[data-testid="select-item"]').count(), 0, 'no checkboxes to call off');
          assert.equal(await cp.locator('[data-testid="select-mode"]').count(), 0, 'no select mode');
          colleague.assertNoErrors();
        } finally {
          await colleague.context.close();
        }
      });

      await step('a mistaken invitation is revoked before anyone uses it', async () => {
        await page.reload();
        await byTestId(page, 'users-invite-email').fill(MISTAKE);
        await byTestId(page, 'users-invite-submit').click();
        await expectText(byTestId(page, 'users-invite-sent'), MISTAKE, 'invitation sent');
        const row = byTestId(page, 'users-pending', `[data-email="${MISTAKE}"]`);
        await row.locator('[data-testid="users-revoke"]').click();
        await shot('11-revoke-confirm');
        await row.locator('[data-testid="users-revoke-confirm"]').click();
        await byTestId(page, 'users-revoked').waitFor();
        await expectCount(byTestId(page, 'users-pending', `[data-email="${MISTAKE}"]`), 0, 'no longer pending');
        await shot('12-revoked', { fullPage: true });
      });
    } finally {
      await journey.context.close();
    }
  });
});
