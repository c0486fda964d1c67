"""Letters: one printable PDF per day with every letter invitation of that day.

Each letter has the resident's address, a QR code of the personal link, and for those who
cannot scan, the short address /code/ with a typed access code. Rendered on request with
WeasyPrint, so nothing with an address is stored as a file.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from gehoord.tenancy.models import Organisation

from .models import Channel, Invitation


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries (Pango) are not installed on this server."""


def letter_days(organisation: Organisation, days: int = 30) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    return list(
        Invitation.objects.for_organisation(organisation)
        .filter(channel=Channel.LETTER, sent_at__gte=since)
        .annotate(day=TruncDate("sent_at"))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("-day")
    )


def letters_of_day(organisation: Organisation, day: date) -> QuerySet[Invitation]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return (
        Invitation.objects.for_organisation(organisation)
        .filter(channel=Channel.LETTER, sent_at__gte=start, sent_at__lt=start + timedelta(days=1))
        .select_related("contact", "token", "event__service", "rule__service")
        .order_by("contact__postal_code")
    )


def letter_html(organisation: Organisation, invitations) -> str:
    import segno

    base = settings.GEHOORD_BASE_URL.rstrip("/")
    letters = []
    for invitation in invitations:
        url = base + reverse("surveys:answer", args=[invitation.token.token])
        code = invitation.token.access_code or ""
        letters.append(
            {
                "invitation": invitation,
                "contact": invitation.contact,
                "qr": segno.make(url, error="m").svg_inline(scale=3, border=0),
                "code": "-".join(code[i : i + 4] for i in range(0, len(code), 4)),
                "opt_out": base
                + reverse("contacts:opt_out", args=[invitation.contact.opt_out_token]),
            }
        )
    with translation.override("nl"):
        return render_to_string(
            "outreach/letters.html",
            {
                "organisation": organisation,
                "letters": letters,
                "code_url": base + "/code/",
                "today": timezone.localdate(),
            },
        )


def render_pdf(organisation: Organisation, invitations) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango is missing
        raise PdfUnavailable(str(error)) from error
    return HTML(string=letter_html(organisation, invitations)).write_pdf()
