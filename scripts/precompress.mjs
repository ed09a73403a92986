// Writes a brotli copy (.br, quality 11) and a gzip copy (.gz, level 9) beside every file of
// a directory that compresses (text, wasm, svg), for the server to pick by Accept-Encoding
// (api/src/web_app.rs). A copy that would not be smaller is not written. Prints each file's
// sizes. Node's own zlib: nothing to install, and the same bytes every run.
//
//   node scripts/precompress.mjs web/dist
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.ftl']);
const BINARY = new Set(['.wasm', '.ico']);

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      yield* files(path);
    } else {
      yield path;
    }
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <dir>');
  process.exit(2);
}
const rows = [];
for (const path of files(dir)) {
  const ext = extname(path);
  if (!TEXT.has(ext) && !BINARY.has(ext)) continue;
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: TEXT.has(ext) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  rows.push([relative(dir, path), raw.length, gz.length, br.length]);
}
const width = Math.max(...rows.map((r) => r[0].length), 4);
console.log(`  ${'file'.padEnd(width)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const [name, raw, gz, br] of rows) {
  console.log(`  ${name.padEnd(width)} ${String(raw).padStart(9)} ${String(gz).padStart(9)} ${String(br).padStart(9)}`);
}
