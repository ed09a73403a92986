// The dealer's customers (H2-H6) in real Chromium at desktop size (1280x800) and at phone size
// (390x844), against the journey server (E2E_BASE_URL): a Summit customer nobody uses yet gets
// a portal user (invitation accepted through the API); the Summit dealer admin opens
// "Customers", sees the "no matches" state for a search that finds nothing, searches for the
// customer by number, filters by portal status (both kept in the URL), opens the customer,
// deactivates the user after confirming in place (the status changes and the login no longer
// opens the account), reactivates them, goes back to the filtered list and downloads it as CSV;
// then store staff open the same customer and see no admin-only action.
// Screenshots: {desktop,phone}-admin-customers-NN-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  DB_PATH,
  DOWNLOADS,
  PROFILES,
  SUMMIT_ADMIN,
  apiLogin,
  byTestId,
  callApi,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  logOut,
  openJourney,
  parseCsv,
  stepper,
  unusedCustomers,
  waitUntil,
} from '../lib/harness.mjs';

const ADMIN_IP = { desktop: '198.51.100.101', phone: '198.51.100.102' };
const USER_IP = '198.51.100.103';
const USER_PASSWORD = 'a-fine-customer-password-7';
const STAFF = { login: 'staff@summit.example', password: 'staff-pass-123' };

/** Gives `customer` a portal user: the admin invites its email, the person accepts (API). */
async function givePortalUser(customer, clientIp) {
  const email = customer.email.trim().toLowerCase();
  const token = await apiLogin(BASE_URL, SUMMIT_ADMIN, clientIp);
  const seen = new Set((await callApi(BASE_URL, '/dev/mailbox', { clientIp })).body.map((m) => m.id));
  const sent = await callApi(BASE_URL, `/admin/customers/${customer.id}/invitations`, {
    method: 'POST',
    token,
    body: { email },
    clientIp,
  });
  assert.equal(sent.status, 201, `invited: ${JSON.stringify(sent.body)}`);
  const mail = await waitUntil(
    async () =>
      (await callApi(BASE_URL, '/dev/mailbox', { clientIp })).body.find(
        (m) => !seen.has(m.id) && m.kind === 'invitation' && m.to.toLowerCase() === email,
      ) ?? null,
    (found) => found !== null,
    `the invitation to ${email} in the dev mailbox`,
  );
  const invitation = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
  assert.ok(invitation, `an invitation link in: ${mail.body_text}`);
  const accepted = await callApi(BASE_URL, '/invitations/accept', {
    method: 'POST',
    body: { token: invitation, new_password: USER_PASSWORD, display_name: 'Robin Yard' },
    clientIp: USER_IP,
  });
  assert.equal(accepted.status, 200, `accepted: ${JSON.stringify(accepted.body)}`);
  return { login: email, password: USER_PASSWORD };
}

/** Whether the user's login still opens the customer's account. */
async function opensAccount(user, customerId) {
  const login = await callApi(BASE_URL, '/auth/login', { method: 'POST', body: user, clientIp: USER_IP });
  if (login.status !== 200) return false;
  return login.body.accounts.some((a) => a.id === customerId);
}

let browser;
let customers = [];
before(async () => {
  browser = await launchBrowser();
  // The lowest account numbers: the invitations spec takes the highest.
  if (DB_PATH) customers = unusedCustomers('summit').reverse();
});
after(async () => {
  await browser?.close();
});

