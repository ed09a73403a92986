// The customer journey in real Chromium, once as a phone (390x844, touch) and once on a
// desktop (1280x800), each in a fresh browser context against the demo data set:
// login (and a wrong password) -> account picker -> branded home -> contracts, filters,
// detail, back, CSV -> reload keeps the session -> switch to the UK dealer -> log out ->
// a protected URL sends you to the login page. Screenshots: e2e/artifacts/screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DOWNLOADS,
  PROFILES,
  byTestId,
  cssVar,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  openAccountMenu,
  openJourney,
  parseCsv,
  stepper,
  totalOf,
  waitUntil,
} from '../lib/harness.mjs';

const CUSTOMER = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT = {
  dealer: 'Summit Equipment Rentals',
  account: 'S10001',
  accountName: 'Demo Civil Works LLC',
  myItems: 'My Rentals',
  primary: '#0b5cab',
};
const THAMES = {
  dealer: 'Thames Plant Hire',
  account: 'T10000',
  accountName: 'Demo Groundworks Ltd',
  myItems: 'My Hires',
  primary: '#1f5f3f',
};
/** A free-text search that narrows the demo seed's open contracts of S10001 (a street). */
const SEARCH = 'Wynkoop';
const ACCOUNT_PATH = /^\/a\/[0-9a-f-]{36}$/;
const CONTRACTS_PATH = /^\/a\/[0-9a-f-]{36}\/contracts$/;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Status of every visible contract (rows on desktop, cards on phones). */
async function visibleStatuses(page) {
  const items = page.locator(
    '[data-testid="contract-row"]:visible, [data-testid="contract-card"]:visible',
  );
  return items.evaluateAll((els) =>
    els.map((el) => ({
      status: el.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
      label: el.querySelector('[data-status]')?.textContent?.trim() ?? null,
    })),
  );
}

async function assertAllOpen(page, total) {
  const statuses = await visibleStatuses(page);
  assert.ok(statuses.length > 0, 'no contract is visible');
  assert.ok(statuses.length <= total, `${statuses.length} visible but the pager says ${total}`);
  for (const s of statuses) {
    assert.deepEqual(s, { status: 'open', label: 'Open' }, 'every visible contract is Open');
  }
}

async function pagerSummary(page) {
  return (await byTestId(page, 'pager-summary').textContent()).replace(/\s+/g, ' ').trim();
}

async function assertLogoLoaded(page) {
  const logo = page.locator('[data-testid="brand-home"] img.brand-logo');
  await waitUntil(
    () => logo.evaluate((img) => img.complete && img.naturalWidth, null, { timeout: 1_000 }),
    (w) => w > 0,
    'dealer logo loaded (naturalWidth > 0)',
  );
}

async function assertBranded(page, dealer, { home = true } = {}) {
  await expectText(byTestId(page, 'brand-home'), dealer.dealer, 'dealer name in the header');
  await assertLogoLoaded(page);
  assert.equal(await cssVar(page, '.app-header', '--brand-primary'), dealer.primary, '--brand-primary');
  const [r, g, b] = dealer.primary.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
  const nameColour = await page
    .locator('[data-testid="brand-home"] .brand-name')
    .evaluate((el) => getComputedStyle(el).color);
  assert.equal(nameColour, `rgb(${r}, ${g}, ${b})`, 'dealer name in the brand colour');
  if (home) {
    await expectText(byTestId(page, 'tile-rentals'), dealer.myItems, 'the dealer\'s word on the first tile');
  }
}

