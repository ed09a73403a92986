//! Rate limits, answered with 429 and `Retry-After`: the API-wide budget of every caller
//! (per API client, per signed-in user, per address for anonymous requests; charged by the
//! middleware in `routes::rate_limits`), and the tighter per-address limits of the public
//! auth endpoints (login, refresh, registration, sign-up, reset) that handlers charge.
//!
//! Each limit is a keyed GCRA (generic cell rate algorithm, the leaky bucket as a meter):
//! per client we keep one instant, the "theoretical arrival time". A request is let through
//! when that instant is at most `burst - 1` emission intervals ahead of now, and pushes it
//! one interval further. That is one `Instant` per client, O(1) per request, and an exact
//! `Retry-After`. A client is a [`RateKey`]: an IP address (IPv6 by its /64 prefix: one
//! subscriber usually holds a whole /64), a user or an API client. Memory is bounded:
//! entries whose instant has passed carry no state and are swept, and at most
//! `max_clients` are tracked per limit.
//!
//! Auth handlers call [`RateLimits::check`] first thing:
//! `state.limits.check(Limit::Login, &req)?;`

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;

use crate::config::{RateLimitSettings, ServerSettings};
use crate::error::ApiError;
use crate::ids::{ApiClientId, UserId};

/// Who a budget belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateKey {
    /// An address; built by [`RateKey::ip`] (or `From<IpAddr>`), IPv6 per /64.
    Ip(IpAddr),
    /// A signed-in person, whatever address they come from.
    User(UserId),
    /// An API client of a dealer's back office (I2), whatever address it comes from.
    Client(ApiClientId),
    /// A login as typed on the login form, normalised (see [`RateKey::login`]): the failed
    /// logins naming it, whether or not such a user exists.
    Login([u8; 16]),
}

impl RateKey {
    /// IPv4 as is (IPv4-mapped IPv6 too); IPv6 by its /64 network.
    pub fn ip(ip: IpAddr) -> Self {
        RateKey::Ip(client_key(ip))
    }

    /// A normalised login (`email:…` or `phone:…`): kept as 128 bits of its SHA-256, so the
    /// table holds no addresses or numbers and every key is the same size.
    pub fn login(normalised: &str) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(normalised.as_bytes());
        let mut key = [0; 16];
        key.copy_from_slice(&digest[..16]);
        RateKey::Login(key)
    }
}

impl From<IpAddr> for RateKey {
    fn from(ip: IpAddr) -> Self {
        RateKey::ip(ip)
    }
}

impl From<UserId> for RateKey {
    fn from(user: UserId) -> Self {
        RateKey::User(user)
    }
}

impl From<ApiClientId> for RateKey {
    fn from(client: ApiClientId) -> Self {
        RateKey::Client(client)
    }
}

/// The named limits; each has its own budget per client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `POST /auth/login`.
    Login,
    /// `POST /auth/refresh`: generous, since the web app refreshes on every page load.
    Refresh,
    /// Registration, sign-up, invitations accepted, password reset: rare for a real person.
    Sensitive,
}

/// Every limit of the application, and how to tell clients apart.
pub struct RateLimits {
    login: RateLimiter,
    refresh: RateLimiter,
    sensitive: RateLimiter,
    /// The API-wide budgets: a signed-in person, an API client, an anonymous address.
    user: RateLimiter,
    client: RateLimiter,
    anonymous: RateLimiter,
    /// Failed logins per login named and per address, charged before the password is
    /// checked (see [`RateLimits::reserve_login`]).
    failures_by_login: RateLimiter,
    failures_by_address: RateLimiter,
    trust_forwarded_for: bool,
}

/// A login attempt let through the failed-login budgets: it holds one failure of its login
/// and one of its address until [`LoginAttempt::refund`] gives them back (the password was
/// right, or it was never checked). Dropped without that, the failure stays counted.
#[must_use]
pub struct LoginAttempt<'a> {
    limits: &'a RateLimits,
    login: RateKey,
    address: RateKey,
}

impl LoginAttempt<'_> {
    /// Not a failed login after all: give both charges back.
    pub fn refund(self) {
        let now = Instant::now();
        self.limits.failures_by_login.refund(self.login, now);
        self.limits.failures_by_address.refund(self.address, now);
    }
}

