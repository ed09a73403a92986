// The customer's language (issue 15, item 6; A13), in real Chromium against the journey
// server (E2E_BASE_URL) at phone size (390x844) and desktop size (1280x800): the login page
// starts in the browser's language (a French-Canadian browser gets French), offers English,
// Spanish and French (Canada) each in its own name, and switches at once; the choice is
// remembered through the login, so the home, its tiles, the tabs and the account menu speak
// Spanish, with `<html lang>` following, and so do the lists with their dates, an invoice's
// PDF and the password-reset e-mail read at the SMTP server; back to English restores the
// English screens.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, DOWNLOADS, PROFILES, byTestId, callApi, expectCount, expectPath, expectText, launchBrowser, logIn, logOut, openAccountMenu, openJourney, stepper, waitUntil } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const IPS = { phone: '198.51.100.181', desktop: '198.51.100.182' };

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
/** A date as Spanish writes it: `5 mar 2026`. */
const SPANISH_DATE = /\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}/;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  describe(`${profile.name}: the portal in the customer's language`, () => {
    test('browser language first; Spanish chosen at login gives Spanish screens', { timeout: 120_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: IPS[profile.name], locale: 'fr-CA' });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`languages-${name}`, opts);
      const step = stepper(t, journey);
      try {
        await step('a French-Canadian browser gets the login page in French', async () => {
          await page.goto('/login');
          await expectText(page.locator('h1'), 'Connectez-vous à votre compte', 'the French title');
          assert.equal(await htmlLang(page), 'fr-CA');
          // The dealer's languages arrive with its portal settings, after the title.
          const options = await waitUntil(
            () => byTestId(page, 'language-select').locator('option').allTextContents(),
            (seen) => seen.length === 3,
            'the languages the dealer offers',
          );
          assert.deepEqual(options, ['English', 'Español', 'Français (Canada)']);
          await shot('01-login-french', { fullPage: true });
        });

        await step('choosing Español switches the page at once', async () => {
          await byTestId(page, 'language-select').selectOption('es');
          await expectText(page.locator('h1'), 'Inicie sesión en su cuenta', 'the Spanish title');
          await expectText(byTestId(page, 'login-submit'), 'Iniciar sesión', 'the Spanish button');
          assert.equal(await htmlLang(page), 'es');
          await shot('02-login-spanish', { fullPage: true });
        });

        await step('after logging in, the home speaks Spanish', async () => {
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill(CUSTOMER.password);
          await byTestId(page, 'login-submit').click();
          await expectPath(page, /^\/accounts$/);
          await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
          await byTestId(page, 'home-tiles').waitFor();
          await expectText(page.locator('h1'), /^Bienvenido/, 'the Spanish welcome');
          await expectText(byTestId(page, 'tile-rentals'), /Mis alquileres/, 'the rentals tile');
          await expectText(byTestId(page, 'tile-rentals'), /artículos? alquilados? ahora/, 'the figures in Spanish');
          if (profile.name === 'phone') {
            await expectText(byTestId(page, 'phone-tab-rentals'), 'Alquileres', 'the tab bar');
            const cut = await page.locator('.phone-tab-label').evaluateAll((labels) =>
              labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
            assert.deepEqual(cut, [], 'Spanish tab labels whole');
          } else {
            await expectText(byTestId(page, 'account-nav-invoices'), 'Facturas', 'the tabs');
          }
          assert.equal(await htmlLang(page), 'es');
          await shot('03-home-spanish', { fullPage: true });
        });

        await step('the lists speak Spanish, dates too; an invoice PDF is in Spanish', async () => {
          const account = new URL(page.url()).pathname;
          await page.goto(`${account}/rentals`);
          await expectText(page.locator('h1'), 'Mis alquileres', 'the rentals heading');
          await expectText(byTestId(page, 'rentals-view-on_rent'), 'Alquilados', 'the view tab');
          await expectText(page.locator('main'), SPANISH_DATE, 'dates in Spanish');
          await shot('04-rentals-spanish', { fullPage: true });

          await page.goto(`${account}/invoices`);
          await expectText(page.locator('h1'), 'Facturas', 'the invoices heading');
          await expectCount(page.locator('[data-testid="invoice-row"]:visible'), (n) => n >= 1, 'invoices');
          await page.locator('[data-testid="invoice-row"]:visible').first().locator('[data-testid="invoice-number"]').click();
          await byTestId(page, 'invoice-detail').waitFor();
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            byTestId(page, 'invoice-pdf-download').click(),
          ]);
          const file = join(DOWNLOADS, `languages-${profile.name}-${download.suggestedFilename()}`);
          await download.saveAs(file);
          const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
          assert.match(text, /FACTURA/, 'the PDF says FACTURA');
          assert.match(text, SPANISH_DATE, 'the PDF writes dates in Spanish');
          assert.doesNotMatch(text, /INVOICE|Amount due/, 'no English left in the PDF');
          await shot('05-invoice-spanish', { fullPage: true });
        });

        await step('the account menu speaks Spanish; English comes back from the login page', async () => {
          await openAccountMenu(page);
          await expectText(byTestId(page, 'logout-button'), 'Cerrar sesión', 'log out, in Spanish');
          await byTestId(page, 'logout-button').click();
          await expectPath(page, /^\/login$/);
          await expectText(page.locator('h1'), 'Inicie sesión en su cuenta', 'still Spanish: remembered');
        });

        await step('a password reset asked for in Spanish: the page and the e-mail are Spanish', async () => {
          const mailbox = async () => (await callApi(BASE_URL, '/dev/mailbox', { clientIp: IPS[profile.name] })).body;
          const seen = new Set((await mailbox()).map((m) => m.id));
          await page.goto('/forgot-password');
          await expectText(page.locator('h1'), /contraseña/i, 'the Spanish heading');
          await byTestId(page, 'forgot-input').fill(CUSTOMER.login);
          await byTestId(page, 'forgot-submit').click();
          await byTestId(page, 'forgot-done').waitFor();
          const mail = await waitUntil(
            async () =>
              (await mailbox()).find((m) => !seen.has(m.id) && m.kind === 'password_reset' && m.to === CUSTOMER.login) ?? null,
            (found) => found !== null,
            'the password-reset e-mail in the dev mailbox',
          );
          assert.match(mail.subject, /^Restablezca su contraseña/, 'the subject in Spanish');
          assert.match(mail.body_text, /Elija una nueva contraseña/, 'the action in Spanish');
          assert.doesNotMatch(mail.body_text, /Choose a new password/, 'no English action');
          await page.goto('/login');
          await byTestId(page, 'language-select').selectOption('en');
          await expectText(page.locator('h1'), 'Log in to your account', 'English again');
          assert.equal(await htmlLang(page), 'en');
        });

        await step('the profile remembers the language: English again after the next sign-in', async () => {
          // Picked before signing in, the language goes into the profile (every device
          // follows); Spanish was saved there by the first sign-in.
          const signIn = () => callApi(BASE_URL, '/auth/login', { method: 'POST', body: CUSTOMER, clientIp: IPS[profile.name] });
          assert.equal((await signIn()).body.user.language, 'es', 'Spanish was saved with the first sign-in');
          await logIn(page, CUSTOMER);
          await expectPath(page, /^\/a\/[0-9a-f-]{36}$/, 'back to the account used last');
          await expectText(page.locator('h1'), /^Welcome/, 'the English welcome');
          await waitUntil(
            async () => (await signIn()).body.user.language,
            (language) => language === 'en',
            'English saved in the profile',
          );
          await logOut(page);
        });
      } finally {
        await journey.context.close();
        // The demo customer is every journey's: English again in the profile, whatever
        // step this one stopped at.
        const signedIn = await callApi(BASE_URL, '/auth/login', { method: 'POST', body: CUSTOMER, clientIp: IPS[profile.name] });
        await callApi(BASE_URL, '/me', { method: 'PATCH', token: signedIn.body?.access_token, body: { language: 'en' }, clientIp: IPS[profile.name] });
      }
    });
  });
}
