// Shared plumbing for the browser journeys: Debian's Chromium through playwright-core, the
// device profiles, screenshots, error capture, axe-core accessibility checks and a few
// polling assertions (playwright-core has no `expect`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** axe-core's browser bundle, evaluated into a page by `assertAccessible`. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS_DIR ?? join(here, '..', 'artifacts'));
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const DOWNLOADS = join(ARTIFACTS, 'downloads');

export const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error('E2E_BASE_URL is not set: run the suite through scripts/e2e.sh');
}

/**
 * The second server, for mail flows that change demo data (password reset): it sends SMTP to
 * a test server that writes each message into the maildir `MAILDIR`. Unset (empty) when the
 * suite runs against a server you started yourself without them.
 */
export const MAIL_BASE_URL = (process.env.E2E_MAIL_BASE_URL ?? '').replace(/\/+$/, '');
export const MAILDIR = process.env.E2E_MAILDIR ?? '';

/**
 * The journey server's SQLite database, for looking up seeded records a spec needs (read
 * only, with the `sqlite3` tool). Unset (empty) for a server you started yourself.
 */
export const DB_PATH = process.env.E2E_DB_PATH ?? '';

/** Rows of a read-only query on `DB_PATH`, as objects keyed by column name. */
export function queryDb(sql, dbPath = DB_PATH) {
  assert.ok(dbPath, 'E2E_DB_PATH is not set');
  const out = execFileSync('sqlite3', ['-readonly', '-json', dbPath, sql], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

/** The mail-flow server's SQLite database (E2E_MAIL_BASE_URL); unset for your own server. */
export const MAIL_DB_PATH = process.env.E2E_MAIL_DB_PATH ?? '';

/**
 * Runs a changing statement on a server's database (`sqlite3`, the server keeps running):
 * for specs that must shape seeded records, e.g. give a customer a particular email.
 */
export function execDb(sql, dbPath = DB_PATH) {
  assert.ok(dbPath, 'no database path set');
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, sql], { encoding: 'utf8' });
}

