#!/usr/bin/env bash
# Builds the web app (Leptos CSR) into web/dist: cargo → wasm-split-cli (cuts the wasm at
# the `#[lazy]` split points of web/src/areas.rs into a main module and lazily loaded chunks)
# → wasm-bindgen (main module) → wasm-opt (every module) → hashed file names → index.html and
# the service worker → brotli and gzip copies. Installs its own tools on first run; fast when
# they are present.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BINARYEN_VERSION="132.0.0"
TARGET="wasm32-unknown-unknown"
PROFILE="wasm-release"
TOOLS="$ROOT/.tools"
DIST="$ROOT/web/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# 1. Rust target.
if ! rustup target list --installed | grep -qx "$TARGET"; then
  log "Adding rust target $TARGET"
  rustup target add "$TARGET"
fi

# 2. wasm-bindgen CLI at exactly the crate version in Cargo.lock (the two must match).
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if [[ -z "$WBG_VERSION" ]]; then
  echo "error: wasm-bindgen not found in Cargo.lock" >&2
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]]; then
  log "Installing wasm-bindgen-cli $WBG_VERSION (a few minutes, once)"
  # No --locked: its lock file asks for a crate version our registry lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# 3. wasm-opt from npm's binaryen (Debian's 108 breaks the externref table export).
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
installed_binaryen="$(node -p "require('$TOOLS/node_modules/binaryen/package.json').version" 2>/dev/null || true)"
if [[ "$installed_binaryen" != "$BINARYEN_VERSION" || ! -x "$WASM_OPT" ]]; then
  log "Installing binaryen $BINARYEN_VERSION into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

# 3b. wasm-split-cli (the splitter cargo-leptos uses as a library), pinned: its output has to
#     match the wasm_split_helpers runtime that leptos pulls in (Cargo.lock).
SPLIT_VERSION="0.2.4"
# (The binary has no --version: ask cargo which version it installed.)
if ! command -v wasm-split-cli > /dev/null \
  || ! cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  log "Installing wasm-split-cli $SPLIT_VERSION (a few minutes, once)"
  cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked
fi

# 4. Compile (web/build.rs links with --emit-relocs, which the splitter needs).
log "cargo build --profile $PROFILE --target $TARGET -p web"
cargo build --profile "$PROFILE" --target "$TARGET" -p web
WASM_IN="$TARGET_DIR/$TARGET/$PROFILE/web.wasm"

# 5. Split, bindings and optimisation in a scratch dir, then hashed names into dist.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log "wasm-split-cli"
# Main module → split/web.wasm; chunks → split/*.wasm; loader → split/__wasm_split.js, which
# imports initSync from ./web.js and fetches each chunk relative to its own URL.
wasm-split-cli --target web --out-name web "$WASM_IN" "$WORK/split"
log "wasm-bindgen"
# The chunks import the main module's memory, table and functions by their linker names.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$WORK" --out-name web "$WORK/split/web.wasm"
log "wasm-opt -Oz"
WASM_OPT_FLAGS=(-Oz
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-mutable-globals --enable-multivalue)
"$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$WORK/web_bg.wasm" -o "$WORK/web_bg.opt.wasm"
mkdir -p "$WORK/chunks"
for chunk in "$WORK"/split/*.wasm; do
  [[ "$(basename "$chunk")" == web.wasm ]] && continue
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$chunk" -o "$WORK/chunks/$(basename "$chunk")" 2> /dev/null
done

hash_of() { sha256sum "$1" | cut -c1-16; }
rm -rf "$DIST"
mkdir -p "$DIST"
if [[ -d web/public ]]; then
  cp -R web/public/. "$DIST/"
fi
# Chunks: split_admin_area_<n>.wasm → admin_area-<hash>.wasm, chunk_4.wasm → chunk4-<hash>.wasm.
SPLIT_JS="$WORK/split/__wasm_split.js"
for chunk in "$WORK"/chunks/*.wasm; do
  old="$(basename "$chunk")"
  stem="${old%.wasm}"
  stem="${stem#split_}"
  stem="$(sed -E -e 's/_[0-9]+$//' -e 's/^chunk_/chunk/' <<< "$stem")"
  new="${stem}-$(hash_of "$chunk").wasm"
  cp "$chunk" "$DIST/$new"
  sed -i "s|\"\./$old\"|\"./$new\"|g" "$SPLIT_JS"
done
# web.js and the loader import each other: both are named by one hash of both texts (after
# the chunk names are in), so neither name depends on the other's final text.
WASM_HASH="$(hash_of "$WORK/web_bg.opt.wasm")"
PAIR_HASH="$(cat "$WORK/web.js" "$SPLIT_JS" | sha256sum | cut -c1-16)"
WASM_NAME="web-${WASM_HASH}_bg.wasm"
JS_NAME="web-${PAIR_HASH}.js"
SPLIT_NAME="wasm_split-${PAIR_HASH}.js"
CSS_HASH="$(hash_of web/style.css)"
CSS_NAME="style-${CSS_HASH}.css"
# The screens after sign-in have their own sheet, loaded with the areas (web/src/areas.rs).
APP_CSS_NAME="app-$(hash_of web/app.css).css"
sed -i "s|\"\./web\.js\"|\"./$JS_NAME\"|" "$SPLIT_JS"
# Only the import statements: the imports object keeps "./__wasm_split.js", the module name
# the wasm itself imports from.
sed -i "s|from \"\./__wasm_split\.js\"|from \"./$SPLIT_NAME\"|g" "$WORK/web.js"
cp "$WORK/web_bg.opt.wasm" "$DIST/$WASM_NAME"
cp "$WORK/web.js" "$DIST/$JS_NAME"
cp "$SPLIT_JS" "$DIST/$SPLIT_NAME"
cp web/style.css "$DIST/$CSS_NAME"
cp web/app.css "$DIST/$APP_CSS_NAME"
# The message catalogue (shared/locales): per language, the app part (every screen after
# sign-in, its files joined), named by one hash of them all, which index.html carries
# (web/src/i18n/app.rs fetches them by it). The shell's words are compiled into the wasm
# (shared/build.rs).
mkdir -p "$WORK/locales"
for dir in shared/locales/*/; do
  tag="$(basename "$dir")"
  cat "$dir"/app-*.ftl > "$WORK/locales/app.$tag.ftl"
