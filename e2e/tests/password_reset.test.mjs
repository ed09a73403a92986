// Forgotten passwords in real Chromium.
//
// Phone (390x844), against the mail-flow server (E2E_MAIL_BASE_URL), which sends real SMTP
// to a test server writing into E2E_MAILDIR: login page -> "Forgot password?" -> neutral
// message -> the email's link -> a weak password is refused -> a strong one is set -> the
// link does not work twice -> the old password fails, the new one logs in -> asking too
// often is rate limited. It changes the demo user's password, hence its own server.
//
// Desktop (1280x800), against the journey server (development mailbox): the answer is the
// same for an unknown login, and /dev/mailbox shows the email with a working link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  MAILDIR,
  MAIL_BASE_URL,
  PROFILES,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logOut,
  openJourney,
  readMaildir,
  stepper,
  waitForMail,
  waitUntil,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const ADMIN = 'admin@summit.example';
const UNKNOWN = 'nobody-here@unknown.example';
const WEAK = 'password123';
const STRONG = 'granite ladder sunrise 47';
const NEUTRAL = /If that login exists/;
const SUMMIT_ACCOUNT = 'S10001';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The reset link of the newest reset email to `to` in the maildir, once it arrives. */
async function resetLinkFor(to, notIn = new Set()) {
  const mail = await waitForMail(
    (m) => !notIn.has(m.file) && m.raw.toLowerCase().includes(to) && /reset-password\?token=/.test(m.text),
    `the reset email to ${to}`,
  );
  const link = /(https?:\/\/[^\s"<>]+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  assert.ok(link, `a reset link in ${mail.file}`);
  return link;
}

describe(
  'phone 390x844: password reset by email (SMTP)',
  { skip: !(MAIL_BASE_URL && MAILDIR) && 'E2E_MAIL_BASE_URL and E2E_MAILDIR are not set' },
  () => {
    test('forgot password -> email -> new password -> log in', { timeout: 180_000 }, async (t) => {
      const profile = PROFILES.phone;
      const journey = await openJourney(browser, profile, { baseURL: MAIL_BASE_URL });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`reset-${name}`, opts);
      const step = stepper(t, journey);
      const seenBefore = new Set(readMaildir().map((m) => m.file));
      let link;

      try {
        await step('the login page offers "Forgot password?" (and no dev mailbox here)', async () => {
          await page.goto('/login');
          await byTestId(page, 'login-form').waitFor();
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'forgot-link').waitFor();
          // This server sends real email, so /dev/mailbox answers 404 and the link stays away.
          await page.waitForLoadState('networkidle');
          assert.equal(await page.locator('[data-testid="dev-mailbox-link"]').count(), 0, 'no dev mailbox link');
          await shot('01-login');
        });

        await step('"Forgot password?" opens the form with the login typed so far', async () => {
          await byTestId(page, 'forgot-link').click();
          await expectPath(page, /^\/forgot-password$/);
          await byTestId(page, 'forgot-form').waitFor();
          assert.equal(await byTestId(page, 'forgot-input').inputValue(), CUSTOMER.login, 'prefilled');
          await shot('02-forgot');
        });

        await step('sending shows the neutral message only', async () => {
          await byTestId(page, 'forgot-submit').click();
          const text = await expectText(byTestId(page, 'forgot-done'), NEUTRAL, 'neutral message');
          assert.ok(!text.includes(CUSTOMER.login), 'the message does not repeat the login');
          assert.equal(await page.locator('[data-testid="forgot-form"]').count(), 0, 'form replaced');
          await shot('03-sent');
        });

        await step('the email arrives by SMTP with a link to this server', async () => {
          link = await resetLinkFor(CUSTOMER.login, seenBefore);
          assert.ok(link.startsWith(`${MAIL_BASE_URL}/reset-password?token=`), `link ${link} points here`);
        });

        await step('the link opens the reset form; the two entries must match', async () => {
          await page.goto(link);
          await byTestId(page, 'reset-form').waitFor();
          await byTestId(page, 'reset-password').fill(STRONG);
          await byTestId(page, 'reset-confirm').fill(`${STRONG}!`);
          await byTestId(page, 'reset-submit').click();
          await expectText(byTestId(page, 'reset-error'), 'do not match', 'mismatch caught in the browser');
          await shot('04-mismatch');
        });

        await step('a common password is refused under the field', async () => {
          await byTestId(page, 'reset-password').fill(WEAK);
          await byTestId(page, 'reset-confirm').fill(WEAK);
          await byTestId(page, 'reset-submit').click();
          await expectText(byTestId(page, 'reset-error'), /too common/i, 'policy message from the server');
          assert.equal(await byTestId(page, 'reset-password').getAttribute('aria-invalid'), 'true');
          // "Show" reveals both entries.
          await byTestId(page, 'reset-show').click();
          assert.equal(await byTestId(page, 'reset-password').getAttribute('type'), 'text');
          assert.equal(await byTestId(page, 'reset-confirm').getAttribute('type'), 'text');
          await shot('05-weak');
          await byTestId(page, 'reset-show').click();
          assert.equal(await byTestId(page, 'reset-password').getAttribute('type'), 'password');
        });

        await step('a strong password is accepted', async () => {
          await byTestId(page, 'reset-password').fill(STRONG);
          await byTestId(page, 'reset-confirm').fill(STRONG);
          await byTestId(page, 'reset-submit').click();
          await byTestId(page, 'reset-done').waitFor();
          await shot('06-done');
        });

        await step('the link does not work a second time', async () => {
          await page.goto(link);
          await byTestId(page, 'reset-password').fill(STRONG);
          await byTestId(page, 'reset-confirm').fill(STRONG);
          await byTestId(page, 'reset-submit').click();
          await expectText(byTestId(page, 'reset-expired'), /expired or was already used/, 'expired panel');
          await byTestId(page, 'reset-new-link').waitFor();
          await shot('07-used-link');
          // Without a token at all, the same panel.
          await page.goto('/reset-password');
          await byTestId(page, 'reset-expired').waitFor();
        });

        await step('a notice of the change is emailed', async () => {
          await waitForMail(
            (m) => !seenBefore.has(m.file) && m.raw.toLowerCase().includes(CUSTOMER.login) && /password was changed/i.test(m.text),
            'the "password was changed" notice',
          );
        });

        await step('the old password no longer works; the new one logs in', async () => {
          await page.goto('/login');
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill(CUSTOMER.password);
          await byTestId(page, 'login-submit').click();
          await expectText(byTestId(page, 'login-error'), 'Login or password is incorrect', 'old password refused');
          await byTestId(page, 'password-input').fill(STRONG);
          await byTestId(page, 'login-submit').click();
          await expectPath(page, /^\/accounts$/);
          await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
          await expectPath(page, /^\/a\/[0-9a-f-]{36}$/);
          await byTestId(page, 'home-tiles').waitFor();
          await shot('08-home');
        });

        await step('asking too often is answered "Too many requests" with the wait', async () => {
          await logOut(page);
          await expectPath(page, /^\/login$/);
          await page.goto('/forgot-password');
          const error = page.locator('[data-testid="forgot-error"]');
          // The reset requests above used most of this client's budget; a few more end it.
          for (let i = 0; i < 6 && (await error.count()) === 0; i++) {
            await byTestId(page, 'forgot-input').fill(UNKNOWN);
            await byTestId(page, 'forgot-submit').click();
            await waitUntil(
              () => page.locator('[data-testid="forgot-done"], [data-testid="forgot-error"]').count(),
              (n) => n > 0,
              'an answer to the request',
            );
            if ((await error.count()) === 0) await byTestId(page, 'forgot-again').click();
          }
          await expectText(error, /Too many requests, try again in \d+ minutes?\./, '429 with Retry-After');
          await shot('09-rate-limited');
        });
      } finally {
        await journey.context.close();
      }
    });
  },
);

