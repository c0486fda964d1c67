"""Who e-mail to residents comes from: the organisation's own address when it set one.

A municipality's mail server only vouches (SPF, DKIM, DMARC) for mail from its own domain;
mail "from" gehoord's platform address on behalf of Gemeente X fails DMARC alignment at many
receivers or looks like phishing. So invitations, reminders, receipts and messages back to a
resident carry the organisation's sender and reply-to when it configured them, and the
platform's `DEFAULT_FROM_EMAIL` otherwise. Staff mail (invites, digests) keeps the platform's.
"""

from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings

from .models import Organisation


@dataclass(frozen=True)
class Sender:
    from_email: str
    reply_to: list[str] = field(default_factory=list)


def sender_for(organisation: Organisation) -> Sender:
    """The From and Reply-To of mail to the organisation's residents."""
    reply_to = [organisation.email_reply_to] if organisation.email_reply_to else []
    if not organisation.email_sender_address:
        return Sender(settings.DEFAULT_FROM_EMAIL, reply_to)
    # The display name is the organisation's, so residents recognise who writes to them.
    return Sender(formataddr((organisation.name, organisation.email_sender_address)), reply_to)
