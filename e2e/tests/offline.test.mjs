// A job site without signal (issue 15, item 3), in real Chromium against the journey server
// (E2E_BASE_URL) at phone size (390x844): the portal is installable (a manifest in the
// dealer's name, a service worker that controls the page); the rentals a site manager opened
// come back after a reload with no network, under an "Offline — as of" banner; a call-off
// without signal is refused in words, not queued; the banner goes when the signal returns;
// logging out forgets everything kept; a logout made without signal reaches the server when
// the signal is back, so a reload does not sign back in with the cookie.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROFILES, byTestId, expectCount, expectPath, expectText, launchBrowser, logIn, logOut, openJourney, stepper, waitUntil } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const CUSTOMER_IP = '198.51.100.171';
const KEPT_PREFIX = 'rental_portal.offline.';

/** Without a network the browser reports every request it could not send (ERR_FAILED: one
 *  the service worker could not answer either, a logo): expected here. */
const NO_NETWORK = /ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_NETWORK_CHANGED|ERR_FAILED/;

function dropNetworkErrors(journey) {
  const kept = journey.errors.splice(0).filter((e) => !NO_NETWORK.test(e));
  journey.errors.push(...kept);
}

function keptKeys(page) {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), KEPT_PREFIX);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('phone 390x844: on site without signal', () => {
  test('installable; kept rentals after an offline reload; writes refused; cleared at logout', { timeout: 180_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.phone, { clientIp: CUSTOMER_IP });
    const { page, context } = journey;
    const shot = (name, opts) => journey.shot(`offline-${name}`, opts);
    const step = stepper(t, journey);
    let items = 0;
    let rentalsPath = '';
    try {
      await step('the portal is installable: the dealer\'s manifest and a service worker', async () => {
        await logIn(page, CUSTOMER);
        await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
        await byTestId(page, 'home-tiles').waitFor();
        const href = await page.locator('link[rel="manifest"]').getAttribute('href');
        assert.match(href, /manifest\.webmanifest\?dealer=summit$/, 'the manifest of the dealer in use');
        const manifest = await page.evaluate((url) => fetch(url).then((r) => r.json()), href);
        assert.equal(manifest.name, 'Summit Equipment Rentals');
        assert.equal(manifest.display, 'standalone');
        assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'a 512 px icon');
        for (const icon of manifest.icons) {
          const status = await page.evaluate((src) => fetch(src).then((r) => r.status), icon.src);
          assert.equal(status, 200, `${icon.src} is served`);
        }
        await waitUntil(
          () => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null),
          (url) => typeof url === 'string' && url.endsWith('/sw.js'),
          'the service worker controls the page',
        );
      });

      await step('the items on rent, opened with signal, are shown', async () => {
        await byTestId(page, 'tile-call-off').click();
        rentalsPath = await expectPath(page, /\/rentals$/);
        await expectCount(byTestId(page, 'rental-item'), (n) => n >= 1, 'items on rent');
        items = await byTestId(page, 'rental-item').count();
        await expectCount(byTestId(page, 'offline-banner'), 0, 'no banner with signal');
        assert.ok((await keptKeys(page)).length > 0, 'the list is kept for this user');
        await shot('01-online', { fullPage: true });
      });

      await step('a reload without signal shows the same items under the offline banner', async () => {
        await context.setOffline(true);
        await page.reload();
        await expectText(byTestId(page, 'offline-banner'), /Offline — as of \d{1,2}:\d{2}/, 'the banner and its time');
        await expectCount(byTestId(page, 'rental-item'), items, 'the kept items');
        await expectPath(page, new RegExp(`^${rentalsPath}$`), 'still on the rentals');
        await waitUntil(
          () => page.locator('[data-testid="brand-home"] img').first().evaluate((img) => img.complete && img.naturalWidth > 0),
          (loaded) => loaded,
          'the dealer logo, kept by the service worker',
        );
        dropNetworkErrors(journey);
        await shot('02-offline-reload', { fullPage: true });
      });

      await step('a call-off without signal is refused in words, nothing queued', async () => {
        await byTestId(page, 'select-item').first().check();
        await byTestId(page, 'calloff-button').click();
        await byTestId(page, 'calloff-form').waitFor();
        const pickup = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
        await byTestId(page, 'calloff-pickup-date').fill(pickup);
        await byTestId(page, 'contact-name').fill('Robin Offline');
        await byTestId(page, 'contact-phone').fill('+1 303 555 0188');
        await byTestId(page, 'calloff-submit').click();
        await expectText(byTestId(page, 'calloff-error'), /offline: nothing was sent/i, 'the refusal');
        await expectCount(byTestId(page, 'request-confirmation'), 0, 'no confirmation');
        dropNetworkErrors(journey);
        await shot('03-offline-calloff-refused', { fullPage: true });
      });

      await step('signal back: the banner goes and the list is live again', async () => {
        await context.setOffline(false);
        await expectCount(byTestId(page, 'offline-banner'), 0, 'the banner clears');
        await page.goBack();
        await expectPath(page, /\/rentals$/);
        await expectCount(byTestId(page, 'rental-item'), items, 'the same items, live');
        await expectCount(byTestId(page, 'offline-banner'), 0, 'no banner');
        dropNetworkErrors(journey);
      });

      await step('logging out forgets everything kept; offline, the login page follows', async () => {
        await logOut(page);
        await expectPath(page, /^\/login$/);
        assert.deepEqual(await keptKeys(page), [], 'nothing kept after logout');
        await context.setOffline(true);
        await page.goto(rentalsPath);
        await expectPath(page, /^\/login/, 'no session without signal after logout');
        // The login page asks for the dealer's look (and, in development, the mailbox):
        // refused without signal, which the browser reports once those requests are done.
        await byTestId(page, 'login-form').waitFor();
        await page.waitForLoadState('networkidle');
        dropNetworkErrors(journey);
        await shot('04-offline-after-logout');
      });

      await step('a logout made without signal reaches the server later: a reload does not sign back in', async () => {
        await context.setOffline(false);
        await logIn(page, CUSTOMER);
        await expectPath(page, /^\/(a\/|accounts)/, 'signed in again');
        await context.setOffline(true);
        await logOut(page);
        await expectPath(page, /^\/login$/);
        await context.setOffline(false);
        dropNetworkErrors(journey);
        // The refresh cookie is still in the browser: without the delivered logout, this
        // reload would use it and open the account again.
        await page.goto(rentalsPath);
        await expectPath(page, /^\/login/, 'still signed out after the reload');
        await byTestId(page, 'login-form').waitFor();
        await page.waitForLoadState('networkidle');
        await expectPath(page, /^\/login/, 'still signed out once the app has settled');
        const pending = await page.evaluate(() => localStorage.getItem('rental_portal.logout_pending'));
        assert.equal(pending, null, 'the logout was delivered');
      });
    } finally {
      await context.setOffline(false).catch(() => {});
      await journey.context.close();
    }
  });
});