/// What charging one request to a caller's API-wide budget found (see [`RateLimits::charge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    /// The policy's name in the `RateLimit-Policy` and `RateLimit` fields.
    pub policy: &'static str,
    /// Requests per window at the sustained rate.
    pub quota: u32,
    pub window_secs: u64,
    /// Let through with what is left, or refused with the wait until one would pass.
    pub outcome: Result<Allowance, Duration>,
}

impl Charge {
    /// `RateLimit-Policy`, in the structured-field syntax of
    /// draft-ietf-httpapi-ratelimit-headers-11 (section 3): `"user";q=600;w=60`.
    pub fn policy_field(&self) -> String {
        format!("\"{}\";q={};w={}", self.policy, self.quota, self.window_secs)
    }

    /// `RateLimit` (draft-11 section 4): `"user";r=119;t=12`, what may be sent at once now
    /// (`r`) and the seconds until the whole burst is back (`t`); refused, `r=0` and `t` the
    /// same wait as `Retry-After`.
    pub fn limit_field(&self) -> String {
        let (remaining, secs) = match self.outcome {
            Ok(allowance) => (allowance.remaining, whole_seconds(allowance.reset)),
            Err(wait) => (0, whole_seconds(wait)),
        };
        format!("\"{}\";r={remaining};t={secs}", self.policy)
    }

    /// The 429 this charge answers, if it was refused.
    pub fn refusal(&self) -> Option<ApiError> {
        self.outcome.err().map(|wait| ApiError::RateLimited { retry_after_secs: whole_seconds(wait) })
    }
}

impl RateLimits {
    pub fn new(settings: &RateLimitSettings, server: &ServerSettings) -> Self {
        let minute = Duration::from_secs(60);
        let hour = Duration::from_secs(3600);
        let max = settings.max_clients;
        Self {
            login: RateLimiter::new(settings.login_per_minute, minute, settings.login_burst, max),
            refresh: RateLimiter::new(settings.refresh_per_minute, minute, settings.refresh_per_minute, max),
            sensitive: RateLimiter::new(settings.sensitive_per_hour, hour, settings.sensitive_burst, max),
            user: RateLimiter::new(settings.user_per_minute, minute, settings.user_burst, max),
            client: RateLimiter::new(settings.client_per_minute, minute, settings.client_burst, max),
            anonymous: RateLimiter::new(settings.anonymous_per_minute, minute, settings.anonymous_burst, max),
            failures_by_login: RateLimiter::new(
                settings.login_failures_per_account_per_hour,
                hour,
                settings.login_failures_per_account_burst,
                max,
            ),
            failures_by_address: RateLimiter::new(
                settings.login_failures_per_address_per_hour,
                hour,
                settings.login_failures_per_address_burst,
                max,
            ),
            trust_forwarded_for: server.trust_forwarded_for,
        }
    }

    /// Whether `X-Forwarded-For` names the client (see [`client_ip`]).
    pub fn trust_forwarded_for(&self) -> bool {
        self.trust_forwarded_for
    }

    /// Charges one request to the API-wide budget of `caller`: a user's, an API client's or
    /// an address's. `None` when that budget is turned off (a rate of 0).
    pub fn charge(&self, caller: RateKey, now: Instant) -> Option<Charge> {
        let (policy, limiter) = match caller {
            RateKey::User(_) => ("user", &self.user),
            RateKey::Client(_) => ("client", &self.client),
            // A login is never a caller: it is charged like an address, anonymously.
            RateKey::Ip(_) | RateKey::Login(_) => ("anonymous", &self.anonymous),
        };
        let (quota, period) = limiter.quota()?;
        let outcome = limiter.check(caller, now);
        if outcome.is_err() {
            tracing::debug!(?caller, policy, "API rate limit reached");
        }
        Some(Charge { policy, quota, window_secs: period.as_secs().max(1), outcome })
    }