/** A BLOB uuid column read as `lower(hex(col))` → the usual dashed form. */
export function uuidOfHex(hex) {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One JSON call to the API with fetch (no browser), as a given client address (see
 * openJourney's `clientIp`): `{ status, body }`, body parsed when there is one.
 */
export async function callApi(baseURL, path, { method = 'GET', token, body, clientIp } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (clientIp) headers['X-Forwarded-For'] = clientIp;
  const response = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The demo dealer admin of Summit. */
export const SUMMIT_ADMIN = { login: 'admin@summit.example', password: 'admin-pass-123' };

/** Logs in through the API and returns the access token. */
export async function apiLogin(baseURL, { login, password }, clientIp) {
  const { status, body } = await callApi(baseURL, '/auth/login', {
    method: 'POST',
    body: { login, password },
    clientIp,
  });
  assert.equal(status, 200, `API login of ${login}: ${JSON.stringify(body)}`);
  return body.access_token;
}

/**
 * Eligible account customers of a dealer (A5: portal on, account kind, unique phone, email
 * and ZIP on record, some contracts) that nobody uses yet, as `{ id, account_number, name,
 * email, ... }`, highest account number first.
 */
export function unusedCustomers(dealerSlug, dbPath = DB_PATH) {
  return queryDb(
    `SELECT lower(hex(c.id)) AS hex_id, c.account_number, c.name, c.email, c.phone, c.postal_code,
            d.name AS dealer, d.primary_color AS primary_color
     FROM customers c JOIN dealers d ON d.id = c.dealer_id
     WHERE d.slug = '${dealerSlug}' AND c.kind = 'account' AND c.portal_enabled = 1
       AND c.name NOT LIKE 'Demo %' AND c.email IS NOT NULL AND c.email <> ''
       AND c.postal_code IS NOT NULL AND c.postal_code <> '' AND c.phone_normalized IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.dealer_id = c.dealer_id
                         AND o.phone_normalized = c.phone_normalized AND o.id <> c.id)
       AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id)
     ORDER BY c.account_number DESC`,
    dbPath,
  ).map((c) => ({ ...c, id: uuidOfHex(c.hex_id) }));
}

/** How long one wait may take; generous because the machine may be busy compiling. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);

export const PROFILES = {
  phone: {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  // The narrowest phones still in use (iPhone SE 1st gen, small Androids): WCAG's reflow width.
  narrow: {
    name: 'narrow',
    viewport: { width: 320, height: 658 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  desktop: {
    name: 'desktop',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Console errors we expect: the browser's own line for an answered 401 or 404, and for the
 * 422 (refused input) and 429 (rate limited) the password screens show to the user.
 */
const EXPECTED_CONSOLE = [/Failed to load resource: the server responded with a status of (401|402|404|422|429)\b/];

/**
 * A fresh context (no cookies, no storage) with one page, for one journey. Every uncaught
 * page error and unexpected console error is collected; `assertNoErrors()` fails on them.
 * `clientIp` sends `X-Forwarded-For` (scripts/e2e.sh's servers trust it), so the journey has
 * its own per-IP rate-limit budget instead of sharing 127.0.0.1's with the other specs.
 * `colorScheme: 'dark'` emulates a system in dark mode (prefers-color-scheme); `locale` is
 * the browser's language (navigator.languages, Accept-Language); `serviceWorkers: 'block'`
 * keeps the app's service worker out, so `page.route` sees every request.
 */
export async function openJourney(
  browser,
  profile,
  { baseURL = BASE_URL, clientIp, colorScheme = 'light', locale = 'en-US', serviceWorkers = 'allow' } = {},
) {
  const context = await browser.newContext({
    baseURL,
    colorScheme,
    serviceWorkers,
    ...(clientIp ? { extraHTTPHeaders: { 'X-Forwarded-For': clientIp } } : {}),
    viewport: profile.viewport,
    deviceScaleFactor: profile.deviceScaleFactor,
    isMobile: profile.isMobile,
    hasTouch: profile.hasTouch,
    locale,
    timezoneId: 'America/Denver',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT * 2);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message ?? err}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (EXPECTED_CONSOLE.some((re) => re.test(text))) return;
    const where = msg.location()?.url ? ` (${msg.location().url})` : '';
    errors.push(`console.error: ${text}${where}`);
  });
  page.on('crash', () => errors.push('the page crashed'));

  mkdirSync(SCREENSHOTS, { recursive: true });
  /**
   * Saves a screenshot of the page, then (unless `axe: false`) checks the same state with
   * axe-core: every screen a journey pictures is a screen checked for accessibility.
   * `axeExclude`: selectors left out of the check, for content that shows a failure on
   * purpose (the settings' contrast samples of a colour that does not pass).
   */
  const shot = async (name, { fullPage = false, axe = true, axeExclude = [] } = {}) => {
    const path = join(SCREENSHOTS, `${profile.name}-${name}.png`);
    // Park the mouse so no hover effect from the last click shows in the picture.
    if (!profile.hasTouch) await page.mouse.move(0, 0);
    // A whole page is captured from the top: scrolled, the sticky header would be drawn
    // across the middle of the picture, over what it shows. The scroll is put back after.
    const scrolled = fullPage ? await page.evaluate(() => window.scrollY) : 0;
    if (scrolled > 0) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
    if (scrolled > 0) await page.evaluate((y) => window.scrollTo(0, y), scrolled);
    if (axe) await assertAccessible(name, axeExclude);
    return path;
  };
  /** Nothing may stick out sideways: a page wider than the viewport is a layout bug. */
  const assertNoOverflow = async () => {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client + 1, `page is ${scroll}px wide in a ${client}px viewport`);
  };
  /**
   * axe-core (pinned in package.json) on the page as it is now: no WCAG 2.0/2.1/2.2 A or AA
   * violation. Evaluated through the DevTools protocol, so the page's Content-Security-Policy
   * (no inline scripts) stays as production has it.
   */
  const assertAccessible = async (where, exclude = []) => {
    await page.evaluate(AXE_SOURCE);
    // Checked from the top of the page: scrolled, the sticky header lies over whatever is
    // under it at that moment, which axe would report as targets too small to hit.
    const scrolled = await page.evaluate(() => window.scrollY);
    if (scrolled > 0) await page.evaluate(() => window.scrollTo(0, 0));
    const violations = await page.evaluate(async (exclude) => {
      const context = exclude.length > 0 ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
      const result = await window.axe.run(context, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`),
      }));
    }, exclude);
    if (scrolled > 0) await page.evaluate((y) => window.scrollTo(0, y), scrolled);
    const text = violations
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`)
      .join('\n');
    assert.equal(violations.length, 0, `${where}: axe found ${violations.length} violation(s):\n${text}`);
  };
  const assertNoErrors = () => {
    const found = errors.splice(0);
    assert.deepEqual(found, [], `the page reported errors:\n${found.join('\n')}`);
  };
  return { context, page, errors, shot, assertNoErrors, assertNoOverflow, assertAccessible };
}

/**
 * Runs the steps of one journey as sub-tests, in order. After a failing step the rest are
 * skipped (they would only fail for the same reason) and a `FAILED` screenshot is kept.
 */
export function stepper(t, journey) {
  let failed = null;
  return (name, fn) =>
    t.test(name, async (st) => {
      if (failed) {
        st.skip(`skipped: "${failed}" failed`);
        return;
      }
      try {
        await fn();
        journey.assertNoErrors();
        await journey.assertNoOverflow();
      } catch (err) {
        failed = name;
        const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
        await journey.shot(`FAILED-${slug}`, { fullPage: true, axe: false }).catch(() => {});
        const pending = journey.errors.splice(0);
        if (pending.length > 0) {
          err.message += `\nPage errors seen meanwhile:\n${pending.join('\n')}`;
        }
        throw err;
      }
    });
}

/** Only the visible elements with this test id (the table and the cards share ids). */
export function byTestId(page, id, extra = '') {
  return page.locator(`[data-testid="${id}"]${extra}:visible`);
}

/** Opens the account menu in the header (if closed). */
export async function openAccountMenu(page) {
  const button = byTestId(page, 'account-menu');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await byTestId(page, 'logout-button').waitFor();
}

/** "Log out" from the account menu in the header. */
export async function logOut(page) {
  await openAccountMenu(page);
  await byTestId(page, 'logout-button').click();
}

/** Polls `probe` until `check(value)` is true; fails with the last value seen. */
export async function waitUntil(probe, check, message, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (check(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error ${lastError.message}` : JSON.stringify(last);
      assert.fail(`${message} (last seen: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the locator's text to match (string = contains, RegExp = test, function = check). */
export async function expectText(locator, expected, message = 'text') {
  const matches = (text) => {
    if (typeof expected === 'string') return text.includes(expected);
    if (typeof expected === 'function') return expected(text);
    return expected.test(text);
  };
  return waitUntil(
    async () => (await locator.first().textContent({ timeout: 1_000 }))?.replace(/\s+/g, ' ').trim() ?? '',
    matches,
    `${message}: expected ${expected}`,
  );
}

export async function expectCount(locator, expected, message = 'count') {
  const ok = typeof expected === 'function' ? expected : (n) => n === expected;
  return waitUntil(() => locator.count(), ok, `${message}: expected ${expected}`);
}

export async function expectPath(page, re, message = 'URL path') {
  return waitUntil(() => new URL(page.url()).pathname, (p) => re.test(p), `${message}: expected ${re}`);
}

/** A CSS custom property as computed on the first element matching `selector`. */
export async function cssVar(page, selector, name) {
  return page
    .locator(selector)
    .first()
    .evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop).trim(), name);
}

/** "Showing 1–5 of 5" → 5; "No results" → 0. */
export function totalOf(summary) {
  if (/no results/i.test(summary)) return 0;
  const m = /of\s+([\d,]+)/i.exec(summary);
  assert.ok(m, `pager summary "${summary}" has no total`);
  return Number(m[1].replace(/,/g, ''));
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text) {
  const src = text.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Quoted-printable (RFC 2045) to text: soft line breaks go, `=XX` become bytes, read as UTF-8. */
export function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Every message in the maildir's `new/` folder, oldest first, as `{ file, raw, text }` where
 * `text` has quoted-printable and base64 bodies decoded (enough to find links and words).
 */
export function readMaildir(maildir = MAILDIR) {
  const dir = join(maildir, 'new');
  let files;
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .map((name) => ({ file: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime)
    .map(({ file }) => {
      const raw = readFileSync(file, 'utf8');
      const base64Parts = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)]
        .map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'));
      return { file, raw, text: [decodeQuotedPrintable(raw), ...base64Parts].join('\n') };
    });
}

/** Waits for the first message in the maildir for which `match(message)` holds. */
export async function waitForMail(match, message = 'an email', maildir = MAILDIR) {
  return waitUntil(
    () => readMaildir(maildir).find(match) ?? null,
    (found) => found !== null,
    `${message} in ${maildir}/new`,
  );
}

/** Fills the login form with `{ login, password }` and submits it. */
export async function logIn(page, { login, password }) {
  await page.goto('/login');
  await byTestId(page, 'login-form').waitFor();
  await byTestId(page, 'login-input').fill(login);
  await byTestId(page, 'password-input').fill(password);
  await byTestId(page, 'login-submit').click();
}

/**
 * Gives an unused customer (see `unusedCustomers`) a login on the mail-flow server: a dealer
 * admin invites the customer's own email (API), the invitation is read from the SMTP server
 * (skipping the files in `seen`), and accepted with `password`. Returns `{ login, password }`.
 */
export async function loginByInvitation(customer, seen, { password, displayName, customerIp, staffIp }) {
  const email = customer.email.trim().toLowerCase();
  const admin = await apiLogin(MAIL_BASE_URL, SUMMIT_ADMIN, staffIp);
  const sent = await callApi(MAIL_BASE_URL, `/admin/customers/${customer.id}/invitations`, {
    method: 'POST',
    token: admin,
    body: { email },
    clientIp: staffIp,
  });
  assert.equal(sent.status, 201, `invited: ${JSON.stringify(sent.body)}`);
  const mail = await waitForMail(
    (m) => !seen.has(m.file) && m.raw.toLowerCase().includes(email) && /invitation\?token=/.test(m.text),
    `the invitation email to ${email}`,
  );
  const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
  const accepted = await callApi(MAIL_BASE_URL, '/invitations/accept', {
    method: 'POST',
    body: { token, new_password: password, display_name: displayName },
    clientIp: customerIp,
  });
  assert.equal(accepted.status, 200, `accepted: ${JSON.stringify(accepted.body)}`);
  return { login: email, password };
}
