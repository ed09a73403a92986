//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! `migrations/` folders at compile time, and on stable Rust a proc macro cannot tell Cargo
//! which files it read.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