    /// Charges one request of `req`'s client to `limit`: `Err(ApiError::RateLimited)` (429
    /// with `Retry-After`) when the client has used up its budget.
    pub fn check(&self, limit: Limit, req: &HttpRequest) -> Result<(), ApiError> {
        let limiter = match limit {
            Limit::Login => &self.login,
            Limit::Refresh => &self.refresh,
            Limit::Sensitive => &self.sensitive,
        };
        let ip = client_ip(req, self.trust_forwarded_for);
        limiter.check(ip, Instant::now()).map(drop).map_err(|wait| {
            tracing::debug!(client = %ip, ?limit, "rate limited");
            ApiError::RateLimited { retry_after_secs: whole_seconds(wait) }
        })
    }
}

impl RateLimits {
    /// Lets a login attempt through the failed-login budgets of its address and of the
    /// login it names (`login`, normalised), before any database or password work, or
    /// answers 429 with `Retry-After`. Each attempt is charged as a failure up front, so a
    /// flood of concurrent guesses cannot all pass before the first has failed; the caller
    /// refunds it when the password was right. Unknown logins are charged like known ones.
    pub fn reserve_login(&self, address: IpAddr, login: &str) -> Result<LoginAttempt<'_>, ApiError> {
        let now = Instant::now();
        let (address, login) = (RateKey::ip(address), RateKey::login(login));
        let refused = |wait| {
            tracing::debug!(client = ?address, "failed-login limit reached");
            ApiError::RateLimited { retry_after_secs: whole_seconds(wait) }
        };
        self.failures_by_address.check(address, now).map_err(refused)?;
        if let Err(wait) = self.failures_by_login.check(login, now) {
            // Refused before anything was tried: not the address's failure either.
            self.failures_by_address.refund(address, now);
            return Err(refused(wait));
        }
        Ok(LoginAttempt { limits: self, login, address })
    }

    /// Forgets the failed logins charged to `login` (normalised): an admin unlocked the
    /// account or reset its password.
    pub fn forget_login(&self, login: &str) {
        self.failures_by_login.forget(RateKey::login(login));
    }
}

/// The client's address: the TCP peer, or, when the deployment says a reverse proxy in
/// front appends the client to `X-Forwarded-For`, the last (proxy-written) address there.
/// Earlier entries are whatever the client sent and are never trusted.
pub fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> IpAddr {
    let peer = req.peer_addr().map(|a| a.ip());
    let forwarded = trust_forwarded_for
        .then(|| req.headers().get_all("x-forwarded-for").last())
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<IpAddr>().ok());
    // No peer at all happens only off a socket (tests of handlers in isolation); such
    // requests share one budget rather than escaping the limit.
    forwarded.or(peer).unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// `Retry-After` takes whole seconds; round up so a client that obeys it succeeds.
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// A request let through: how many more may come at once, and how long until the whole
/// burst is available again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub remaining: u32,
    pub reset: Duration,
}

/// One keyed GCRA limit: `count` requests per `period` sustained, `burst` at once.
/// `count == 0` turns the limit off.
pub struct RateLimiter {
    count: u32,
    period: Duration,
    /// Time between two requests at the sustained rate.
    interval: Duration,
    /// How far ahead of now a client's arrival time may run: `(burst - 1) * interval`.
    tolerance: Duration,
    max_clients: usize,
    state: Mutex<Clients>,
}

struct Clients {
    arrival: HashMap<RateKey, Instant>,
    last_sweep: Option<Instant>,
}

/// How often stale clients are dropped even when the table is not full.
const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// How often a full table may be swept for room.
const FULL_SWEEP_EVERY: Duration = Duration::from_secs(1);

impl RateLimiter {
    pub fn new(count: u32, period: Duration, burst: u32, max_clients: usize) -> Self {
        let interval = if count == 0 { Duration::ZERO } else { period / count };
        let tolerance = interval.saturating_mul(burst.max(1) - 1);
        Self {
            count,
            period,
            interval,
            tolerance,
            max_clients: max_clients.max(1),
            state: Mutex::new(Clients { arrival: HashMap::new(), last_sweep: None }),
        }
    }

    /// The sustained rate as `count` per `period`; `None` when the limit is off.
    pub fn quota(&self) -> Option<(u32, Duration)> {
        (!self.interval.is_zero()).then_some((self.count, self.period))
    }

    /// The allowance of a client with no history: the whole burst but this request.
    fn fresh(&self) -> Allowance {
        self.allowance(self.interval)
    }