describe('desktop 1280x800: development mailbox', () => {
  test('a forgot-password email shows in /dev/mailbox', { timeout: 120_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.desktop, { baseURL: BASE_URL });
    const { page, shot } = journey;
    const step = stepper(t, journey);

    try {
      await step('the answer is the same for an unknown login', async () => {
        const answers = [];
        for (const login of [UNKNOWN, ADMIN]) {
          const response = await page.request.post(`${BASE_URL}/api/v1/auth/password/forgot`, {
            data: { login },
          });
          assert.equal(response.status(), 202, `202 for ${login}`);
          answers.push(await response.json());
        }
        assert.deepEqual(answers[0], answers[1], 'identical answers');
        assert.match(answers[0].message, NEUTRAL);
      });

      await step('the login page links to the dev mailbox on a development server', async () => {
        await page.goto('/login');
        await byTestId(page, 'dev-mailbox-link').click();
        await expectPath(page, /^\/dev\/mailbox$/);
        await byTestId(page, 'mailbox-page').waitFor();
      });

      await step('the email is listed (and none for the unknown login)', async () => {
        const item = byTestId(page, 'mailbox-item', '[data-kind="password_reset"]');
        await waitUntil(
          async () => {
            if ((await item.count()) > 0) return true;
            await byTestId(page, 'mailbox-refresh').click();
            return false;
          },
          (found) => found,
          'the reset email in the list',
        );
        await expectText(item, ADMIN, 'addressed to the admin');
        const all = (await byTestId(page, 'mailbox-item').allTextContents()).join(' | ');
        assert.ok(!all.includes(UNKNOWN), `nothing sent to an unknown login: ${all}`);
      });

      await step('opening it shows the email and its links', async () => {
        await byTestId(page, 'mailbox-item', '[data-kind="password_reset"]').first().click();
        const view = byTestId(page, 'mailbox-view');
        await expectText(view.locator('.mailbox-view-subject'), /Reset your .* password/, 'subject');
        const frame = page.locator('iframe.mailbox-frame');
        const sandbox = await frame.getAttribute('sandbox');
        assert.ok(sandbox !== null && !sandbox.includes('allow-scripts'), `sandbox="${sandbox}" without scripts`);
        await page.frameLocator('iframe.mailbox-frame').locator('a', { hasText: 'Choose a new password' }).waitFor();
        await expectCount(byTestId(page, 'mailbox-link'), (n) => n >= 1, 'links from the text body');
        await expectText(byTestId(page, 'mailbox-link'), /\/reset-password\?token=/, 'the reset link');
        await shot('mailbox-01-open');
      });

      await step('its link opens the reset form', async () => {
        await byTestId(page, 'mailbox-link').first().click();
        await expectPath(page, /^\/reset-password$/);
        assert.ok(new URL(page.url()).searchParams.get('token'), 'the token came along');
        await byTestId(page, 'reset-form').waitFor();
      });
    } finally {
      await journey.context.close();
    }
  });
});
