//! Authentication: password hashing, access and refresh tokens, and the request extractors
//! that turn a bearer token into a principal.

pub mod extract;
pub mod password;
pub mod tokens;

pub use extract::{AccountAccess, AuthUser};
pub use password::PasswordHasher;
pub use tokens::{AccessClaims, TokenKeys};