    /// What is left when the client's arrival time runs `ahead` of now after this request.
    fn allowance(&self, ahead: Duration) -> Allowance {
        let capacity = self.tolerance + self.interval;
        let left = capacity.saturating_sub(ahead).as_nanos() / self.interval.as_nanos().max(1);
        Allowance { remaining: u32::try_from(left).unwrap_or(u32::MAX), reset: ahead }
    }

    /// Lets a request from `key` (an address, a user, an API client) at `now` through and
    /// says what is left, or says how long until one would pass. A limit that is off lets
    /// everything through with `u32::MAX` left.
    pub fn check(&self, key: impl Into<RateKey>, now: Instant) -> Result<Allowance, Duration> {
        if self.interval.is_zero() {
            return Ok(Allowance { remaining: u32::MAX, reset: Duration::ZERO });
        }
        let key = key.into();
        // The map is plain data; a panic elsewhere while it was held cannot leave it torn.
        let mut clients = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if clients.last_sweep.is_none_or(|at| now.saturating_duration_since(at) >= SWEEP_EVERY) {
            clients.sweep(now);
        }
        let arrival = match clients.arrival.get(&key) {
            Some(at) => (*at).max(now),
            None => {
                // Sweeping is O(clients); under a flood of new addresses, once a second is enough.
                if clients.arrival.len() >= self.max_clients
                    && clients
                        .last_sweep
                        .is_none_or(|at| now.saturating_duration_since(at) >= FULL_SWEEP_EVERY)
                {
                    clients.sweep(now);
                }
                if clients.arrival.len() >= self.max_clients {
                    // Full of live clients: this many addresses at once is a distributed
                    // attack that a per-address limit cannot stop anyway. Let newcomers
                    // through untracked rather than lock out every real person.
                    tracing::warn!(max_clients = self.max_clients, "rate limiter full");
                    return Ok(self.fresh());
                }
                now
            }
        };
        let ahead = arrival - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        let next = arrival + self.interval;
        clients.arrival.insert(key, next);
        Ok(self.allowance(next - now))
    }

    /// Gives back one request `key` was charged (it turned out not to count), so its next
    /// one passes as if this had not been made.
    pub fn refund(&self, key: impl Into<RateKey>, now: Instant) {
        if self.interval.is_zero() {
            return;
        }
        let key = key.into();
        let mut clients = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = clients.arrival.get(&key).copied() {
            match at.checked_sub(self.interval).filter(|back| *back > now) {
                Some(back) => {
                    clients.arrival.insert(key, back);
                }
                None => {
                    clients.arrival.remove(&key);
                }
            }
        }
    }

    /// Forgets everything `key` was charged: its next request passes as a newcomer's.
    pub fn forget(&self, key: impl Into<RateKey>) {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).arrival.remove(&key.into());
    }

    /// Clients currently tracked (tests and metrics).
    pub fn tracked_clients(&self) -> usize {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).arrival.len()
    }
}

impl Clients {
    /// Drops clients whose arrival time has passed: they are indistinguishable from new ones.
    fn sweep(&mut self, now: Instant) {
        self.arrival.retain(|_, at| *at > now);
        self.last_sweep = Some(now);
    }
}