done
CATALOGUES="$(cat "$WORK"/locales/*.ftl | sha256sum | cut -c1-16)"
mkdir -p "$DIST/locales"
for file in "$WORK"/locales/*.ftl; do
  stem="$(basename "$file" .ftl)"
  cp "$file" "$DIST/locales/$stem-$CATALOGUES.ftl"
done
# The bootstrap module is a file (the Content-Security-Policy forbids inline scripts), named
# by the hash of its filled-in text like the others.
# The early login form's words (web/early-login.json; the catalogue test checks them against
# shared/locales) go in as a JSON literal.
node -e '
  const fs = require("fs");
  const [boot, words, out] = process.argv.slice(1);
  const json = JSON.stringify(JSON.parse(fs.readFileSync(words, "utf8")));
  fs.writeFileSync(out, fs.readFileSync(boot, "utf8").replace("{{early_login_words}}", () => json));
' web/boot.js web/early-login.json "$WORK/boot.words.js"
sed -e "s|{{script}}|/$JS_NAME|g" -e "s|{{wasm}}|/$WASM_NAME|g" \
  "$WORK/boot.words.js" > "$WORK/boot.js"
BOOT_NAME="boot-$(hash_of "$WORK/boot.js").js"
cp "$WORK/boot.js" "$DIST/$BOOT_NAME"
sed -e "s|{{style}}|/$CSS_NAME|g" -e "s|{{script}}|/$JS_NAME|g" -e "s|{{wasm}}|/$WASM_NAME|g" \
  -e "s|{{split}}|/$SPLIT_NAME|g" -e "s|{{boot}}|/$BOOT_NAME|g" -e "s|{{catalogues}}|$CATALOGUES|g" \
  -e "s|{{app_style}}|/$APP_CSS_NAME|g" web/index.html > "$DIST/index.html"
# The service worker keeps this build's shell for a reload without signal: its file list
# and a version (the hash of index.html, which names every hashed file) are filled in. The
# areas' chunks are kept when first fetched.
SHELL_FILES="'/$CSS_NAME', '/$JS_NAME', '/$SPLIT_NAME', '/$WASM_NAME', '/$BOOT_NAME', '/favicon.svg', '/icons/icon-192.png'"
SW_VERSION="$(hash_of "$DIST/index.html")"
sed -e "s|{{version}}|$SW_VERSION|g" -e "s|{{shell}}|[$SHELL_FILES]|g" web/sw.js > "$DIST/sw.js"

# 6. Brotli and gzip copies of every compressible file, served by Accept-Encoding.
log "web/dist ready; precompressed copies (bytes)"
node scripts/precompress.mjs "$DIST"
