// Dark mode (issue 15, item 5) in real Chromium with the system in dark mode
// (prefers-color-scheme: dark), at phone size (390x844) and desktop size (1280x800), against
// the journey server (E2E_BASE_URL): the login page, the demo customer's Summit home,
// rentals, invoices and contracts, and the Summit admin's home and customer list. On every
// screen the page is dark, and the title, body text, secondary text and links (the dealer's
// colour as text) reach WCAG AA contrast on what they are drawn on (and, as on every screen a
// journey pictures, axe-core finds no WCAG A/AA violation). The signed-out login
// page asks for no refresh (there is no session hint cookie).
// Screenshots: {phone,desktop}-dark-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  expectPath,
  launchBrowser,
  logIn,
  openJourney,
  stepper,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const IPS = {
  phone: { customer: '198.51.100.141', admin: '198.51.100.142' },
  desktop: { customer: '198.51.100.143', admin: '198.51.100.144' },
};

/**
 * The WCAG contrast of each visible element matching `selector` (at most `limit`) against
 * the first opaque background behind it: [{ text, ratio, colour, background }].
 */
async function contrasts(page, selector, limit = 6) {
  return page.locator(selector).evaluateAll(
    (els, limit) => {
      const rgb = (css) => (css.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]) => {
        const ch = (c) => {
          const v = c / 255;
          return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
      };
      const backgroundOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
          if (a > 0.5 && !getComputedStyle(e).backgroundImage.includes('gradient')) return [r, g, b];
        }
        return rgb(getComputedStyle(document.documentElement).backgroundColor);
      };
      return els
        .filter((e) => e.offsetParent !== null && e.textContent.trim() !== '')
        .slice(0, limit)
        .map((e) => {
          const fg = rgb(getComputedStyle(e).color).slice(0, 3);
          const bg = backgroundOf(e);
          const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
          return { text: e.textContent.trim().slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05), colour: fg.join(','), background: bg.join(',') };
        });
    },
    limit,
  );
}

/** The page is dark, and every text of each kind found reaches AA (4.5:1). */
async function assertReadable(journey, where, selectors) {
  const { page } = journey;
  const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (body.match(/[\d.]+/g) ?? []).map(Number);
  assert.ok(r + g + b < 150, `${where}: the page is dark (${body})`);
  let checked = 0;
  for (const selector of selectors) {
    for (const c of await contrasts(page, selector)) {
      checked += 1;
      assert.ok(c.ratio >= 4.5, `${where}: "${c.text}" (${selector}) rgb(${c.colour}) on rgb(${c.background}) is ${c.ratio.toFixed(2)}:1`);
    }
  }
  assert.ok(checked > 0, `${where}: some text was checked`);
}

const TEXT = ['h1', 'h2', 'p', 'a', 'td', 'label', '.client-meta', '.pager-summary', '.tile-label', '.tile-hint'];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  describe(`dark mode at ${profile.name} size`, () => {
    test('customer and admin screens are dark and readable', { timeout: 180_000 }, async (t) => {
      const customer = await openJourney(browser, profile, { clientIp: IPS[profile.name].customer, colorScheme: 'dark' });
      const admin = await openJourney(browser, profile, { clientIp: IPS[profile.name].admin, colorScheme: 'dark' });
      const { page } = customer;
      const step = stepper(t, customer);
      try {
        await step('the login page, without a refresh certain to fail', async () => {
          const asked = [];
          page.on('request', (r) => asked.push(new URL(r.url()).pathname));
          await page.goto('/login');
          await byTestId(page, 'login-form').waitFor();
          await page.waitForLoadState('networkidle');
          assert.ok(!asked.includes('/api/v1/auth/refresh'), `no session hint, no refresh: ${asked.join(' ')}`);
          await assertReadable(customer, 'login', TEXT);
          await customer.shot('dark-01-login', { fullPage: true });
        });

        await step('the Summit home', async () => {
          await logIn(page, CUSTOMER);
          await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
          await byTestId(page, 'home-tiles').waitFor();
          await assertReadable(customer, 'home', TEXT);
          await customer.shot('dark-02-home', { fullPage: true });
        });

        const open = async (tile, path, name, ready) => {
          await byTestId(page, 'brand-home').click();
          await byTestId(page, 'home-tiles').waitFor();
          await byTestId(page, tile).click();
          await expectPath(page, path);
          await page.locator(ready).first().waitFor();
          await assertReadable(customer, name, TEXT);
          await customer.shot(`dark-${name}`, { fullPage: true });
        };
        await step('rentals', () => open('tile-rentals', /\/rentals$/, '03-rentals', '[data-testid="rental-item"]:visible, [data-testid="rentals-table"] tbody tr:visible'));
        await step('invoices', () => open('tile-invoices', /\/invoices$/, '04-invoices', '[data-testid="invoice-row"]:visible'));
        await step('contracts', () => open('tile-contracts', /\/contracts$/, '05-contracts', '[data-testid="contract-card"]:visible, [data-testid="contracts-table"] tbody tr:visible'));
        customer.assertNoErrors();

        await step('the admin home and customers', async () => {
          const p = admin.page;
          await logIn(p, SUMMIT_ADMIN);
          await expectPath(p, /^\/admin$/);
          await byTestId(p, 'admin-tiles').waitFor();
          await assertReadable(admin, 'admin home', TEXT);
          await admin.shot('dark-06-admin-home', { fullPage: true });
          await byTestId(p, 'admin-tile-customers').click();
          await expectPath(p, /^\/admin\/customers$/);
          await p.locator('[data-testid="customer-row"]:visible').first().waitFor();
          await assertReadable(admin, 'admin customers', TEXT);
          await admin.shot('dark-07-admin-customers', { fullPage: true });
          admin.assertNoErrors();
        });
      } finally {
        await customer.context.close();
        await admin.context.close();
      }
    });
  });
}
