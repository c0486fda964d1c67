"""Background work of the contact register: the panel's confirmation e-mail."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from huey.contrib.djhuey import db_task

from gehoord.tenancy import query as tenancy_query

from .models import PanelSignup
from .panel_signup import CONFIRM_WITHIN


@db_task(retries=3, retry_delay=300)
def send_panel_confirmation(signup_id: int, token: str) -> None:
    """The double opt-in e-mail with the confirmation link (queued after the commit)."""
    signup = PanelSignup.objects.select_related("organisation").filter(pk=signup_id).first()
    if signup is None:
        return
    path = reverse(
        "contacts:panel_confirm", kwargs={"slug": signup.organisation.slug, "token": token}
    )
    context = {
        "organisation": signup.organisation,
        "name": signup.name,
        "confirm_url": settings.GEHOORD_BASE_URL.rstrip("/") + path,
        "hours": int(CONFIRM_WITHIN.total_seconds() // 3600),
    }
    with translation.override(signup.language):
        subject = render_to_string("contacts/email/panel_confirm_subject.txt", context)
        text = render_to_string("contacts/email/panel_confirm.txt", context)
    sender = tenancy_query.resident_mail_sender(signup.organisation)
    EmailMultiAlternatives(
        " ".join(subject.split()), text, sender.from_email, [signup.email], reply_to=sender.reply_to
    ).send()
