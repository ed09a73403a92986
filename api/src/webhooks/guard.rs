//! The SSRF guard of webhook endpoints: an endpoint URL must be https (http only where the
//! settings allow it) on a host whose every address is public, unless the settings allow
//! private targets (development and tests). Checked with DNS when an endpoint is registered
//! or changed ([`check`]); at delivery every new connection resolves its host through
//! [`resolve`] (DNS can change, and a rebinding answer cannot slip an internal address in),
//! and each attempt checks the URL's form and an IP literal host ([`check_before_sending`]).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::Url;

use crate::config::WebhookSettings;

/// Why a URL is refused, in words for the admin (a 422 on `url`) and the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// A checked URL: where to connect for its host.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: Url,
    /// The host as written in the URL (for the `Host` header and TLS).
    pub host: String,
    /// The addresses it resolved to, all checked.
    pub addrs: Vec<SocketAddr>,
}

/// Checks the form of `url` without resolving it: a parseable http(s) URL with a host, no
/// credentials, https unless http is allowed.
pub fn parse(url: &str, settings: &WebhookSettings) -> Result<Url, Refused> {
    let parsed = Url::parse(url.trim())
        .map_err(|_| Refused("Use a full URL such as https://backoffice.example.com/webhooks.".into()))?;
    match parsed.scheme() {
        "https" => {}
        "http" if settings.allow_http => {}
        "http" => return Err(Refused("Use an https:// URL: deliveries are not sent in the clear.".into())),
        _ => return Err(Refused("Use an https:// URL.".into())),
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Refused("The URL needs a host.".into()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Refused("Leave credentials out of the URL.".into()));
    }
    if parsed.fragment().is_some() {
        return Err(Refused("Leave the #fragment out of the URL.".into()));
    }
    Ok(parsed)
}

/// [`parse`], then resolves the host and refuses it when any address is not public (unless
/// the settings allow private targets).
pub async fn check(url: &str, settings: &WebhookSettings) -> Result<Target, Refused> {
    let url = parse(url, settings)?;
    let port = url.port_or_known_default().unwrap_or(443);
    let host = url.host_str().unwrap_or_default().to_string();
    let addrs = resolve(&host, port, settings).await?;
    Ok(Target { url, host, addrs })
}

/// [`parse`], and an IP literal host checked as [`resolve`] would, without asking DNS: what
/// every delivery attempt checks. A name is checked when a connection to it is made (the
/// delivery client's resolver is [`resolve`]); a pooled connection goes to an address that
/// was checked when it was opened.
pub async fn check_before_sending(url: &str, settings: &WebhookSettings) -> Result<Url, Refused> {
    let url = parse(url, settings)?;
    let host = url.host_str().unwrap_or_default();
    if host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok() {
        resolve(host, url.port_or_known_default().unwrap_or(443), settings).await?;
    }
    Ok(url)
}

/// The addresses of `host` (a name or an IP literal, IPv6 in brackets or not) at `port`,
/// refused when any of them is not public (unless the settings allow private targets).
/// Also the DNS resolver of every delivery's connection (see `sender`), so a connection
/// only ever goes to addresses checked here.
pub async fn resolve(host: &str, port: u16, settings: &WebhookSettings) -> Result<Vec<SocketAddr>, Refused> {
    let literal = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().ok();
    let addrs: Vec<SocketAddr> = match literal {
        Some(ip) => vec![SocketAddr::new(ip, port)],
        None => tokio::net::lookup_host((host, port))
            .await
            .map_err(|_| Refused(format!("The host {host} does not resolve.")))?
            .collect(),
    };
    if addrs.is_empty() {
        return Err(Refused(format!("The host {host} does not resolve.")));
    }
    if !settings.allow_private_targets
        && let Some(bad) = addrs.iter().find(|a| !is_public(a.ip()))
    {
        return Err(Refused(format!(
            "{host} is a private, loopback or otherwise internal address ({}): use a public one.",
            bad.ip()
        )));
    }
    Ok(addrs)
}

/// Whether `ip` is a public unicast address: not loopback, private (RFC 1918), link-local,
/// unique-local, multicast, unspecified, broadcast, CGNAT (100.64/10), reserved,
/// benchmarking or documentation space, nor one of these inside an IPv6 form
/// (IPv4-mapped, -compatible, NAT64, 6to4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::/96) carry an IPv4 address.
    if segments[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified()
        || segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0]
    {
        let [.., hi, lo] = segments;
        return is_public_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    // 6to4 (2002::/16) carries one in its next 32 bits.
    if segments[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::from((u32::from(segments[1]) << 16) | u32::from(segments[2])));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (segments[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (segments[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (segments[0] & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
        || (segments[0] == 0x2001 && segments[1] == 0x0db8)) // documentation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict() -> WebhookSettings {
        WebhookSettings { allow_http: false, allow_private_targets: false, ..WebhookSettings::default() }
    }

    #[test]
    fn only_public_unicast_addresses_pass() {
        for private in [
            "127.0.0.1",
            "127.8.9.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.0.8",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.2.1",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "2001:db8::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private} must be refused");
        }
        for public in
            ["93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]
        {
            assert!(is_public(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn urls_must_be_https_without_credentials() {
        let settings = strict();
        assert!(parse("https://hooks.example.com/x?y=1", &settings).is_ok());
        for bad in [
            "http://hooks.example.com/x",
            "ftp://hooks.example.com/",
            "hooks.example.com/x",
            "https://user:pw@hooks.example.com/",
            "https://hooks.example.com/#frag",
            "",
        ] {
            assert!(parse(bad, &settings).is_err(), "{bad}");
        }
        let dev = WebhookSettings { allow_http: true, ..strict() };
        assert!(parse("http://hooks.example.com/x", &dev).is_ok());
    }

    #[tokio::test]
    async fn literal_and_resolved_internal_addresses_are_refused() {
        let settings = strict();
        for bad in [
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]:8443/x",
            "https://[::ffff:127.0.0.1]/x",
            "https://localhost/x",
        ] {
            assert!(check(bad, &settings).await.is_err(), "{bad}");
        }
        let target = check("https://93.184.215.14:8443/x", &settings).await.unwrap();
        assert_eq!(target.addrs, ["93.184.215.14:8443".parse().unwrap()]);
        let dev = WebhookSettings { allow_private_targets: true, ..strict() };
        assert!(check("https://127.0.0.1/x", &dev).await.is_ok());
    }

    #[tokio::test]
    async fn before_sending_literals_are_checked_and_names_left_to_the_resolver() {
        let settings = strict();
        for bad in
            ["https://10.1.2.3/x", "https://[::1]:8443/x", "http://93.184.215.14/x", "https://u:p@a.example/"]
        {
            assert!(check_before_sending(bad, &settings).await.is_err(), "{bad}");
        }
        assert!(check_before_sending("https://93.184.215.14:8443/x", &settings).await.is_ok());
        // No DNS here: a name that does not resolve passes, its connection will not.
        assert!(check_before_sending("https://hooks.invalid/x", &settings).await.is_ok());
        assert!(check("https://hooks.invalid/x", &settings).await.is_err());
    }
}
