"""Demo step: one webhook subscription, switched off, for a receiver on this computer.

Made last, so seeding emits no deliveries. An administrator who runs a receiver at the
address (any HTTP server that accepts a POST) switches it on, or sends a test event, and
sees signed CloudEvents arrive and the delivery log fill."""

from gehoord.webhooks import service as webhooks_service
from gehoord.webhooks.models import EVENT_LABELS, Subscription

DEMO_RECEIVER = "http://127.0.0.1:9000/gehoord-webhook"


def seed_webhooks(ctx) -> None:
    organisation = ctx.organisation
    if Subscription.objects.filter(organisation=organisation).exists():
        return
    webhooks_service.create_subscription(
        Subscription(
            organisation=organisation,
            url=DEMO_RECEIVER,
            description="Demo-ontvanger op deze computer (zet aan als er een ontvanger luistert)",
            event_types=sorted(EVENT_LABELS),
            allow_internal_host=True,
            enabled=False,
        )
    )
