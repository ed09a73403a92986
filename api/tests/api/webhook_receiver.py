"""A webhook receiver for the API tests: verifies every delivery with the maintained
`standardwebhooks` library (PyPI, pinned in scripts/test.sh) against each secret it was
given, records what it got, and answers as it is told.

    python webhook_receiver.py PORT

Control (JSON over HTTP on the same port):
    POST /_control {"secrets": ["whsec_..."], "fail": 3, "hang": false}
        secrets to verify with; answer 500 to the next `fail` deliveries; with `hang`,
        accept deliveries but never answer.
    GET /_received  -> [{"path", "webhook_id", "timestamp", "signature", "body",
                         "verified": [bool per secret], "answered": status or null}]
Any other POST is a delivery.
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

LOCK = threading.Lock()
STATE = {"secrets": [], "fail": 0, "hang": False, "received": []}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_received":
            with LOCK:
                self._answer(200, json.dumps(STATE["received"]))
        else:
            self._answer(404, "{}")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/_control":
            control = json.loads(body)
            with LOCK:
                for key in ("secrets", "fail", "hang"):
                    if key in control:
                        STATE[key] = control[key]
            self._answer(200, "{}")
            return
        headers = {k: v for k, v in self.headers.items()}
        verified = []
        with LOCK:
            secrets = list(STATE["secrets"])
        for secret in secrets:
            try:
                Webhook(secret).verify(body, headers)
                verified.append(True)
            except WebhookVerificationError:
                verified.append(False)
        with LOCK:
            hang = STATE["hang"]
            if hang:
                status = None
            elif STATE["fail"] > 0:
                STATE["fail"] -= 1
                status = 500
            else:
                status = 200
            STATE["received"].append({
                "path": self.path,
                "webhook_id": headers.get("webhook-id") or headers.get("Webhook-Id"),
                "timestamp": headers.get("webhook-timestamp") or headers.get("Webhook-Timestamp"),
                "signature": headers.get("webhook-signature") or headers.get("Webhook-Signature"),
                "body": body.decode("utf-8", "replace"),
                "verified": verified,
                "answered": status,
            })
        if hang:
            time.sleep(3600)
            return
        if status == 500:
            self._answer(500, json.dumps({"error": "receiver told to fail"}))
        else:
            self._answer(200, json.dumps({"ok": True}))


def main():
    port = int(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
