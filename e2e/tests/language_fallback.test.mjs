// When the screens' words in the chosen language cannot be had (the file fails to arrive),
// English stands in for them: never a message id on screen. Phone (390x844), Spanish chosen
// at login with the Spanish app file refused by the network. Screenshot:
// phone-language-fallback-01-home.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROFILES,
  byTestId,
  expectPath,
  expectText,
  launchBrowser,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('phone: the Spanish words cannot be had', () => {
  test('English stands in, no message ids', { timeout: 120_000 }, async (t) => {
    // No service worker: the refused file must go through page.route.
    const journey = await openJourney(browser, PROFILES.phone, { clientIp: '198.51.100.95', serviceWorkers: 'block' });
    const { page } = journey;
    const step = stepper(t, journey);
    await page.route('**/locales/app.es-*.ftl', (route) => route.abort('failed'));
    // The refused file is the point of the test, not an error of the app: its console lines
    // are dropped before the harness checks for errors.
    const dropRefusedFile = () => {
      const others = journey.errors.filter((e) => !/app\.es-[0-9a-f]+\.ftl/.test(e));
      journey.errors.splice(0, journey.errors.length, ...others);
    };
    try {
      await step('Spanish at login, then the home in English words where Spanish is missing', async () => {
        await page.goto('/login');
        await byTestId(page, 'language-select').selectOption('es');
        await expectText(byTestId(page, 'login-submit'), 'Iniciar sesión', 'the shell is Spanish (built in)');
        await byTestId(page, 'login-input').fill(CUSTOMER.login);
        await byTestId(page, 'password-input').fill(CUSTOMER.password);
        await byTestId(page, 'login-submit').click();
        await expectPath(page, /^\/accounts$/);
        await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
        await byTestId(page, 'home-tiles').waitFor();
        await expectText(byTestId(page, 'tile-invoices'), /Invoices/, 'the tile in English');
        const tiles = await byTestId(page, 'home-tiles').textContent();
        assert.doesNotMatch(tiles, /\bhome-[a-z-]+/, 'no message ids on the tiles');
        await journey.shot('language-fallback-01-home', { fullPage: true });
        dropRefusedFile();
      });
    } finally {
      dropRefusedFile();
      journey.assertNoErrors();
      await journey.context.close();
    }
  });
});
