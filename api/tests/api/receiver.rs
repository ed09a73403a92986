//! A real webhook receiver for the webhook tests: `webhook_receiver.py` in its own process,
//! verifying each delivery's signature with the `standardwebhooks` package (PyPI) — not our
//! own verifier — and answering as the test tells it (500 N times, or never).
//!
//! The Python interpreter is `TEST_WEBHOOK_PYTHON`, else `.tools/venv/bin/python` at the
//! repository root, where `scripts/test.sh` installs `standardwebhooks`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::mailserver::free_port;

pub struct Receiver {
    pub port: u16,
    child: Child,
    client: reqwest::Client,
}

fn python() -> PathBuf {
    std::env::var_os("TEST_WEBHOOK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/python"))
}

impl Receiver {
    /// Starts a receiver on a free port and waits until it answers.
    pub async fn start() -> Self {
        let python = python();
        assert!(
            python.exists(),
            "{} missing: run scripts/test.sh once (it installs standardwebhooks into .tools/venv)",
            python.display()
        );
        let port = free_port();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/webhook_receiver.py");
        let child = Command::new(&python)
            .arg(script)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start webhook receiver");
        let receiver = Receiver { port, child, client: reqwest::Client::new() };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(r) = receiver.client.get(receiver.url("/_received")).send().await
                && r.status() == 200
            {
                break;
            }
            assert!(Instant::now() < deadline, "webhook receiver did not start on {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        receiver
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Verify with these secrets; answer 500 to the next `fail` deliveries; never answer
    /// when `hang`.
    pub async fn configure(&self, secrets: &[&str], fail: u32, hang: bool) {
        let response = self
            .client
            .post(self.url("/_control"))
            .json(&json!({ "secrets": secrets, "fail": fail, "hang": hang }))
            .send()
            .await
            .expect("control receiver");
        assert_eq!(response.status(), 200);
    }

    /// Every delivery received so far.
    pub async fn received(&self) -> Vec<Value> {
        self.client.get(self.url("/_received")).send().await.expect("receiver").json().await.expect("json")
    }

    /// Waits until at least `n` deliveries arrived (at most `secs` seconds).
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.received().await;
            if got.len() >= n {
                return got;
            }
            assert!(Instant::now() < deadline, "receiver got {} of {n} deliveries: {got:?}", got.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
