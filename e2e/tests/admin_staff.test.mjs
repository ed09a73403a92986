// Staff and roles (H10) and the audit log (H12) in real Chromium at desktop size (1280x800)
// and at phone size (390x844), against the journey server (E2E_BASE_URL): the Summit dealer
// admin opens "Staff", invites a member of staff for one store, the invited person chooses a
// password from the emailed link (dev mailbox) and signs in, the admin makes them an admin,
// then deactivates them after confirming in place (their login stops working), reads the
// audit log, filters it by action and by the person acted on, opens an event in full and
// downloads the filtered view as CSV.
// Screenshots: {desktop,phone}-admin-staff-NN-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BASE_URL,
  DOWNLOADS,
  PROFILES,
  SUMMIT_ADMIN,
  byTestId,
  callApi,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  parseCsv,
  stepper,
  waitUntil,
} from '../lib/harness.mjs';

const ADMIN_IP = { desktop: '198.51.100.91', phone: '198.51.100.92' };
const MEMBER_PASSWORD = 'a-fine-staff-password-9';

/** The setup link of the staff invitation to `email`, from the dev mailbox. */
async function invitationToken(email, clientIp) {
  const mail = await waitUntil(
    async () =>
      (await callApi(BASE_URL, '/dev/mailbox', { clientIp })).body.find(
        (m) => m.kind === 'staff_invitation' && m.to.toLowerCase() === email,
      ) ?? null,
    (found) => found !== null,
    `the staff invitation to ${email} in the dev mailbox`,
  );
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
  assert.ok(token, `a setup link in: ${mail.body_text}`);
  return token;
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const profile of [PROFILES.desktop, PROFILES.phone]) {
  describe(`${profile.name}: a dealer admin manages staff and reads the audit log`, () => {
    test('invite, accept, make admin, deactivate, audit', { timeout: 240_000 }, async (t) => {
      const clientIp = ADMIN_IP[profile.name];
      const journey = await openJourney(browser, profile, { clientIp });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`admin-staff-${name}`, opts);
      const step = stepper(t, journey);
      const email = `counter.${profile.name}.${Date.now()}@summit.example`;
      const name = `Casey Counter ${profile.name === 'phone' ? 'Phone' : 'Desk'}`;
      const row = () => byTestId(page, 'staff-row', `[data-email="${email}"]`);

      try {
        await step('the admin opens Staff from the store tabs', async () => {
          await logIn(page, SUMMIT_ADMIN);
          await expectPath(page, /^\/admin$/);
          await byTestId(page, 'nav-staff').click();
          await expectPath(page, /^\/admin\/staff$/);
          await byTestId(page, 'staff-row', '[data-email="admin@summit.example"]').waitFor();
          await shot('01-list', { fullPage: true });
        });

        await step('the invitation needs a name and an email', async () => {
          await byTestId(page, 'staff-invite-submit').click();
          await expectText(byTestId(page, 'staff-invite-name-error'), /Enter their name/, 'name error');
          await expectText(byTestId(page, 'staff-invite-email-error'), /email address/, 'email error');
        });

        await step('inviting a member of staff for one store', async () => {
          await byTestId(page, 'staff-invite-name').fill(name);
          await byTestId(page, 'staff-invite-email').fill(email);
          await byTestId(page, 'staff-invite-store-DEN').check();
          await byTestId(page, 'staff-invite-submit').click();
          await expectText(byTestId(page, 'staff-invite-sent'), `Invitation sent to ${email}.`, 'sent');
          await expectText(row().locator('[data-testid="staff-row-status"]'), 'Invited', 'status');
          await expectText(row().locator('[data-testid="staff-row-role"]'), 'Staff', 'role');
          await expectText(row().locator('[data-testid="staff-row-stores"]'), /Denver/, 'stores');
          await row().scrollIntoViewIfNeeded();
          await shot('02-invited', { fullPage: true });
        });

        await step('the invited person chooses a password and signs in', async () => {
          const token = await invitationToken(email, clientIp);
          const reset = await callApi(BASE_URL, '/auth/password/reset', {
            method: 'POST',
            body: { token, new_password: MEMBER_PASSWORD },
            clientIp,
          });
          assert.equal(reset.status, 204, JSON.stringify(reset.body));
          const login = await callApi(BASE_URL, '/auth/login', {
            method: 'POST',
            body: { login: email, password: MEMBER_PASSWORD },
            clientIp,
          });
          assert.equal(login.status, 200, JSON.stringify(login.body));
          assert.equal(login.body.user.role, 'dealer_staff');
          await page.reload();
          await expectText(row().locator('[data-testid="staff-row-status"]'), 'Active', 'status');
        });

        await step('changing the role to admin', async () => {
          await row().locator('[data-testid="staff-edit"]').click();
          await row().locator('[data-testid="staff-editor"]').waitFor();
          await shot('03-edit', { fullPage: true });
          await row().locator('[data-testid="staff-edit-role-dealer_admin"]').check({ force: true });
          await row().locator('[data-testid="staff-edit-save"]').click();
          await expectText(row().locator('[data-testid="staff-row-role"]'), 'Admin', 'role');
          await expectText(row().locator('[data-testid="staff-row-stores"]'), 'Every store', 'stores');
        });

        await step('deactivating asks first, then the login stops working', async () => {
          await row().locator('[data-testid="staff-deactivate"]').click();
          await row().locator('[data-testid="staff-confirm"]').waitFor();
          await expectText(row().locator('[data-testid="staff-confirm"]'), /signed out at once/, 'question');
          await row().scrollIntoViewIfNeeded();
          await shot('04-confirm-deactivate');
          await row().locator('[data-testid="staff-confirm-yes"]').click();
          await expectText(row().locator('[data-testid="staff-row-status"]'), 'Deactivated', 'status');
          await row().locator('[data-testid="staff-reactivate"]').waitFor();
          await shot('05-deactivated', { fullPage: true });
          const login = await callApi(BASE_URL, '/auth/login', {
            method: 'POST',
            body: { login: email, password: MEMBER_PASSWORD },
            clientIp,
          });
          assert.equal(login.status, 401, 'a deactivated login cannot sign in');
        });

        await step('the audit log shows what happened', async () => {
          await byTestId(page, 'nav-audit').click();
          await expectPath(page, /^\/admin\/audit$/);
          await byTestId(page, 'audit-row').first().waitFor();
          await shot('06-audit', { fullPage: true });
        });

        await step('filtering by action', async () => {
          await byTestId(page, 'audit-filter-action').selectOption('admin.staff_deactivated');
          await waitUntil(
            async () => byTestId(page, 'audit-row').evaluateAll((els) => els.map((e) => e.dataset.action)),
            (actions) => actions.length > 0 && actions.every((a) => a === 'admin.staff_deactivated'),
            'only deactivations listed',
          );
          const deactivation = byTestId(page, 'audit-row', `:has-text("${name}")`);
          await deactivation.waitFor();
        });

        await step('filtering by the person acted on, and opening an event', async () => {
          await byTestId(page, 'audit-filter-action').selectOption('');
          const invited = byTestId(page, 'audit-row', '[data-action="admin.staff_invited"]').filter({ hasText: email });
          await invited.first().locator('td[data-label="User acted on"] button').click();
          await waitUntil(
            async () => byTestId(page, 'audit-row').evaluateAll((els) => els.map((e) => e.dataset.action)),
            (actions) =>
              ['admin.staff_invited', 'admin.staff_updated', 'admin.staff_deactivated'].every((a) => actions.includes(a)) &&
              !actions.includes('auth.login'),
            'only what was done to the new member',
          );
          await byTestId(page, 'audit-row', '[data-action="admin.staff_updated"]').locator('[data-testid="audit-open"]').click();
          await expectText(byTestId(page, 'audit-detail-details'), /"previous_role": "dealer_staff"/, 'details');
          await expectText(byTestId(page, 'audit-detail-facts'), /admin@summit\.example/, 'who');
          await shot('07-audit-filtered-detail', { fullPage: true });
        });

        await step('"Download CSV" saves the filtered view', async () => {
          const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'audit-csv').click()]);
          const filename = download.suggestedFilename();
          assert.match(filename, /^audit-.*\.csv$/, `download name ${filename}`);
          mkdirSync(DOWNLOADS, { recursive: true });
          const saved = join(DOWNLOADS, `${profile.name}-${filename}`);
          await download.saveAs(saved);
          const [header, ...rows] = parseCsv(readFileSync(saved, 'utf8')).filter((r) => r.some((f) => f !== ''));
          const action = header.indexOf('Action');
          const target = header.indexOf('User acted on (email)');
          assert.ok(action >= 0 && target >= 0, `CSV header ${header}`);
          const shown = await byTestId(page, 'audit-row').count();
          assert.equal(rows.length, shown, 'as many rows as the filtered list');
          for (const r of rows) assert.equal(r[target], email, `row ${r}`);
          assert.ok(rows.some((r) => r[action] === 'admin.staff_deactivated'), 'the deactivation is in the file');
        });
      } finally {
        await journey.context.close();
      }
    });
  });
}
