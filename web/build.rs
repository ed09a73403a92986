//! Keeps the linker's relocations in the wasm (`--emit-relocs`): wasm-split-cli needs them to
//! cut the module at its `#[lazy]` split points (scripts/build-web.sh). Only for wasm32, and
//! only on the final link, so no dependency is rebuilt for it.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
