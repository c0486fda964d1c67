"""The reference with which a resident who asked to be contacted gives contact details.

Contact details never go into a response (answers are pseudonymous). Right after
submitting, the resident gets a signed, short-lived reference to their response; the
feedback app's call-back page resolves it and stores the details in a follow-up, with
consent, which is deleted after handling (DESIGN §4).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from gehoord.framework.models import VersionItem

from .models import Response

CALL_BACK_QUESTION = "core_follow_up"
# A cookie in the resident's browser remembers the offer, so the thank-you page can show
# the link again after a reload, until the details are given. Not the session: a session
# is a row in the database, and writing one would cost every resident who asks for
# contact two more queries on the last page (and keep the reference on the server).
COOKIE_NAME = "gehoord_terugbellen"
SALT = "gehoord.surveys.call-back"
# Long enough to fetch a phone number, short enough that a forgotten tab expires.
MAX_AGE = timedelta(hours=24)


def reference_for(response: Response) -> str | None:
    """A reference for `response` when its answers ask to be contacted, else None."""
    asked = response.answers.filter(question__code=CALL_BACK_QUESTION, value_number=1).exists()
    return _reference(response) if asked else None


def reference_from_answers(
    response: Response, items: list[VersionItem], answers: dict
) -> str | None:
    """`reference_for` from the answers just stored, without reading them back."""
    asked = any(
        item.question.code == CALL_BACK_QUESTION and answers.get(str(item.pk)) == 1
        for item in items
    )
    return _reference(response) if asked else None


def _reference(response: Response) -> str:
    return signing.dumps(str(response.pk), salt=SALT)


def remember_offer(page: HttpResponse, reference: str | None) -> None:
    """Keep the offer for the thank-you page (or drop an earlier survey's offer)."""
    if reference is None:
        forget_offer(page)
        return
    page.set_cookie(
        COOKIE_NAME,
        reference,
        max_age=int(MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def offer_of(request: HttpRequest) -> str | None:
    return request.COOKIES.get(COOKIE_NAME) or None


def forget_offer(page: HttpResponse) -> None:
    page.delete_cookie(COOKIE_NAME, samesite="Lax")


def response_by_reference(reference: str) -> Response | None:
    """The response behind a reference; None when it is forged, expired or gone."""
    try:
        pk = signing.loads(reference, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Response.objects.select_related("organisation").filter(pk=pk).first()
