// 320 px wide (issue 15, item 4; WCAG 1.4.10 reflow), in real Chromium against the journey
// server (E2E_BASE_URL): the customer's login, home, rentals, invoices, contracts and
// requests, and the dealer admin's home, inbox and customers neither scroll sideways nor
// have anything stick out of the page; the balance and ageing amounts never overlap; and
// axe-core finds no WCAG A/AA violation on any of them.
// Screenshots: narrow-320-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROFILES, SUMMIT_ADMIN, byTestId, expectPath, launchBrowser, logIn, openJourney, stepper } from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('320 px wide', () => {
  test('customer and admin screens fit without sideways scrolling', { timeout: 180_000 }, async (t) => {
    const customer = await openJourney(browser, PROFILES.narrow, { clientIp: '198.51.100.161' });
    const admin = await openJourney(browser, PROFILES.narrow, { clientIp: '198.51.100.162' });
    const { page } = customer;
    const step = stepper(t, customer);
    /** No two of these elements' boxes overlap (amounts side by side must never collide). */
    const noOverlap = async (p, selector) => {
      const boxes = await p.locator(selector).evaluateAll((els) =>
        els.filter((e) => e.offsetParent !== null).map((e) => {
          // The text's own extent (a Range), not the element's box: text that overflows its
          // box is where overlaps happen.
          const range = document.createRange();
          range.selectNodeContents(e);
          const r = range.getBoundingClientRect();
          return { text: e.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
          if (!apart) throw new Error(`"${a.text}" and "${b.text}" overlap`);
        }
      }
      return boxes.length;
    };
    const fits = async (journey, name) => {
      await journey.shot(`320-${name}`, { fullPage: true });
      await journey.assertNoOverflow();
    };
    try {
      await step('login', async () => {
        await page.goto('/login');
        await byTestId(page, 'login-form').waitFor();
        await fits(customer, '01-login');
      });
      await step('home', async () => {
        await logIn(page, CUSTOMER);
        await byTestId(page, 'account-option', '[data-account-number="S10001"]').click();
        await byTestId(page, 'home-tiles').waitFor();
        await fits(customer, '02-home');
        // The tab bar's five labels are whole, none cut to "Contra…".
        const cut = await page.locator('.phone-tab-label').evaluateAll((labels) =>
          labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
        assert.deepEqual(cut, [], 'tab labels cut short');
      });
      for (const [tile, path, ready, name] of [
        ['tile-rentals', /\/rentals$/, '[data-testid="rental-item"]:visible', '03-rentals'],
        ['tile-invoices', /\/invoices$/, '[data-testid="invoice-row"]:visible', '04-invoices'],
        ['tile-contracts', /\/contracts$/, '[data-testid="contract-card"]:visible', '05-contracts'],
        ['tile-requests', /\/requests$/, 'h1', '06-requests'],
      ]) {
        await step(name.slice(3), async () => {
          await byTestId(page, 'brand-home').click();
          await byTestId(page, 'home-tiles').waitFor();
          await byTestId(page, tile).click();
          await expectPath(page, path);
          await page.locator(ready).first().waitFor();
          await fits(customer, name);
          if (name === '04-invoices') {
            const amounts = await noOverlap(page, '.balance-amount, .balance-overdue-amount, .ageing-bucket dd, .ageing-bucket dt');
            if (amounts < 4) throw new Error(`only ${amounts} balance and ageing figures shown`);
          }
        });
      }
      customer.assertNoErrors();
      await step('admin home, inbox and customers', async () => {
        const p = admin.page;
        await logIn(p, SUMMIT_ADMIN);
        await expectPath(p, /^\/admin$/);
        await byTestId(p, 'admin-tiles').waitFor();
        await fits(admin, '07-admin-home');
        await byTestId(p, 'nav-inbox').click();
        await expectPath(p, /^\/admin\/requests$/);
        await p.locator('[data-testid="inbox-list"]:visible, [data-testid="inbox-empty"]:visible').first().waitFor();
        await fits(admin, '08-admin-inbox');
        await byTestId(p, 'nav-customers').click();
        await expectPath(p, /^\/admin\/customers$/);
        await p.locator('[data-testid="customer-row"]:visible, [data-testid="customer-card"]:visible').first().waitFor();
        await fits(admin, '09-admin-customers');
        admin.assertNoErrors();
      });
    } finally {
      await customer.context.close();
      await admin.context.close();
    }
  });
});
