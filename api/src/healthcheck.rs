//! `rental-portal healthcheck`: the container's health probe. GETs `/readyz` of the server
//! this configuration starts and exits 0 on 200, 1 otherwise. Plain `std` TCP (one HTTP/1.0
//! request, timeouts on connect, write and read): the runtime image has no curl or wget, and
//! a shell's `/dev/tcp` is a bash feature that `/bin/sh` (dash) lacks.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::config::ServerSettings;

/// Each step's budget (connect, write, read), under Docker's 3 s HEALTHCHECK timeout.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// The host to probe for a listen address: the wildcard addresses mean "this machine".
pub fn probe_host(listen_host: &str) -> &str {
    match listen_host.trim() {
        "" | "0.0.0.0" => "127.0.0.1",
        "::" | "[::]" => "::1",
        host => host,
    }
}

/// Where the server of `settings` answers `/readyz`.
pub fn probe_address(settings: &ServerSettings) -> anyhow::Result<SocketAddr> {
    let host = probe_host(&settings.host).trim_start_matches('[').trim_end_matches(']');
    (host, settings.port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| anyhow::anyhow!("APP_SERVER__HOST {host:?} resolves to no address"))
}

/// GETs `path` from `address`; `Ok` with the status line when the answer is 200, else an
/// error saying what came back (or did not).
pub fn check(address: SocketAddr, path: &str, timeout: Duration) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect_timeout(&address, timeout)
        .map_err(|e| anyhow::anyhow!("cannot connect to {address}: {e}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let host = match address {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    };
    // One write: `write!` would send each piece of the format on its own, and a server that
    // answers after the first piece and closes makes the next write fail (EPIPE).
    let request = format!("GET {path} HTTP/1.0\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    // The status line is all we need; read at most a small head.
    let mut head = Vec::with_capacity(256);
    let mut buffer = [0u8; 256];
    while !head.contains(&b'\n') && head.len() < 4096 {
        let read = stream.read(&mut buffer).map_err(|e| anyhow::anyhow!("no answer from {address}: {e}"))?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let text = String::from_utf8_lossy(&head);
    let status_line = text.lines().next().unwrap_or_default().trim().to_string();
    let status = status_line.split_whitespace().nth(1).unwrap_or_default();
    if status_line.starts_with("HTTP/") && status == "200" {
        Ok(status_line)
    } else if status_line.is_empty() {
        anyhow::bail!("{address}{path}: empty answer")
    } else {
        anyhow::bail!("{address}{path}: {status_line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_answering(answer: &'static str) -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 512];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        address
    }

    #[test]
    fn ready_is_200_and_anything_else_fails() {
        let ok = server_answering("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nready");
        assert_eq!(check(ok, "/readyz", TIMEOUT).unwrap(), "HTTP/1.1 200 OK");
        let down = server_answering("HTTP/1.1 503 Service Unavailable\r\n\r\n{}");
        let err = check(down, "/readyz", TIMEOUT).unwrap_err().to_string();
        assert!(err.contains("503"), "{err}");
        let garbage = server_answering("SSH-2.0-OpenSSH\r\n");
        assert!(check(garbage, "/readyz", TIMEOUT).is_err());
        // A server that closes without a word: an orderly close reads as an empty answer, a
        // reset (the request still unread on its side) as no answer; both fail.
        let silent = server_answering("");
        let err = check(silent, "/readyz", TIMEOUT).unwrap_err().to_string();
        assert!(err.contains("empty answer") || err.contains("no answer"), "{err}");
    }

    #[test]
    fn nothing_listening_fails_fast() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let started = std::time::Instant::now();
        assert!(check(closed, "/readyz", Duration::from_secs(1)).is_err());
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn wildcard_listen_addresses_are_probed_on_loopback() {
        assert_eq!(probe_host("0.0.0.0"), "127.0.0.1");
        assert_eq!(probe_host("::"), "::1");
        assert_eq!(probe_host("10.0.0.5"), "10.0.0.5");
        let settings = ServerSettings {
            host: "0.0.0.0".into(),
            port: 8080,
            trust_forwarded_for: false,
            public_url: "http://127.0.0.1:8080".into(),
        };
        assert_eq!(probe_address(&settings).unwrap(), "127.0.0.1:8080".parse().unwrap());
    }
}
