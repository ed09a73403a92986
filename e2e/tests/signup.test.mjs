// Self sign-up (A3) in real Chromium at phone size (390x844), against the journey server
// (E2E_BASE_URL, development mailbox).
//
// An eligible Summit customer nobody uses yet is looked up in the server's database
// (E2E_DB_PATH; the third-lowest account number without a login, so neither the one
// registration.test.mjs registers nor the two highest that invitations.test.mjs invites),
// with one of its contract numbers, its ZIP and its email. The login page links to
// "Create your account" -> a made-up link shows the expired panel -> a wrong ZIP gives the
// neutral "Check your email" and sends nothing -> the contract number and the right ZIP give
// the same panel and a link in the dev mailbox -> the link says "Set up your login for ..."
// in the dealer colours with the email read-only -> a strong password -> signed in on that
// account's home -> the link does not work twice. A made-up change-of-email link
// (/account/email/confirm) shows its expired panel. Screenshots: phone-signup-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  DB_PATH,
  PROFILES,
  byTestId,
  callApi,
  cssVar,
  expectPath,
  expectText,
  launchBrowser,
  openJourney,
  queryDb,
  stepper,
  uuidOfHex,
  waitUntil,
} from '../lib/harness.mjs';

const PASSWORD = 'lantern orchard pebble 47';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
/**
 * This spec's own client addresses for the per-IP rate limits (see openJourney): sign-up,
 * opening and confirming links share a burst of five, so the two halves have one each, and
 * the mailbox reads another.
 */
const CLIENT_IP = '198.51.100.61';
const SECOND_CLIENT_IP = '198.51.100.62';
const MAILBOX_IP = '198.51.100.63';
const EMAIL_CONFIRM_IP = '198.51.100.64';

/** Eligible (A5) Summit account customers without a login, lowest account number first. */
const CANDIDATE_SQL = `
  SELECT lower(hex(c.id)) AS hex_id, c.account_number, c.name, c.email, c.postal_code,
         d.name AS dealer, d.primary_color AS primary_color
  FROM customers c JOIN dealers d ON d.id = c.dealer_id
  WHERE d.slug = 'summit' AND c.kind = 'account' AND c.portal_enabled = 1
    AND c.name NOT LIKE 'Demo %' AND c.email IS NOT NULL AND c.email <> ''
    AND c.postal_code IS NOT NULL AND c.postal_code <> '' AND c.phone_normalized IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.dealer_id = c.dealer_id
                      AND o.phone_normalized = c.phone_normalized AND o.id <> c.id)
    AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id)
  ORDER BY c.account_number LIMIT 1 OFFSET 2`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The dev mailbox's messages to `email` of the given kind. */
async function mailsTo(email, kind) {
  const { body } = await callApi(BASE_URL, '/dev/mailbox', { clientIp: MAILBOX_IP });
  return body.filter((m) => m.kind === kind && m.to.toLowerCase() === email.toLowerCase());
}

