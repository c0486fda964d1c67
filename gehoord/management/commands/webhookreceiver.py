from django.core.management.base import BaseCommand

from gehoord.webhooks import service


class Command(BaseCommand):
    help = (
        "Listen for gehoord's webhooks on this computer and print each event and whether its "
        "signature is right (for trying webhooks; the demo's subscription points here)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:9000")
        parser.add_argument("--secret", default="", help="the subscription's signing secret")

    def handle(self, *args, bind: str, secret: str, **options) -> None:
        host, _, port = bind.rpartition(":")
        server = service.make_receiver(host or "127.0.0.1", int(port), secret, self.stdout.write)
        self.stdout.write(f"Listening on http://{bind}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
