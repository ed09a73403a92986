#!/usr/bin/env bash
# Builds the web app (Leptos CSR) into web/dist: cargo → wasm-bindgen → wasm-opt → hashed
# file names → index.html and the service worker → brotli and gzip copies. Installs its own
# tools on first run; fast when they are present.
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

# 4. Compile.
log "cargo build --profile $PROFILE --target $TARGET -p web"
cargo build --profile "$PROFILE" --target "$TARGET" -p web
WASM_IN="$TARGET_DIR/$TARGET/$PROFILE/web.wasm"

# 5. Bindings and optimisation in a scratch dir, then hashed names into dist.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-dir "$WORK" --out-name web "$WASM_IN"
log "wasm-opt -Oz"
"$WASM_OPT" -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-mutable-globals --enable-multivalue \
  "$WORK/web_bg.wasm" -o "$WORK/web_bg.opt.wasm"

hash_of() { sha256sum "$1" | cut -c1-16; }
WASM_HASH="$(hash_of "$WORK/web_bg.opt.wasm")"
JS_HASH="$(hash_of "$WORK/web.js")"
CSS_HASH="$(hash_of web/style.css)"
WASM_NAME="web-${WASM_HASH}_bg.wasm"
JS_NAME="web-${JS_HASH}.js"
CSS_NAME="style-${CSS_HASH}.css"

rm -rf "$DIST"
mkdir -p "$DIST"
if [[ -d web/public ]]; then
  cp -R web/public/. "$DIST/"
fi
cp "$WORK/web_bg.opt.wasm" "$DIST/$WASM_NAME"
cp "$WORK/web.js" "$DIST/$JS_NAME"
cp web/style.css "$DIST/$CSS_NAME"
# The bootstrap module is a file (the Content-Security-Policy forbids inline scripts), named
# by the hash of its filled-in text like the others.
sed -e "s|{{script}}|/$JS_NAME|g" -e "s|{{wasm}}|/$WASM_NAME|g" web/boot.js > "$WORK/boot.js"
BOOT_NAME="boot-$(hash_of "$WORK/boot.js").js"
cp "$WORK/boot.js" "$DIST/$BOOT_NAME"
sed -e "s|{{style}}|/$CSS_NAME|g" -e "s|{{script}}|/$JS_NAME|g" -e "s|{{wasm}}|/$WASM_NAME|g" \
  -e "s|{{boot}}|/$BOOT_NAME|g" web/index.html > "$DIST/index.html"
# The service worker keeps this build's shell for a reload without signal: its file list
# and a version (the hash of index.html, which names every hashed file) are filled in.
SHELL_FILES="'/$CSS_NAME', '/$JS_NAME', '/$WASM_NAME', '/$BOOT_NAME', '/favicon.svg', '/icons/icon-192.png'"
SW_VERSION="$(hash_of "$DIST/index.html")"
sed -e "s|{{version}}|$SW_VERSION|g" -e "s|{{shell}}|[$SHELL_FILES]|g" web/sw.js > "$DIST/sw.js"

# 6. Brotli and gzip copies of every compressible file, served by Accept-Encoding.
log "web/dist ready; precompressed copies (bytes)"
node scripts/precompress.mjs "$DIST"
