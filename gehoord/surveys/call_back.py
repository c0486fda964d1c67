"""The reference with which a resident who asked to be contacted gives contact details.

Contact details never go into a response (answers are pseudonymous). Right after
submitting, the resident gets a signed, short-lived reference to their response; the
feedback app's call-back page resolves it and stores the details in a follow-up, with
consent, which is deleted after handling (DESIGN §4).
"""

from datetime import timedelta

from django.core import signing

from .models import Response

CALL_BACK_QUESTION = "core_follow_up"
# The browser's session remembers the offer, so the thank-you page can show the link again
# after a reload, until the details are given.
SESSION_KEY = "call_back_reference"
SALT = "gehoord.surveys.call-back"
# Long enough to fetch a phone number, short enough that a forgotten tab expires.
MAX_AGE = timedelta(hours=24)


def reference_for(response: Response) -> str | None:
    """A reference for `response` when its answers ask to be contacted, else None."""
    asked = response.answers.filter(question__code=CALL_BACK_QUESTION, value_number=1).exists()
    return signing.dumps(str(response.pk), salt=SALT) if asked else None


def response_by_reference(reference: str) -> Response | None:
    """The response behind a reference; None when it is forged, expired or gone."""
    try:
        pk = signing.loads(reference, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Response.objects.select_related("organisation").filter(pk=pk).first()