for (const profile of [PROFILES.phone, PROFILES.desktop]) {
  const isPhone = profile.name === 'phone';

  describe(`${profile.name} ${profile.viewport.width}x${profile.viewport.height}`, () => {
    test('customer journey', { timeout: 240_000 }, async (t) => {
      const journey = await openJourney(browser, profile);
      const { page, shot } = journey;
      const step = stepper(t, journey);
      let summitId;
      let thamesId;
      let allSummary;
      let openSummary;
      let searchSummary;

      try {
        await step('/ redirects a visitor to the login page', async () => {
          await page.goto('/');
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-form').waitFor();
          await expectText(page.locator('h1'), 'Log in');
          await shot('01-login');
        });

        await step('a wrong password shows the login error', async () => {
          await byTestId(page, 'login-input').fill(CUSTOMER.login);
          await byTestId(page, 'password-input').fill('not-the-password');
          await byTestId(page, 'login-submit').click();
          await expectText(byTestId(page, 'login-error'), 'Login or password is incorrect', 'login error');
          assert.equal(await byTestId(page, 'password-input').inputValue(), '', 'password cleared');
          await expectPath(page, /^\/login$/);
          await shot('02-login-error');
        });

        await step('logging in shows the account picker with three accounts', async () => {
          await byTestId(page, 'password-input').fill(CUSTOMER.password);
          await byTestId(page, 'login-submit').click();
          await expectPath(page, /^\/accounts$/);
          const options = byTestId(page, 'account-option');
          await expectCount(options, 3, 'accounts offered');
          const names = (await options.allTextContents()).join(' | ');
          for (const name of [SUMMIT.accountName, 'Demo Construction Co.', THAMES.accountName]) {
            assert.ok(names.includes(name), `picker lists ${name}: ${names}`);
          }
          await shot('03-accounts', { fullPage: true });
        });

        await step(`picking ${SUMMIT.accountName} opens its branded home`, async () => {
          const option = byTestId(page, 'account-option', `[data-account-number="${SUMMIT.account}"]`);
          await expectText(option, SUMMIT.accountName);
          await option.click();
          summitId = (await expectPath(page, ACCOUNT_PATH)).split('/')[2];
          await byTestId(page, 'home-tiles').waitFor();
          await assertBranded(page, SUMMIT);
          await expectText(byTestId(page, 'welcome-message'), /\S/, 'welcome message');
          for (const tile of ['tile-rentals', 'tile-reservations', 'tile-quotes', 'tile-contracts', 'tile-contact']) {
            await byTestId(page, tile).waitFor();
          }
          await expectText(byTestId(page, 'account-switcher'), SUMMIT.accountName, 'switcher names the account');
          // Live figures on the tiles: how many items are out now.
          await expectText(byTestId(page, 'tile-rentals'), /\d+ items? on rent now · (none|\d+) due back this week/, 'the items on rent, counted');
          await shot('04-home', { fullPage: true });
        });

        await step(isPhone ? 'the tab bar at the bottom reaches each main section in one tap' : 'the sections are tabs under the header, no tab bar', async () => {
          if (!isPhone) {
            await expectCount(byTestId(page, 'phone-tabs'), 0, 'no tab bar on a desktop');
            await byTestId(page, 'account-nav-invoices').waitFor();
            return;
          }
          const bar = byTestId(page, 'phone-tabs');
          const box = await bar.boundingBox();
          assert.ok(box && Math.abs(box.y + box.height - profile.viewport.height) <= 1, `the bar sits at the bottom (${JSON.stringify(box)})`);
          const labels = await bar.locator('a').allTextContents();
          assert.deepEqual(labels.map((l) => l.trim()), ['Home', 'Rentals', 'Contracts', 'Invoices', 'Requests']);
          for (const tab of await bar.locator('a').all()) {
            const { height, width } = await tab.boundingBox();
            assert.ok(height >= 44 && width >= 44, `each tab is a big target (${width}x${height})`);
          }
          assert.equal(await byTestId(page, 'phone-tab-home').getAttribute('aria-current'), 'page', 'Home is current');
          await byTestId(page, 'phone-tab-invoices').click();
          await expectPath(page, /\/invoices$/);
          assert.equal(await byTestId(page, 'phone-tab-invoices').getAttribute('aria-current'), 'page', 'Invoices is current');
          await shot('04b-tab-bar-invoices');
          await byTestId(page, 'phone-tab-home').click();
          await byTestId(page, 'home-tiles').waitFor();
        });

        await step('the "All contracts" tile opens the contract list', async () => {
          await byTestId(page, 'tile-contracts').click();
          await expectPath(page, CONTRACTS_PATH);
          await byTestId(page, 'contracts-page').waitFor();
          allSummary = await expectText(byTestId(page, 'pager-summary'), /of \d+/, 'pager summary');
          await expectText(page.locator('h1.page-title'), 'All contracts');
          const items = isPhone ? 'contract-card' : 'contract-row';
          await expectCount(byTestId(page, items), (n) => n > 0, `visible ${items}`);
          // The other presentation is in the DOM but hidden.
          assert.equal(await byTestId(page, isPhone ? 'contract-row' : 'contract-card').count(), 0);
          await shot('05-contracts');
        });

        await step(isPhone ? 'the filter panel is folded and opens with "Filters"' : 'the filters are all shown', async () => {
          const toggle = page.locator('[data-testid="filters-toggle"]');
          if (isPhone) {
            assert.ok(await toggle.isVisible(), 'filters-toggle is visible on a phone');
            assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
            const controls = await toggle.getAttribute('aria-controls');
            assert.ok(controls, 'filters-toggle has aria-controls');
            assert.equal(await page.locator(`#${controls}`).count(), 1, 'aria-controls names the panel');
            assert.ok(!(await page.locator('[data-testid="filter-status"]').isVisible()), 'status is folded away');
            assert.ok(await byTestId(page, 'filter-q').isVisible(), 'search stays visible');
            // Folded, the first contract shows on the first screen.
            const firstCard = byTestId(page, 'contract-card').first();
            const box = await firstCard.boundingBox();
            assert.ok(box && box.y < profile.viewport.height, `first card starts on screen (y=${box?.y})`);
            await toggle.click();
            await waitUntil(() => toggle.getAttribute('aria-expanded'), (v) => v === 'true', 'toggle expanded');
          } else {
            assert.ok(!(await toggle.isVisible()), 'no filters-toggle on desktop');
          }
          for (const id of ['filter-status', 'filter-location', 'filter-from', 'filter-to', 'filter-job', 'filter-po', 'filter-apply']) {
            await byTestId(page, id).waitFor();
          }
          await shot('06-filters');
        });

        await step('status "Open" from the dropdown applies at once', async () => {
          await byTestId(page, 'filter-status').selectOption('open');
          await waitUntil(() => new URL(page.url()).searchParams.get('status'), (s) => s === 'open', 'status in the URL');
          openSummary = await waitUntil(() => pagerSummary(page), (s) => s !== allSummary && /of \d+/.test(s), 'pager summary changes');
          const total = totalOf(openSummary);
          assert.ok(total > 0 && total < totalOf(allSummary), `open (${total}) is fewer than all (${allSummary})`);
          await assertAllOpen(page, total);
          if (isPhone) {
            await expectText(page.locator('[data-testid="filters-toggle"] .filters-count'), '1', 'active-filter count');
          }
          await shot('07-filter-open', { fullPage: true });
        });

        await step('a free-text search narrows the open contracts', async () => {
          await byTestId(page, 'filter-q').fill(SEARCH);
          await byTestId(page, 'filter-apply').click();
          await waitUntil(() => new URL(page.url()).searchParams.get('q'), (q) => q === SEARCH, 'q in the URL');
          searchSummary = await waitUntil(() => pagerSummary(page), (s) => s !== openSummary && /of \d+/.test(s), 'pager summary changes');
          const total = totalOf(searchSummary);
          assert.ok(total > 0 && total < totalOf(openSummary), `search (${total}) narrows open (${openSummary})`);
          assert.equal(new URL(page.url()).searchParams.get('status'), 'open', 'status kept');
          await assertAllOpen(page, total);
          const items = byTestId(page, isPhone ? 'contract-card' : 'contract-row');
          await expectCount(items, total, 'one page holds every match');
          await shot('08-filter-search', { fullPage: true });
        });

        let number;
        await step('a contract opens with its lines', async () => {
          const item = byTestId(page, isPhone ? 'contract-card' : 'contract-row').first();
          number = await item.getAttribute('data-contract-number');
          await item.locator('[data-testid="contract-link"]').click();
          await byTestId(page, 'contract-detail').waitFor();
          await expectText(byTestId(page, 'contract-number'), number, 'detail shows the contract number');
          await byTestId(page, 'contract-lines').waitFor();
          await expectCount(byTestId(page, 'contract-line'), (n) => n > 0, 'visible contract lines');
          await shot('09-detail', { fullPage: true });
        });

        await step('"Back" returns to the filtered list', async () => {
          await byTestId(page, 'back-to-contracts').click();
          await expectPath(page, CONTRACTS_PATH);
          const params = new URL(page.url()).searchParams;
          assert.equal(params.get('status'), 'open');
          assert.equal(params.get('q'), SEARCH);
          await waitUntil(() => pagerSummary(page), (s) => s === searchSummary, 'same results as before');
          assert.equal(await byTestId(page, 'filter-q').inputValue(), SEARCH, 'search box keeps the text');
          await assertAllOpen(page, totalOf(searchSummary));
          await shot('10-back');
        });

        await step('"Download CSV" saves exactly the filtered contracts', async () => {
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            byTestId(page, 'csv-download').click(),
          ]);
          const filename = download.suggestedFilename();
          assert.match(filename, /\.csv$/, `download name ${filename}`);
          mkdirSync(DOWNLOADS, { recursive: true });
          const saved = join(DOWNLOADS, `${profile.name}-${filename}`);
          await download.saveAs(saved);
          assert.equal(await download.failure(), null, 'download completed');
          const [header, ...rows] = parseCsv(readFileSync(saved, 'utf8')).filter((r) => r.some((f) => f !== ''));
          const statusCol = header.indexOf('Status');
          const numberCol = header.indexOf('Contract');
          assert.ok(statusCol >= 0 && numberCol >= 0, `CSV header ${header}`);
          assert.equal(rows.length, totalOf(searchSummary), `CSV rows vs pager "${searchSummary}"`);
          for (const row of rows) {
            assert.equal(row.length, header.length, `row ${row} has every column`);
            assert.equal(row[statusCol], 'open', `row ${row[numberCol]} is open`);
          }
          const shown = await byTestId(page, isPhone ? 'contract-card' : 'contract-row').evaluateAll((els) =>
            els.map((el) => el.getAttribute('data-contract-number')).sort(),
          );
          assert.deepEqual(rows.map((r) => r[numberCol]).sort(), shown, 'CSV holds the contracts on screen');
          assert.equal(await page.locator('[data-testid="csv-error"]').count(), 0, 'no CSV error');
          await shot('11-csv');
        });

        await step('a reload keeps the session (refresh cookie)', async () => {
          const before = page.url();
          await page.reload();
          await byTestId(page, 'contracts-page').waitFor();
          assert.equal(page.url(), before, 'still on the same page');
          await waitUntil(() => pagerSummary(page), (s) => s === searchSummary, 'same results after reload');
          await assertBranded(page, SUMMIT, { home: false });
          assert.equal(await page.locator('[data-testid="login-form"]').count(), 0, 'not sent to login');
          await shot('12-reloaded');
        });

        await step(`the switcher moves to ${THAMES.dealer} with its words and colours`, async () => {
          await byTestId(page, 'account-switcher').locator('button').first().click();
          const options = byTestId(page, 'account-switcher-option');
          await expectCount(options, 3, 'switcher options');
          await shot('13-switcher');
          await byTestId(page, 'account-switcher-option', `[data-account-number="${THAMES.account}"]`).click();
          thamesId = (await expectPath(page, ACCOUNT_PATH)).split('/')[2];
          assert.notEqual(thamesId, summitId, 'a different account');
          await byTestId(page, 'home-tiles').waitFor();
          await assertBranded(page, THAMES);
          await expectText(byTestId(page, 'account-switcher'), THAMES.accountName, 'switcher names the account');
          assert.ok(!(await byTestId(page, 'tile-rentals').textContent()).includes('Rentals'), 'no US wording left');
          await shot('14-thames-home', { fullPage: true });
        });

        await step('"Log out" in the account menu returns to the login page', async () => {
          await openAccountMenu(page);
          await expectText(byTestId(page, 'change-password-link'), 'Change password', 'menu offers a password change');
          await byTestId(page, 'logout-all-button').waitFor();
          await shot('15-account-menu');
          await byTestId(page, 'logout-button').click();
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-form').waitFor();
          // The login page remembers the last dealer's branding.
          await expectText(page.locator('[data-testid="login-dealer"]'), THAMES.dealer, 'login page dealer');
          await expectText(page.locator('.login-subtitle'), 'contracts, hires and quotes', 'login page speaks UK');
          await shot('16-logged-out');
        });

        await step('reloading a protected URL after logout goes to the login page', async () => {
          await page.goto(`/a/${thamesId}/contracts?status=open`);
          await expectPath(page, /^\/login$/);
          await byTestId(page, 'login-form').waitFor();
          const next = new URL(page.url()).searchParams.get('next');
          assert.equal(next, `/a/${thamesId}/contracts?status=open`, 'login remembers where to go next');
          assert.equal(await page.locator('[data-testid="home-tiles"], [data-testid="contracts-page"]').count(), 0);
          await shot('17-protected-redirect');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