for (const [index, profile] of [PROFILES.desktop, PROFILES.phone].entries()) {
  describe(`${profile.name}: a dealer admin finds a customer and manages its portal users`, { skip: !DB_PATH && 'E2E_DB_PATH is not set' }, () => {
    test('search, filter, open, deactivate, reactivate, CSV', { timeout: 240_000 }, async (t) => {
      const customer = customers[index];
      assert.ok(customer, 'an eligible Summit customer nobody uses yet');
      const clientIp = ADMIN_IP[profile.name];
      const user = await givePortalUser(customer, clientIp);
      const journey = await openJourney(browser, profile, { clientIp });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`admin-customers-${name}`, opts);
      const step = stepper(t, journey);
      const row = () => byTestId(page, 'customer-row', `[data-number="${customer.account_number}"]`);
      const userCard = () => byTestId(page, 'customer-user', `[data-login="${user.login}"]`);

      try {
        await step('the admin opens Customers from the store tabs', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'nav-customers').click();
          await expectPath(page, /^\/admin\/customers$/);
          await byTestId(page, 'customer-row').first().waitFor();
          await shot('01-list', { fullPage: profile.name === 'desktop' });
        });

        await step('a search that finds nothing says so', async () => {
          await byTestId(page, 'filter-q').fill('no-such-customer-anywhere');
          await byTestId(page, 'customers-no-match').waitFor();
          await expectText(byTestId(page, 'customers-no-match'), /No customers match/, 'no-match text');
          await shot('02-no-match');
        });

        await step('searching by customer number finds it (as you type)', async () => {
          await byTestId(page, 'filter-q').fill(customer.account_number);
          await row().first().waitFor();
          await waitUntil(
            async () => byTestId(page, 'customer-row').evaluateAll((els) => els.map((e) => e.dataset.number)),
            (numbers) => numbers.length >= 1 && numbers.includes(customer.account_number),
            'the customer listed',
          );
          assert.equal(new URL(page.url()).searchParams.get('q'), customer.account_number, 'the search is in the URL');
          await expectText(row().locator('[data-testid="customer-status"]'), 'Active', 'portal status');
          await expectText(row().locator('[data-testid="customer-eligibility"]'), 'Eligible', 'eligibility');
        });

        await step('filtering by portal status keeps the search', async () => {
          if (profile.name === 'phone') await byTestId(page, 'filters-toggle').click();
          await byTestId(page, 'filter-portal-status').selectOption('never_invited');
          await byTestId(page, 'customers-no-match').waitFor();
          await byTestId(page, 'filter-portal-status').selectOption('active');
          await row().first().waitFor();
          const params = new URL(page.url()).searchParams;
          assert.equal(params.get('portal_status'), 'active', 'the filter is in the URL');
          assert.equal(params.get('q'), customer.account_number, 'the search stays');
          await page.reload();
          await row().first().waitFor();
          await shot('03-filtered', { fullPage: true });
        });

        await step('the customer opens with its portal users', async () => {
          await row().first().locator('[data-testid="customer-open"]').click();
          await expectPath(page, new RegExp(`^/admin/customers/${customer.id}$`));
          await expectText(byTestId(page, 'customer-name'), customer.name, 'name');
          await expectText(byTestId(page, 'customer-portal-status'), 'Active', 'portal status');
          await expectText(userCard().locator('[data-testid="customer-user-login"]'), user.login, 'login id');
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Active', 'user status');
          await userCard().locator('[data-testid="view-as-button"]').waitFor();
          await shot('04-detail', { fullPage: true });
        });

        await step('deactivating the user asks first, then closes the account to them', async () => {
          await userCard().locator('[data-testid="user-deactivate"]').click();
          const confirm = userCard().locator('[data-testid="confirm"]');
          await expectText(confirm, /signed out at once/, 'the question');
          await confirm.scrollIntoViewIfNeeded();
          await shot('05-confirm-deactivate');
          await confirm.locator('[data-testid="confirm-yes"]').click();
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Deactivated', 'user status');
          await expectText(userCard().locator('[data-testid="action-ok"]'), /Access closed/, 'success message');
          await expectText(byTestId(page, 'customer-portal-status'), 'Deactivated', 'customer status');
          await userCard().scrollIntoViewIfNeeded();
          await shot('06-deactivated');
          assert.equal(await opensAccount(user, customer.id), false, 'the login no longer opens the account');
        });

        await step('reactivating opens it again', async () => {
          await userCard().locator('[data-testid="user-reactivate"]').click();
          await userCard().locator('[data-testid="confirm-yes"]').click();
          await expectText(userCard().locator('[data-testid="customer-user-status"]'), 'Active', 'user status');
          await expectText(userCard().locator('[data-testid="action-ok"]'), /Access restored/, 'success message');
          await expectText(byTestId(page, 'customer-portal-status'), 'Active', 'customer status');
          assert.equal(await opensAccount(user, customer.id), true, 'the login opens the account again');
        });

        await step('"Customers" leads back to the filtered list, and its CSV holds the row', async () => {
          await byTestId(page, 'customer-back').click();
          await expectPath(page, /^\/admin\/customers$/);
          await row().first().waitFor();
          const params = new URL(page.url()).searchParams;
          assert.equal(params.get('portal_status'), 'active', 'the filter is back');
          assert.equal(params.get('q'), customer.account_number, 'the search is back');
          const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'customers-csv').click()]);
          const filename = download.suggestedFilename();
          assert.match(filename, /^customers-.*\.csv$/, `download name ${filename}`);
          mkdirSync(DOWNLOADS, { recursive: true });
          const saved = join(DOWNLOADS, `${profile.name}-${filename}`);
          await download.saveAs(saved);
          const [header, ...rows] = parseCsv(readFileSync(saved, 'utf8')).filter((r) => r.some((f) => f !== ''));
          const number = header.indexOf('Customer number');
          const status = header.indexOf('Portal status');
          assert.ok(number >= 0 && status >= 0, `CSV header ${header}`);
          const shown = await byTestId(page, 'customer-row').count();
          assert.equal(rows.length, shown, 'as many rows as the filtered list');
          const mine = rows.filter((r) => r[number] === customer.account_number);
          assert.ok(mine.length >= 1, `the customer's row in ${JSON.stringify(rows)}`);
          for (const r of mine) assert.equal(r[status], 'Active', `status in ${r}`);
          await shot('07-back-to-list', { fullPage: true });
        });

        await step('store staff see the customer, without the admin-only actions', async () => {
          await logOut(page);
          await logIn(page, STAFF);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'nav-customers').click();
          await byTestId(page, 'filter-q').fill(customer.account_number);
          await row().first().waitFor();
          await row().first().locator('[data-testid="customer-open"]').click();
          await userCard().locator('[data-testid="view-as-button"]').waitFor();
          for (const admin of ['user-deactivate', 'user-reset-password']) {
            assert.equal(await userCard().locator(`[data-testid="${admin}"]`).count(), 0, `no ${admin} for staff`);
          }
          assert.equal(await byTestId(page, 'customer-deactivate').count(), 0, 'no customer deactivate for staff');
          assert.equal(await byTestId(page, 'contact-invite').count(), 0, 'no invite for staff');
          await shot('08-staff-detail', { fullPage: true });
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
