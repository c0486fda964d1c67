"""Delivery channels. E-mail goes through Django's mail backends (SMTP in production)."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gehoord.surveys import service as survey_service
from gehoord.tenancy import query as tenancy_query

from .models import Channel, Invitation
from .sms import SmsRefused, SmsTemporaryError, send_sms


class ChannelUnavailable(Exception):
    """This channel cannot deliver this invitation; the next channel may."""


class TemporaryFailure(Exception):
    """Try again later (e.g. the mail server is busy)."""


def absolute(path: str) -> str:
    return settings.GEHOORD_BASE_URL.rstrip("/") + path


def send_invitation(invitation: Invitation, channel: str, reminder: bool = False) -> None:
    if channel == Channel.EMAIL:
        send_email(invitation, reminder)
    elif channel == Channel.SMS:
        send_text_message(invitation, reminder)
    elif channel == Channel.LETTER and not reminder:
        # Letters go out in the day's printed batch (see letters.py); here the letter only
        # gets its access code, and counts as sent.
        survey_service.give_access_code(invitation.token)
    else:
        raise ChannelUnavailable(f"no {'reminder' if reminder else 'message'} by {channel}")


def send_email(invitation: Invitation, reminder: bool = False) -> None:
    contact = invitation.contact
    survey_url = absolute(reverse("surveys:answer", args=[invitation.token.token]))
    opt_out_url = absolute(reverse("contacts:opt_out", args=[contact.opt_out_token]))
    context = {
        "contact": contact,
        "organisation": invitation.organisation,
        "service": invitation.service,
        "survey_url": survey_url,
        "opt_out_url": opt_out_url,
        "days": invitation.rule.expires_after_days,
        "reminder": reminder,
    }
    with translation.override(contact.preferred_language):
        subject = render_to_string("outreach/email/invitation_subject.txt", context).strip()
        text = render_to_string("outreach/email/invitation.txt", context)
        html = render_to_string("outreach/email/invitation.html", context)
    sender = tenancy_query.resident_mail_sender(invitation.organisation)
    message = EmailMultiAlternatives(
        subject,
        text,
        sender.from_email,
        to=[contact.email],
        reply_to=sender.reply_to,
        headers={
            "List-Unsubscribe": f"<{opt_out_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        raise ChannelUnavailable(f"address refused: {error}") from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error


def send_text_message(invitation: Invitation, reminder: bool = False) -> None:
    contact = invitation.contact
    context = {
        "organisation": invitation.organisation,
        "service": invitation.service,
        "survey_url": absolute(reverse("surveys:answer", args=[invitation.token.token])),
        "opt_out_url": absolute(reverse("contacts:opt_out", args=[contact.opt_out_token])),
        "reminder": reminder,
    }
    with translation.override(contact.preferred_language):
        text = " ".join(render_to_string("outreach/sms/invitation.txt", context).split())
    try:
        send_sms(contact.mobile, text)
    except SmsRefused as error:
        raise ChannelUnavailable(str(error)) from error
    except SmsTemporaryError as error:
        raise TemporaryFailure(str(error)) from error
