// The login form before the app (issue 15: a usable login form within seconds on a weak
// signal), in real Chromium at phone and desktop size. The app's wasm is held back, as a slow
// link would: /login already shows the form (index.html's, worded by web/boot.js); what is
// typed into it, the field with the cursor and a press of "Log in" carry over to the app when
// it arrives (web/src/early_login.rs). With a session kept, no form shows while the app loads.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROFILES, byTestId, expectPath, expectText, launchBrowser, openJourney, stepper, waitUntil } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const IPS = { phone: '198.51.100.201', desktop: '198.51.100.202' };
/** The main module: the app itself (the loader script and the style sheet are not held). */
const APP_WASM = /\/web-[0-9a-f]{16}_bg\.wasm$/;

/**
 * Holds the app's wasm until the returned `release()`: the page shows what it has without the
 * app. (The handler stays, passing requests on once released; a later hold is a newer handler,
 * which Playwright asks first.)
 */
async function holdTheApp(page) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(APP_WASM, async (route) => {
    await released;
    await route.continue();
  });
  return async () => release();
}

/** Whether the app has taken over the login page (only the app has the "Forgot password?" link). */
const appIsUp = (page) => byTestId(page, 'forgot-link').count().then((n) => n > 0);

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  describe(`${profile.name}: the login form before the app`, () => {
    test('sent before the app arrives: signed in when it does', { timeout: 120_000 }, async (t) => {
      // No service worker: every request goes through page.route.
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name], serviceWorkers: 'block' });
      const { page } = journey;
      const step = stepper(t, journey);
      try {
        let release;
        await step('without the app, /login shows a form that takes input', async () => {
          release = await holdTheApp(page);
          await page.goto('/login', { waitUntil: 'domcontentloaded' });
          await byTestId(page, 'login-input').waitFor();
          await expectText(page.locator('h1'), 'Log in to your account', 'the heading');
          assert.equal(await page.title(), 'Log in · Rental Portal');
          assert.equal(await appIsUp(page), false, 'the app is not there yet');
          await journey.shot('early-login-01-form');
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill(CUSTOMER.password);
          await byTestId(page, 'login-submit').click();
          const button = byTestId(page, 'login-submit');
          await expectText(button, 'Logging in…', 'the button says it is on its way');
          assert.equal(await button.isDisabled(), true, 'pressed once only');
          assert.equal(await appIsUp(page), false, 'still without the app');
          await journey.shot('early-login-02-sent');
        });

        await step('the app arrives and sends it: the account picker', async () => {
          await release();
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').waitFor();
          await expectPath(page, /^\/accounts$/);
        });

        await step('with a session kept, a reload of /login shows no form while the app loads', async () => {
          release = await holdTheApp(page);
          await page.goto('/login', { waitUntil: 'domcontentloaded' });
          await page.locator('#boot').waitFor();
          assert.equal(await page.locator('#early-login').isVisible(), false, 'no login form');
          await release();
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').waitFor();
        });
      } finally {
        await journey.context.close();
      }
    });

    test('typed, not sent: the app keeps the words and the cursor', { timeout: 120_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name], serviceWorkers: 'block' });
      const { page } = journey;
      const step = stepper(t, journey);
      try {
        await step('half a password typed when the app arrives; the rest goes on after it', async () => {
          const release = await holdTheApp(page);
          await page.goto('/login', { waitUntil: 'domcontentloaded' });
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').click();
          await page.keyboard.type(CUSTOMER.password.slice(0, 7));
          await release();
          await waitUntil(() => appIsUp(page), (up) => up, 'the app on the login page');
          assert.equal(await byTestId(page, 'login-input').inputValue(), CUSTOMER.login, 'the login kept');
          const cursor = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
          assert.equal(cursor, 'password-input', 'the cursor still in the password');
          await page.keyboard.type(CUSTOMER.password.slice(7));
          await page.keyboard.press('Enter');
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').waitFor();
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}

describe('phone, Spanish: the login form before the app', () => {
  test("speaks the browser's language", { timeout: 120_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.phone, { clientIp: '198.51.100.203', locale: 'es-MX', serviceWorkers: 'block' });
    const { page } = journey;
    const step = stepper(t, journey);
    try {
      await step('Spanish words and <html lang="es"> before the app', async () => {
        const release = await holdTheApp(page);
        await page.goto('/login', { waitUntil: 'domcontentloaded' });
        await expectText(page.locator('h1'), 'Inicie sesión en su cuenta', 'the heading');
        await expectText(byTestId(page, 'login-submit'), 'Iniciar sesión', 'the button');
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
        await journey.shot('early-login-03-spanish');
        await release();
        await waitUntil(() => appIsUp(page), (up) => up, 'the app on the login page');
        await expectText(page.locator('h1'), 'Inicie sesión en su cuenta', 'the same heading from the app');
      });
    } finally {
      await journey.context.close();
    }
  });
});
