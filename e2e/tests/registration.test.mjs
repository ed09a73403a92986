// Phone-first registration (A2, seed 000) in real Chromium at phone size (390x844), against
// the journey server (E2E_BASE_URL) with a seeded customer that has never logged in, looked
// up in that server's database (E2E_DB_PATH):
// login page -> the account phone as login and as password -> the verification step (phone
// prefilled) -> a wrong ZIP shows one error naming the store -> the right ZIP and a strong
// password -> signed in on that account's home in its dealer's branding -> log out -> the
// phone and the new password log in. Screenshots: phone-register-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DB_PATH,
  PROFILES,
  byTestId,
  cssVar,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logOut,
  openJourney,
  queryDb,
  stepper,
} from '../lib/harness.mjs';

const PASSWORD = 'copper kettle meadow 19';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
/** The first non-demo account customer that may register and has no login yet. */
const CANDIDATE_SQL = `
  SELECT c.account_number, c.name, c.phone, c.email, c.postal_code,
         d.name AS dealer, d.primary_color AS primary_color
  FROM customers c JOIN dealers d ON d.id = c.dealer_id
  WHERE c.kind = 'account' AND c.portal_enabled = 1 AND c.name NOT LIKE 'Demo %'
    AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id)
  ORDER BY c.account_number LIMIT 1`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('phone 390x844: first registration by phone', { skip: !DB_PATH && 'E2E_DB_PATH is not set' }, () => {
  test('phone as login and password -> verify -> signed in', { timeout: 180_000 }, async (t) => {
    const [customer] = queryDb(CANDIDATE_SQL);
    assert.ok(customer, 'a seeded customer that has never logged in');
    assert.match(customer.phone, /\(\d{3}\) \d{3}-\d{4}/, 'the seed formats phones like (303) 555-1002');
    const profile = PROFILES.phone;
    const journey = await openJourney(browser, profile, { clientIp: '198.51.100.21' });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`register-${name}`, opts);
    const step = stepper(t, journey);
    const wrongZip = customer.postal_code === '99999' ? '99998' : '99999';

    try {
      await step('the login page offers registration with the account phone', async () => {
        await page.goto('/login');
        await byTestId(page, 'login-form').waitFor();
        await expectText(byTestId(page, 'register-link'), 'Register with your account phone', 'register link');
        await shot('01-login');
      });

      await step('the phone as login and as password opens the verification step', async () => {
        await byTestId(page, 'login-input').fill(customer.phone);
        // Typed differently (digits only), as seed 000 tells customers to.
        await byTestId(page, 'password-input').fill(customer.phone.replace(/\D/g, ''));
        await byTestId(page, 'login-submit').click();
        await expectPath(page, /^\/register$/);
        assert.equal(new URL(page.url()).search, '', 'the phone is not in the URL');
        await byTestId(page, 'register-form').waitFor();
        await expectText(page.locator('.login-title'), 'Welcome!', 'welcome');
        await expectText(
          page.locator('.login-subtitle'),
          'To finish setting up your portal login, confirm the details on your account',
          'explains the step',
        );
        assert.equal(await byTestId(page, 'register-phone').inputValue(), customer.phone, 'phone prefilled');
        assert.equal(await byTestId(page, 'register-email').inputValue(), '', 'email empty');
        await expectCount(page.locator('[data-testid="login-error"]'), 0, 'no login attempt, no error');
        await shot('02-verify');
      });

      await step('the new password must be repeated exactly', async () => {
        await byTestId(page, 'register-email').fill(customer.email);
        await byTestId(page, 'register-postal').fill(wrongZip);
        await byTestId(page, 'register-password').fill(PASSWORD);
        await byTestId(page, 'register-confirm').fill(`${PASSWORD}.`);
        await byTestId(page, 'register-submit').click();
        await expectText(byTestId(page, 'register-error'), 'do not match', 'mismatch caught in the browser');
        assert.equal(await byTestId(page, 'register-confirm').getAttribute('aria-invalid'), 'true');
        // "Show" reveals both entries.
        await byTestId(page, 'register-show').click();
        assert.equal(await byTestId(page, 'register-password').getAttribute('type'), 'text');
        assert.equal(await byTestId(page, 'register-confirm').getAttribute('type'), 'text');
        await byTestId(page, 'register-show').click();
        assert.equal(await byTestId(page, 'register-password').getAttribute('type'), 'password');
      });

      await step('a wrong ZIP shows one error that names the store to contact', async () => {
        await byTestId(page, 'register-confirm').fill(PASSWORD);
        await byTestId(page, 'register-submit').click();
        const error = byTestId(page, 'register-error');
        const text = await expectText(error, /do not match our records/, 'mismatch error');
        assert.match(text, /Please contact .+ at .+ for help\./, `names the store: ${text}`);
        await expectCount(error, 1, 'the message is shown once, not under both fields');
        assert.equal(await byTestId(page, 'register-postal').getAttribute('aria-invalid'), 'true');
        assert.equal(await byTestId(page, 'register-email').getAttribute('aria-invalid'), 'true');
        await expectPath(page, /^\/register$/);
        await error.scrollIntoViewIfNeeded();
        await shot('03-wrong-zip');
      });

      await step('the right ZIP and a strong password register and sign in', async () => {
        await byTestId(page, 'register-postal').fill(customer.postal_code);
        await byTestId(page, 'register-submit').click();
        await expectPath(page, ACCOUNT_PATH, 'the only account opens');
        await byTestId(page, 'home-tiles').waitFor();
        await expectText(byTestId(page, 'account-switcher'), customer.account_number, 'this account');
        await expectText(byTestId(page, 'brand-home'), customer.dealer, 'dealer name in the header');
        assert.equal(
          (await cssVar(page, '.app-header', '--brand-primary')).toLowerCase(),
          customer.primary_color.toLowerCase(),
          'the dealer colour',
        );
        await shot('04-home', { fullPage: true });
      });

      await step('after logging out, the phone and the new password log in', async () => {
        await logOut(page);
        await expectPath(page, /^\/login$/);
        await byTestId(page, 'login-input').fill(customer.phone);
        await byTestId(page, 'password-input').fill(PASSWORD);
        await byTestId(page, 'login-submit').click();
        await expectPath(page, ACCOUNT_PATH);
        await byTestId(page, 'home-tiles').waitFor();
        await expectText(byTestId(page, 'account-switcher'), customer.account_number, 'same account');
        await shot('05-logged-in-again');
      });

      await step('registering the same phone again is refused on the phone field', async () => {
        await logOut(page);
        await expectPath(page, /^\/login$/);
        await byTestId(page, 'register-link').click();
        await expectPath(page, /^\/register$/);
        assert.equal(await byTestId(page, 'register-phone').inputValue(), '', 'opened empty from the link');
        await byTestId(page, 'register-phone').fill(customer.phone);
        await byTestId(page, 'register-email').fill(customer.email);
        await byTestId(page, 'register-postal').fill(customer.postal_code);
        await byTestId(page, 'register-password').fill(`${PASSWORD} again`);
        await byTestId(page, 'register-confirm').fill(`${PASSWORD} again`);
        await byTestId(page, 'register-submit').click();
        await expectText(byTestId(page, 'register-error'), /already registered/, 'already registered');
        assert.equal(await byTestId(page, 'register-phone').getAttribute('aria-invalid'), 'true');
        await shot('06-already-registered');
      });
    } finally {
      await journey.context.close();
    }
  });
});
