//! Authentication: password hashing and policy, access and refresh tokens, the request
//! extractors that turn a bearer token into a principal, and per-client rate limits.

pub mod client;
pub mod extract;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod tokens;
pub mod view_as;

pub use client::ClientInfo;
pub use extract::{
    AccountAccess, AccountOwner, AdminScope, AuthUser, DealerAdmin, DealerStaff, Integrator,
    PasswordChangeUser, PlatformOperator,
};
pub use password::PasswordHasher;
pub use rate_limit::{Limit, RateKey, RateLimits};
pub use tokens::{AccessClaims, Caller, TokenKeys};
