"""A small webhook receiver for trying gehoord's webhooks on one computer (`gehoord
webhookreceiver`): it prints each CloudEvent it gets and whether its Standard Webhooks
signature is right, and answers 204 (401 for a wrong signature, so gehoord tries again).
Not for production: a real receiver is the organisation's own system."""

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import cloudevents

MAX_BODY = 1_000_000


def make_server(host: str, port: int, secret: str, say: Callable[[str], None]):
    """An HTTP server on (host, port); each event is reported through `say`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's API
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_response(413)
                self.end_headers()
                return
            body = self.rfile.read(length)
            headers = {key: value for key, value in self.headers.items()}
            if secret:
                valid = cloudevents.verify(secret, headers, body)
                verdict = "handtekening klopt" if valid else "HANDTEKENING KLOPT NIET"
            else:
                valid, verdict = True, "handtekening niet gecontroleerd (geen --secret)"
            try:
                event = json.loads(body)
                what = (
                    f"{event.get('type', '?')} {event.get('id', '?')} ({event.get('subject', '')})"
                )
            except (ValueError, AttributeError):
                what = "geen JSON"
            say(f"{what}: {verdict}")
            self.send_response(204 if valid else 401)
            self.end_headers()

        def log_message(self, format: str, *args) -> None:  # quiet: `say` reports each event
            return

    return ThreadingHTTPServer((host, port), Handler)
