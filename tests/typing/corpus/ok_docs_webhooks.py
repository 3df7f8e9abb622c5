"""Webhook verification as the official README writes it (only the import line changed),
with the standard library's `http.server` in place of Flask. To run on its own, it then
plays the API: it signs a webhook (Standard Webhooks) and POSTs it to the endpoint."""

import base64
import hashlib
import hmac
import http.server
import json
import os
import threading
import time

import httpx2

from typed_openai import OpenAI

os.environ.setdefault("OPENAI_WEBHOOK_SECRET", "whsec_" + base64.b64encode(b"a secret for the docs example").decode())

client = OpenAI()  # OPENAI_WEBHOOK_SECRET environment variable is used by default


class WebhookHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        request_body = self.rfile.read(int(self.headers["Content-Length"])).decode()

        try:
            event = client.webhooks.unwrap(request_body, self.headers)

            if event.type == "response.completed":
                print("Response completed:", event.data)
            elif event.type == "response.failed":
                print("Response failed:", event.data)
            else:
                print("Unhandled event type:", event.type)

            self.send_response(200)
        except Exception as e:
            print("Invalid signature:", e)
            self.send_response(400)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class VerifyOnlyHandler(WebhookHandler):
    def do_POST(self) -> None:
        request_body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        try:
            client.webhooks.verify_signature(request_body, self.headers)

            # Parse the body after verification
            event = json.loads(request_body)
            print("Verified event:", event["type"])

            self.send_response(200)
        except Exception as e:
            print("Invalid signature:", e)
            self.send_response(400)
        self.end_headers()


def send_webhook(url: str, event: dict[str, object], secret: str) -> int:
    """What the API does: sign `webhook-id.webhook-timestamp.body` with the secret's key."""
    body = json.dumps(event)
    webhook_id, timestamp = "wh_docs_1", str(int(time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    headers = {
        "webhook-id": webhook_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
        "content-type": "application/json",
    }
    return httpx2.post(url, content=body, headers=headers).status_code


completed: dict[str, object] = {"id": "evt_1", "object": "event", "created_at": 1750000000, "type": "response.completed", "data": {"id": "resp_1"}}
for handler in (WebhookHandler, VerifyOnlyHandler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/webhook"
    print(send_webhook(url, completed, os.environ["OPENAI_WEBHOOK_SECRET"]))
    print(send_webhook(url, completed, "whsec_" + base64.b64encode(b"not the endpoint's secret").decode()))
    server.shutdown()
    server.server_close()
