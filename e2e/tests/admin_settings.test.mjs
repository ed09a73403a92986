// Dealer settings (H9) in real Chromium at desktop size (1280x800) and at phone size
// (390x844), against the journey server (E2E_BASE_URL): the Summit dealer admin opens
// Settings, is told why a mid-grey primary colour cannot be used (both contrast ratios), picks
// readable colours (a light accent takes dark text), uploads a logo, changes the welcome
// message and "rentals" to "hires", hides a home tile and stores a gateway secret (shown
// masked only). Then the demo customer logs in and sees all of it on the Summit home at once,
// and the login page wears the new colour. The spec puts Summit's settings back afterwards,
// since the other journeys expect the seed's look.
// Screenshots: {desktop,phone}-settings-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  cssVar,
  execDb,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  logOut,
  openJourney,
  queryDb,
  stepper,
  waitUntil,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const ADMIN_IP = { desktop: '198.51.100.91', phone: '198.51.100.92' };
const LOOK = {
  desktop: { primary: '#0f766e', accent: '#facc15', welcome: 'Good to see you at the yard — desktop edition.' },
  phone: { primary: '#7c2d12', accent: '#fde68a', welcome: 'Good to see you at the yard — on the go.' },
};
const GATEWAY_SECRET = 'sk_test_e2eSECRETvalue4821';
/** A small SVG logo (a rounded square and a triangle), uploaded as a file. */
const LOGO_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#111827"/>' +
    '<path d="M10 50 L32 14 L54 50 Z" fill="#facc15"/></svg>',
);

/** `#0f766e` → `rgb(15, 118, 110)`, as getComputedStyle writes colours. */
function rgb(hex) {
  const [r, g, b] = hex.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
  return `rgb(${r}, ${g}, ${b})`;
}

let browser;
let adminToken;
let original;
before(async () => {
  browser = await launchBrowser();
  adminToken = await apiLogin(BASE_URL, SUMMIT_ADMIN, '198.51.100.90');
  const { body } = await callApi(BASE_URL, '/admin/settings/branding', { token: adminToken, clientIp: '198.51.100.90' });
  original = {
    branding: body,
    logoUrl: queryDb("SELECT logo_url FROM dealers WHERE slug = 'summit'")[0].logo_url,
  };
});
after(async () => {
  // Summit as the seed made it, for the specs that follow.
  if (original) {
    const { status } = await callApi(BASE_URL, '/admin/settings/branding', {
      method: 'PUT',
      token: adminToken,
      body: original.branding,
      clientIp: '198.51.100.90',
    });
    assert.equal(status, 200, 'Summit branding restored');
    const logo = original.logoUrl === null ? 'NULL' : `'${original.logoUrl.replace(/'/g, "''")}'`;
    execDb(`UPDATE dealers SET logo_url = ${logo} WHERE slug = 'summit'`);
  }
  await browser?.close();
});