describe('phone 390x844: self sign-up', { skip: !DB_PATH && 'E2E_DB_PATH is not set' }, () => {
  test('contract number + ZIP -> emailed link -> password -> signed in', { timeout: 180_000 }, async (t) => {
    const [customer] = queryDb(CANDIDATE_SQL);
    assert.ok(customer, 'an eligible Summit customer nobody uses yet');
    const customerId = uuidOfHex(customer.hex_id);
    const [contract] = queryDb(
      `SELECT number FROM contracts WHERE customer_id = x'${customer.hex_id}' ORDER BY number LIMIT 1`,
    );
    assert.ok(contract?.number, 'the customer has a contract');
    const email = customer.email.trim().toLowerCase();
    const wrongZip = customer.postal_code.trim() === '99999' ? '99998' : '99999';

    const journey = await openJourney(browser, PROFILES.phone, { clientIp: CLIENT_IP });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`signup-${name}`, opts);
    const step = stepper(t, journey);
    let link;

    /** Fills and sends the sign-up form by contract number and ZIP. */
    const signUp = async (zip) => {
      await byTestId(page, 'signup-kind-contract').click();
      assert.equal(await byTestId(page, 'signup-kind-contract').getAttribute('aria-checked'), 'true');
      assert.equal(await byTestId(page, 'signup-kind-account').getAttribute('aria-checked'), 'false');
      await byTestId(page, 'signup-reference').fill(contract.number);
      await byTestId(page, 'signup-fact-zip').click();
      assert.equal(await byTestId(page, 'signup-fact-zip').getAttribute('aria-checked'), 'true');
      await byTestId(page, 'signup-fact').fill(zip);
      await byTestId(page, 'signup-email').fill(email);
      await byTestId(page, 'signup-submit').click();
      await expectText(byTestId(page, 'signup-done'), 'Check your email', 'the neutral answer');
    };

    try {
      await step('the login page links to "Create your account"', async () => {
        await page.goto('/login');
        await expectText(byTestId(page, 'signup-link'), 'Create your account', 'the sign-up link');
        await byTestId(page, 'signup-link').click();
        await expectPath(page, /^\/signup$/);
        await byTestId(page, 'signup-form').waitFor();
        assert.equal(await byTestId(page, 'signup-kind-account').getAttribute('aria-checked'), 'true');
        await shot('01-form', { fullPage: true });
      });

      await step('blank fields are caught in the browser', async () => {
        await byTestId(page, 'signup-submit').click();
        await expectText(byTestId(page, 'signup-error'), 'account number', 'the missing number');
        assert.equal(await byTestId(page, 'signup-reference').getAttribute('aria-invalid'), 'true');
        await byTestId(page, 'signup-fact-email').click();
        await expectText(page.locator('label[for="signup-fact"]'), 'Email on the account', 'the fact label');
        await shot('02-blank', { fullPage: true });
      });

      await step('a wrong ZIP gets the same neutral answer and no email', async () => {
        const before = (await mailsTo(email, 'signup_confirmation')).length;
        await signUp(wrongZip);
        await shot('03-check-email', { fullPage: true });
        // The request is handled after the answer: give it time to (not) send anything.
        await new Promise((r) => setTimeout(r, 1_500));
        assert.equal((await mailsTo(email, 'signup_confirmation')).length, before, 'no link for a wrong ZIP');
      });

      await step('the right ZIP: the same panel, and a link in the mailbox', async () => {
        await byTestId(page, 'signup-again').click();
        await byTestId(page, 'signup-form').waitFor();
        const seen = new Set((await mailsTo(email, 'signup_confirmation')).map((m) => m.id));
        await signUp(customer.postal_code);
        const mail = await waitUntil(
          async () => (await mailsTo(email, 'signup_confirmation')).find((m) => !seen.has(m.id)) ?? null,
          (found) => found !== null,
          `the sign-up email to ${email} in the dev mailbox`,
        );
        link = /(https?:\/\/[^\s"<>]+\/signup\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
        assert.ok(link, `a sign-up link in: ${mail.body_text}`);
        assert.ok(link.startsWith(BASE_URL), `the link points at this server: ${link}`);
        assert.equal((await mailsTo(email, 'signup_confirmation')).length, seen.size + 1, 'one link only');
      });

      await step('the link: "Set up your login for ...", in the dealer colours', async () => {
        await journey.context.setExtraHTTPHeaders({ 'X-Forwarded-For': SECOND_CLIENT_IP });
        await page.goto(link);
        await byTestId(page, 'signup-confirm-page').waitFor();
        await expectText(
          byTestId(page, 'signup-confirm-title'),
          `Set up your login for ${customer.name}`,
          'the heading',
        );
        assert.equal(await byTestId(page, 'signup-confirm-email').inputValue(), email, 'the login is the email');
        assert.equal(await byTestId(page, 'signup-confirm-email').getAttribute('readonly'), '');
        assert.equal(
          (await cssVar(page, '.login-screen', '--brand-primary')).toLowerCase(),
          customer.primary_color.toLowerCase(),
          'the dealer colour',
        );
        await shot('04-confirm', { fullPage: true });
      });

      await step('mismatched passwords are refused in the browser', async () => {
        await byTestId(page, 'signup-confirm-password').fill(PASSWORD);
        await byTestId(page, 'signup-confirm-confirm').fill(`${PASSWORD}!`);
        await byTestId(page, 'signup-confirm-submit').click();
        await expectText(byTestId(page, 'signup-confirm-error'), 'do not match', 'checked in the browser');
        await shot('05-mismatch', { fullPage: true });
      });

      await step('a strong password: signed in on the account home', async () => {
        await byTestId(page, 'signup-confirm-confirm').fill(PASSWORD);
        await byTestId(page, 'signup-confirm-submit').click();
        await expectPath(page, ACCOUNT_PATH, 'the account home');
        assert.ok(page.url().endsWith(`/a/${customerId}`), `the signed-up account: ${page.url()}`);
        await byTestId(page, 'home-tiles').waitFor();
        await expectText(byTestId(page, 'account-switcher'), customer.account_number, 'this account');
        await shot('06-home', { fullPage: true });
      });

      await step('the link works once; a made-up one looks the same', async () => {
        await page.goto(link);
        await expectText(byTestId(page, 'signup-expired'), 'expired or was already used', 'spent link');
        await shot('07-used-link');
        await page.goto('/signup/confirm?token=not-a-real-token');
        await byTestId(page, 'signup-expired').waitFor();
        await byTestId(page, 'signup-restart').click();
        await expectPath(page, /^\/signup$/);
        await byTestId(page, 'signup-form').waitFor();
      });

      await step('a made-up change-of-email link says it expired', async () => {
        await journey.context.setExtraHTTPHeaders({ 'X-Forwarded-For': EMAIL_CONFIRM_IP });
        await page.goto('/account/email/confirm?token=not-a-real-token');
        await expectText(byTestId(page, 'email-confirm-expired'), 'expired or was already used', 'spent link');
        await shot('08-email-link-expired');
      });
    } finally {
      await journey.context.close();
    }
  });
});
