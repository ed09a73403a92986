//! One attempt of a delivery: check the URL again (SSRF guard), POST the signed body to
//! addresses the guard accepted only, no redirects, a time limit, and at most 1 KB of the
//! answer read.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::guard;
use crate::config::WebhookSettings;

/// Most bytes of an answer's body kept in the delivery log (and read at all).
pub const EXCERPT_BYTES: usize = 1024;

/// What one message looks like on the wire.
pub struct Message<'a> {
    pub url: &'a str,
    /// `webhook-id`.
    pub msg_id: &'a str,
    /// `webhook-timestamp`, seconds.
    pub timestamp: i64,
    /// `webhook-signature`.
    pub signature: &'a str,
    pub body: &'a str,
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status_code: Option<u16>,
    pub latency_ms: u64,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
}

impl Outcome {
    /// The endpoint answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status_code.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The first [`EXCERPT_BYTES`] of `bytes` as text, cut at a character boundary.
pub fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(EXCERPT_BYTES)]).into_owned();
    let mut end = text.len().min(EXCERPT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// Sends deliveries: one HTTP client for the server's life, so connections and TLS sessions
/// to an endpoint are reused from one attempt to the next instead of set up every time.
///
/// The client resolves every host through the SSRF guard ([`guard::resolve`]), so a new
/// connection only ever goes to addresses the guard accepted, whatever DNS answers by then;
/// it follows no redirects, uses no proxy, and speaks https only unless the settings allow
/// http.
pub struct Sender {
    client: reqwest::Client,
    settings: WebhookSettings,
}

impl Sender {
    pub fn new(settings: &WebhookSettings) -> anyhow::Result<Self> {
        let timeout = Duration::from_millis(settings.timeout_ms.max(1));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .no_proxy()
            .https_only(!settings.allow_http)
            .dns_resolver(Arc::new(GuardedResolver { settings: settings.clone() }))
            .user_agent(concat!("RentalPortal-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Sender { client, settings: settings.clone() })
    }

    /// Sends `message` once.
    pub async fn send(&self, message: &Message<'_>) -> Outcome {
        let started = Instant::now();
        let elapsed = |started: Instant| u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let failed = |error: String, started: Instant| Outcome {
            status_code: None,
            latency_ms: elapsed(started),
            response_excerpt: None,
            error: Some(error),
        };
        // The URL's form and an IP literal host are checked here (a literal connects without
        // asking the resolver); a name is checked by the resolver when a connection is made,
        // not looked up again for every attempt.
        let url = match guard::check_before_sending(message.url, &self.settings).await {
            Ok(url) => url,
            Err(refused) => return failed(format!("refused: {refused}"), started),
        };
        let request = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", message.msg_id)
            .header("webhook-timestamp", message.timestamp.to_string())
            .header("webhook-signature", message.signature)
            .body(message.body.to_string());
        let mut response = match request.send().await {
            Ok(response) => response,
            Err(error) => return failed(describe(&error), started),
        };
        let status = response.status().as_u16();
        // Read at most EXCERPT_BYTES of the body, within what is left of the time limit.
        let mut body = Vec::new();
        let mut read_error = None;
        while body.len() < EXCERPT_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) => {
                    read_error = Some(describe(&error));
                    break;
                }
            }
        }
        drop(response);
        let succeeded = (200..300).contains(&status);
        let error = if succeeded {
            None
        } else if (300..400).contains(&status) {
            Some(format!("HTTP {status}: redirects are not followed"))
        } else {
            Some(read_error.unwrap_or_else(|| format!("HTTP {status}")))
        };
        Outcome {
            status_code: Some(status),
            latency_ms: elapsed(started),
            response_excerpt: (!body.is_empty()).then(|| excerpt(&body)),
            error,
        }
    }
}

/// reqwest's DNS resolver for deliveries: the guard's, which refuses internal addresses.
struct GuardedResolver {
    settings: WebhookSettings,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let settings = self.settings.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            // Port 0: the connector puts the URL's port on each address.
            let addrs = guard::resolve(&host, 0, &settings).await.map_err(Box::new)?;
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// A reqwest error in a few words, never the URL's query (it may carry a token).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_redirect() {
        "redirect refused"
    } else if error.is_body() || error.is_decode() {
        "reading the answer failed"
    } else {
        "request failed"
    };
    let mut source = std::error::Error::source(error);
    let mut detail = None;
    while let Some(inner) = source {
        detail = Some(inner.to_string());
        source = inner.source();
    }
    match detail {
        Some(detail) => format!("{kind}: {detail}"),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_at_most_1_kb_on_a_character_boundary() {
        assert_eq!(excerpt(b"ok"), "ok");
        let long = "é".repeat(1000);
        let cut = excerpt(long.as_bytes());
        assert!(cut.len() <= EXCERPT_BYTES && cut.chars().all(|c| c == 'é'), "{}", cut.len());
        assert_eq!(excerpt(&[b'a'; 5000]).len(), EXCERPT_BYTES);
    }

    fn settings(allow_private_targets: bool) -> WebhookSettings {
        WebhookSettings {
            allow_http: true,
            allow_private_targets,
            timeout_ms: 5_000,
            ..WebhookSettings::default()
        }
    }

    #[tokio::test]
    async fn the_resolver_refuses_internal_hosts_unless_allowed() {
        let name = || "localhost".parse::<Name>().unwrap();
        let strict = GuardedResolver { settings: settings(false) };
        let refused = strict.resolve(name()).await.err().expect("localhost is internal");
        assert!(refused.to_string().contains("internal address"), "{refused}");
        let dev = GuardedResolver { settings: settings(true) };
        let addrs: Vec<_> = dev.resolve(name()).await.expect("allowed in development").collect();
        assert!(addrs.iter().all(|a| a.ip().is_loopback() && a.port() == 0), "{addrs:?}");
    }

    /// The client itself, without the check `send` makes first, cannot reach an internal
    /// host: the one place DNS is asked is the guard.
    #[tokio::test]
    async fn the_client_connects_to_checked_addresses_only() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await.unwrap();
            stream.write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n").await.unwrap();
        });
        let url = format!("http://localhost:{port}/hook");

        let strict = Sender::new(&settings(false)).unwrap();
        let error = strict.client.post(&url).send().await.expect_err("must not connect");
        assert!(describe(&error).contains("internal address"), "{}", describe(&error));

        let dev = Sender::new(&settings(true)).unwrap();
        let response = dev.client.post(&url).send().await.expect("allowed in development");
        assert_eq!(response.status().as_u16(), 204);
        served.await.unwrap();
    }
}