/// IPv4 as is (IPv4-mapped IPv6 too); IPv6 by its /64 network.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn allows_the_burst_then_one_per_interval() {
        // 10 per minute (one per 6 s), burst 3.
        let limiter = RateLimiter::new(10, Duration::from_secs(60), 3, 100);
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        for _ in 0..3 {
            assert_eq!(limiter.check(a, t0).map(drop), Ok(()));
        }
        assert_eq!(limiter.check(a, t0), Err(Duration::from_secs(6)));
        assert_eq!(limiter.check(a, t0 + Duration::from_secs(2)), Err(Duration::from_secs(4)));
        assert_eq!(limiter.check(a, t0 + Duration::from_secs(6)).map(drop), Ok(()));
        assert!(limiter.check(a, t0 + Duration::from_secs(6)).is_err());
        // A quiet minute restores the whole burst.
        let later = t0 + Duration::from_secs(120);
        for _ in 0..3 {
            assert_eq!(limiter.check(a, later).map(drop), Ok(()));
        }
        assert!(limiter.check(a, later).is_err());
    }

    #[test]
    fn clients_have_separate_budgets_and_ipv6_counts_per_64() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60), 1, 100);
        let t0 = Instant::now();
        assert!(limiter.check(ip("192.0.2.1"), t0).is_ok());
        assert!(limiter.check(ip("192.0.2.1"), t0).is_err());
        assert!(limiter.check(ip("192.0.2.2"), t0).is_ok());
        assert!(limiter.check(ip("2001:db8:1:2::1"), t0).is_ok());
        assert!(limiter.check(ip("2001:db8:1:2:ffff::9"), t0).is_err(), "same /64");
        assert!(limiter.check(ip("2001:db8:1:3::1"), t0).is_ok(), "another /64");
        assert!(limiter.check(ip("::ffff:192.0.2.2"), t0).is_err(), "IPv4-mapped is the IPv4 client");
    }

    #[test]
    fn says_what_is_left_and_when_the_burst_is_back() {
        // 60 per minute (one a second), burst 3.
        let limiter = RateLimiter::new(60, Duration::from_secs(60), 3, 100);
        let t0 = Instant::now();
        let user = RateKey::User(UserId::new(uuid::Uuid::now_v7()));
        let secs = Duration::from_secs;
        assert_eq!(limiter.check(user, t0), Ok(Allowance { remaining: 2, reset: secs(1) }));
        assert_eq!(limiter.check(user, t0), Ok(Allowance { remaining: 1, reset: secs(2) }));
        assert_eq!(limiter.check(user, t0), Ok(Allowance { remaining: 0, reset: secs(3) }));
        assert_eq!(limiter.check(user, t0), Err(secs(1)));
        // Half a second later half a request has come back: still none whole.
        let half = t0 + Duration::from_millis(500);
        assert_eq!(limiter.check(user, half), Err(Duration::from_millis(500)));
        assert_eq!(
            limiter.check(user, t0 + secs(1)),
            Ok(Allowance { remaining: 0, reset: secs(3) }),
            "one came back and was used"
        );
        assert_eq!(limiter.quota(), Some((60, secs(60))));
    }

    #[test]
    fn users_clients_and_addresses_are_separate_keys() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60), 1, 100);
        let t0 = Instant::now();
        let id = uuid::Uuid::now_v7();
        assert!(limiter.check(UserId::new(id), t0).is_ok());
        assert!(limiter.check(UserId::new(id), t0).is_err());
        assert!(limiter.check(ApiClientId::new(id), t0).is_ok(), "the same UUID as a client is another key");
        assert!(limiter.check(ApiClientId::new(uuid::Uuid::now_v7()), t0).is_ok());
        assert!(limiter.check(ip("192.0.2.1"), t0).is_ok());
    }

    #[test]
    fn the_api_budgets_answer_draft_11_fields() {
        let settings = crate::config::Settings::default_settings().unwrap();
        let mut rate = settings.rate_limit.clone();
        rate.user_per_minute = 600;
        rate.user_burst = 2;
        rate.anonymous_per_minute = 0;
        let limits = RateLimits::new(&rate, &settings.server);
        let t0 = Instant::now();
        let user = RateKey::User(UserId::new(uuid::Uuid::now_v7()));
        let first = limits.charge(user, t0).unwrap();
        assert_eq!(first.policy_field(), r#""user";q=600;w=60"#);
        assert_eq!(first.limit_field(), r#""user";r=1;t=1"#, "100 ms rounds up to a whole second");
        assert!(first.refusal().is_none());
        limits.charge(user, t0).unwrap();
        let refused = limits.charge(user, t0).unwrap();
        assert_eq!(refused.limit_field(), r#""user";r=0;t=1"#);
        assert!(matches!(refused.refusal(), Some(ApiError::RateLimited { retry_after_secs: 1 })));
        assert!(limits.charge(RateKey::ip(ip("192.0.2.1")), t0).is_none(), "0 turns a budget off");
        let client = limits.charge(RateKey::Client(ApiClientId::new(uuid::Uuid::now_v7())), t0).unwrap();
        assert_eq!(client.policy, "client");
    }

    #[test]
    fn memory_stays_bounded() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60), 1, 3);
        let t0 = Instant::now();
        for n in 1..=3 {
            assert!(limiter.check(IpAddr::from([10, 0, 0, n]), t0).is_ok());
        }
        // Full of live clients: a newcomer passes untracked; known clients stay limited.
        assert!(limiter.check(ip("10.0.0.9"), t0).is_ok());
        assert!(limiter.check(ip("10.0.0.9"), t0).is_ok());
        assert!(limiter.check(ip("10.0.0.1"), t0).is_err());
        assert_eq!(limiter.tracked_clients(), 3);
        // Once their budgets refill, old clients are swept and newcomers tracked again.
        let later = t0 + Duration::from_secs(61);
        assert!(limiter.check(ip("10.0.0.9"), later).is_ok());
        assert_eq!(limiter.tracked_clients(), 1);
        assert!(limiter.check(ip("10.0.0.9"), later).is_err());
    }

    #[test]
    fn a_refund_gives_one_request_back() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60), 2, 100);
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        assert!(limiter.check(a, t0).is_ok());
        limiter.refund(a, t0);
        assert_eq!(limiter.tracked_clients(), 0, "back to no history");
        assert!(limiter.check(a, t0).is_ok());
        assert!(limiter.check(a, t0).is_ok());
        assert!(limiter.check(a, t0).is_err());
        limiter.refund(a, t0);
        assert!(limiter.check(a, t0).is_ok());
        limiter.refund(ip("192.0.2.9"), t0);
        assert_eq!(limiter.tracked_clients(), 1, "refunding an unknown client changes nothing");
    }

    #[test]
    fn failed_logins_are_charged_up_front_per_login_and_per_address() {
        let settings = crate::config::Settings::default_settings().unwrap();
        let mut rate = settings.rate_limit.clone();
        rate.login_failures_per_account_per_hour = 2;
        rate.login_failures_per_account_burst = 2;
        rate.login_failures_per_address_per_hour = 3;
        rate.login_failures_per_address_burst = 3;
        let limits = RateLimits::new(&rate, &settings.server);
        let (home, office) = (ip("192.0.2.1"), ip("192.0.2.2"));
        // Two in flight (or failed) for one login: the third is refused, whoever asks.
        let first = limits.reserve_login(home, "email:a@example.com").unwrap();
        let _second = limits.reserve_login(office, "email:a@example.com").unwrap();
        assert!(matches!(
            limits.reserve_login(office, "email:a@example.com"),
            Err(ApiError::RateLimited { .. })
        ));
        // The right password gives its charge back.
        first.refund();
        let _third = limits.reserve_login(home, "email:a@example.com").unwrap();
        // The office has used one of three (the refused attempt was not charged to it).
        let _b = limits.reserve_login(office, "email:b@example.com").unwrap();
        let _c = limits.reserve_login(office, "email:c@example.com").unwrap();
        assert!(matches!(
            limits.reserve_login(office, "email:d@example.com"),
            Err(ApiError::RateLimited { .. })
        ));
        assert!(limits.reserve_login(home, "email:d@example.com").is_ok(), "another address");
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limiter = RateLimiter::new(0, Duration::from_secs(60), 1, 10);
        let t0 = Instant::now();
        assert!((0..100).all(|_| limiter.check(ip("192.0.2.1"), t0).is_ok()));
        assert_eq!(limiter.tracked_clients(), 0);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_secs(6)), 6);
        assert_eq!(whole_seconds(Duration::from_millis(6001)), 7);
        assert_eq!(whole_seconds(Duration::ZERO), 1);
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_its_last_entry() {
        let peer = "198.51.100.7:40000".parse().unwrap();
        let req = TestRequest::default()
            .peer_addr(peer)
            .insert_header(("X-Forwarded-For", "203.0.113.66, 192.0.2.10"))
            .to_http_request();
        assert_eq!(client_ip(&req, false), ip("198.51.100.7"));
        assert_eq!(client_ip(&req, true), ip("192.0.2.10"));
        let garbage = TestRequest::default()
            .peer_addr(peer)
            .insert_header(("X-Forwarded-For", "nonsense"))
            .to_http_request();
        assert_eq!(client_ip(&garbage, true), ip("198.51.100.7"));
    }
}