for (const profile of [PROFILES.desktop, PROFILES.phone]) {
  const look = LOOK[profile.name];

  describe(`${profile.name}: a dealer admin dresses the customer portal`, () => {
    test('colours, logo, words, tiles and a gateway key, seen by the customer at once', { timeout: 240_000 }, async (t) => {
      const journey = await openJourney(browser, profile, { clientIp: ADMIN_IP[profile.name] });
      const { page } = journey;
      // The contrast samples show failing pairings on purpose: left out of the axe check.
      const shot = (name, opts) => journey.shot(`settings-${name}`, { axeExclude: ['.contrast-sample'], ...opts });
      const step = stepper(t, journey);
      let logoUrl;

      try {
        await step('the admin opens Settings from the store tabs', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'nav-settings').click();
          await expectPath(page, /^\/admin\/settings$/);
          await byTestId(page, 'settings-branding-save').waitFor();
          await byTestId(page, 'settings-store-list').waitFor();
          await byTestId(page, 'settings-method-card').waitFor();
          await shot('01-sections', { fullPage: true });
        });

        await step('a colour no text reads on is explained and refused', async () => {
          await byTestId(page, 'settings-primary').fill('#808080');
          const contrast = byTestId(page, 'settings-primary-contrast');
          await expectText(contrast, /Too low/, 'contrast verdict');
          await expectText(contrast, /White text 3\.9:1/, 'white ratio');
          await byTestId(page, 'settings-branding-save').click();
          await expectText(byTestId(page, 'settings-primary-error'), /4\.5:1/, 'field error');
          await shot('02-contrast-refused', { fullPage: true });
        });

        await step('readable colours are saved; the light accent takes dark text', async () => {
          await byTestId(page, 'settings-primary').fill(look.primary);
          await expectText(byTestId(page, 'settings-primary-contrast'), /buttons and the featured tile use white text/, 'primary verdict');
          await byTestId(page, 'settings-accent').fill(look.accent);
          await expectText(byTestId(page, 'settings-accent-contrast'), /use dark text/, 'accent verdict');
          assert.equal(await cssVar(page, '[data-testid="settings-preview"]', '--brand-primary'), look.primary, 'preview');
          await byTestId(page, 'settings-branding-save').click();
          await byTestId(page, 'settings-branding-saved').waitFor();
        });

        await step('a logo is uploaded and shown at once', async () => {
          await page.locator('[data-testid="settings-logo-file"]').setInputFiles({
            name: 'logo.svg',
            mimeType: 'image/svg+xml',
            buffer: LOGO_SVG,
          });
          await expectText(byTestId(page, 'settings-logo-done'), /Logo uploaded/, 'upload note');
          const image = byTestId(page, 'settings-logo-image');
          logoUrl = await image.getAttribute('src');
          assert.match(logoUrl, /^\/api\/v1\/logos\/[0-9a-f-]{36}$/);
          await waitUntil(() => image.evaluate((img) => img.complete && img.naturalWidth), (w) => w > 0, 'logo drawn');
          await shot('03-branding', { fullPage: true });
        });

        await step('welcome message and "hires" are saved', async () => {
          await byTestId(page, 'settings-welcome').fill(look.welcome);
          await byTestId(page, 'settings-terminology-hires').check();
          await byTestId(page, 'settings-words-save').click();
          await byTestId(page, 'settings-words-saved').waitFor();
          await expectText(byTestId(page, 'settings-tiles'), /My Hires/, 'tile labels follow the words');
        });

        await step('the Quotes tile is hidden', async () => {
          await byTestId(page, 'settings-tile-quotes').uncheck();
          await byTestId(page, 'settings-tiles-save').click();
          await byTestId(page, 'settings-tiles-saved').waitFor();
        });

        await step('a gateway secret is stored and only its last four show', async () => {
          await byTestId(page, 'settings-method-card-secret').fill(GATEWAY_SECRET);
          await byTestId(page, 'settings-payments-save').click();
          await byTestId(page, 'settings-payments-saved').waitFor();
          await expectText(byTestId(page, 'settings-method-card-masked'), /•••• 4821/, 'masked secret');
          assert.equal(await byTestId(page, 'settings-method-card-secret').inputValue(), '', 'the field is emptied');
          await page.reload();
          await expectText(byTestId(page, 'settings-method-card-masked'), /•••• 4821/, 'masked after a reload');
          assert.ok(!(await page.content()).includes(GATEWAY_SECRET), 'the secret is nowhere on the page');
          await shot('04-saved', { fullPage: true });
        });

        await step('the customer sees the new look on the Summit home at once', async () => {
          await logOut(page);
          await logIn(page, CUSTOMER);
          await expectPath(page, /^\/accounts$/);
          await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
          await byTestId(page, 'home-tiles').waitFor();
          assert.equal(await cssVar(page, '.app-header', '--brand-primary'), look.primary, '--brand-primary');
          await expectText(byTestId(page, 'welcome-message'), look.welcome, 'welcome message');
          await expectText(byTestId(page, 'tile-rentals'), /My Hires/, 'the dealer\'s word');
          assert.equal(await byTestId(page, 'tile-quotes').count(), 0, 'Quotes is hidden');
          await byTestId(page, 'tile-contracts').waitFor();
          const logo = page.locator('[data-testid="brand-home"] img.brand-logo');
          assert.equal(await logo.getAttribute('src'), logoUrl, 'the uploaded logo');
          await waitUntil(() => logo.evaluate((img) => img.complete && img.naturalWidth), (w) => w > 0, 'logo drawn');
          // The featured tile stays readable: white text on the dark primary, dark on the light accent.
          const tile = byTestId(page, 'tile-rentals');
          assert.equal(await tile.evaluate((el) => getComputedStyle(el).backgroundColor), rgb(look.primary));
          assert.equal(await tile.evaluate((el) => getComputedStyle(el).color), 'rgb(255, 255, 255)');
          const icon = tile.locator('.tile-icon');
          assert.equal(await icon.evaluate((el) => getComputedStyle(el).backgroundColor), rgb(look.accent));
          assert.equal(await icon.evaluate((el) => getComputedStyle(el).color), rgb('#14213d'));
          await shot('05-customer-home', { fullPage: true });
        });

        await step('the login page wears the new colour', async () => {
          await logOut(page);
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-form').waitFor();
          // The form shows before the dealer's look has loaded: wait for it, not for the first paint.
          await waitUntil(
            async () => (await cssVar(page, '.login-screen', '--brand-primary')).toLowerCase(),
            (colour) => colour === look.primary,
            '--brand-primary on the login page',
          );
          await shot('06-login');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
