// The web app's size as a phone receives it (brotli, what the server sends to any browser
// that accepts it), per route: what the login route loads (index.html and every file it
// names: style sheet, scripts, the main wasm, the icon) against its budget, then what the
// customer's and the store's first screens add (their lazily loaded wasm areas, the chunks
// the areas share, the screens' style sheet and words). Sizes are deterministic, so unlike timings they can fail a build:
// exits 1 when the login route is over budget.
//
// Usage: node scripts/size-check.mjs [web/dist]   (LOGIN_BUDGET_BYTES, default 250,000)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'web/dist';
const budget = Number(process.env.LOGIN_BUDGET_BYTES ?? 250_000);

/** Bytes sent for a file: its brotli copy when the build made one, else the file. */
function sent(name) {
  const path = join(dist, name);
  return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
}

const index = readFileSync(join(dist, 'index.html'), 'utf8');
// Every file a tag of index.html names, except what a browser does not fetch to show the
// page: the home-screen icon and the manifest (fetched when installing).
const named = [...index.matchAll(/<(?:link|script)\b[^>]*>/g)]
  .map((m) => m[0])
  .filter((tag) => !/rel="(apple-touch-icon|manifest)"/.test(tag))
  .map((tag) => tag.match(/(?:href|src)="\/([^"/][^"]*)"/)?.[1])
  .filter((name) => name && existsSync(join(dist, name)));
const shell = ['index.html', ...new Set(named)];

const files = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
const area = (prefix) => files.filter((f) => f.startsWith(prefix));
const shared = area('chunk');
// With the first area: the screens' style sheet, the app part of the catalogue (English;
// another language's is about as big) and the chunk that reads it (the Fluent runtime, split
// out of the main module at web/src/areas.rs's `app_words`).
const appStyle = readdirSync(dist).filter((f) => /^app-[0-9a-f]{16}\.css$/.test(f));
const locales = existsSync(join(dist, 'locales')) ? readdirSync(join(dist, 'locales')) : [];
const appWords = locales.filter((f) => /^app\.en-[0-9a-f]{16}\.ftl$/.test(f)).map((f) => `locales/${f}`);

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const total = (names) => names.reduce((sum, name) => sum + sent(name), 0);
const rows = shell.map((name) => ({ file: name, sent: kb(sent(name)) }));
const login = total(shell);
console.log('Login route, as sent (brotli):');
console.table(rows);

const routes = [
  { route: '/login (shell)', adds: [], total: login },
  ...[
    ['account picker and profile (public area)', area('public_area')],
    ['customer screens (customer area)', area('customer_area')],
    ['store screens (admin area)', area('admin_area')],
    ['chunks the areas share', shared],
    ['style sheet, words and Fluent of the screens (with any area)', [...appStyle, ...appWords, ...area('app_words')]],
  ].map(([route, adds]) => ({ route, adds, total: total(adds) })),
];
console.table(routes.map(({ route, adds, total: bytes }) => ({ route, files: adds.length || shell.length, sent: kb(bytes) })));

for (const chunk of ['customer_area', 'app_words']) {
  if (area(chunk).length === 0) {
    console.error(`size check: no ${chunk} chunk in the build: the wasm was not split`);
    process.exit(1);
  }
}
if (login > budget) {
  console.error(`size check: the login route sends ${kb(login)}, over its budget of ${kb(budget)}`);
  process.exit(1);
}
console.log(`size check: the login route sends ${kb(login)} (budget ${kb(budget)})`);
