"""Webhook test helpers: a real HTTP receiver on 127.0.0.1 and subscriptions."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from gehoord.tenancy.models import Organisation
from gehoord.webhooks import service
from gehoord.webhooks.models import Subscription


class Receiver:
    """An HTTP server that records every POST (headers, body) and answers `fail_first`
    requests with 500 before it answers 204."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.requests: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                failing = len(receiver.requests) <= receiver.fail_first
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/gehoord"

    def start(self) -> "Receiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.requests]


def make_subscription(
    organisation: Organisation, url: str, event_types: list[str], **fields: Any
) -> tuple[Subscription, str]:
    """A saved subscription and its (plain) secret; internal hosts allowed unless told."""
    fields.setdefault("allow_internal_host", True)
    subscription = Subscription(
        organisation=organisation, url=url, event_types=event_types, **fields
    )
    secret = service.create_subscription(subscription)
    return subscription, secret
