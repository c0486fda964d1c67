"""Limits on a questionnaire's open link, and spotting the same answers sent twice.

An open link has no invitation behind it, so nothing stops one person from answering a
hundred times. Two guards, both per client address and per questionnaire:

- Starting a survey is refused above `GEHOORD_OPEN_LINK_RATE` (django-ratelimit, counted
  in the shared `rate_limits` cache, so every web process shares one count). Refusing at
  the start loses nothing: the resident has typed nothing yet.
- A survey already started is always accepted when sent. If it is sent above the limit,
  or gives exactly the same answers as a response sent from the same address shortly
  before, it is stored but marked for review (models.Review) and left out of the figures
  until an analyst decides.

Privacy: the client address is never stored with a response. The counts and the memory of
recent answers are keyed by `visitor`, a keyed hash (HMAC with SECRET_KEY) of address and
questionnaire, that only lives in the cache and expires after `DUPLICATE_WINDOW`.
"""

import hashlib
import hmac
import json
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from gehoord.client_address import client_address

# Answers equal to an earlier response from the same address within this time are doubted.
DUPLICATE_WINDOW = timedelta(hours=1)
START_GROUP = "surveys.open_link.start"
SUBMIT_GROUP = "surveys.open_link.submit"


def visitor(request: HttpRequest, questionnaire_id: int) -> str:
    """A keyed hash of client address and questionnaire: the same visitor, not who."""
    message = f"open-link:{questionnaire_id}:{client_address(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _over(request: HttpRequest, group: str, visitor_key: str) -> bool:
    return is_ratelimited(
        request,
        group=group,
        key=lambda _group, _request: visitor_key,
        rate=settings.GEHOORD_OPEN_LINK_RATE,
        increment=True,
    )


def start_refused(request: HttpRequest, visitor_key: str) -> bool:
    """Count one start by this visitor; True when that is over the limit."""
    return _over(request, START_GROUP, visitor_key)


def submit_over_limit(request: HttpRequest, visitor_key: str) -> bool:
    """Count one sent survey by this visitor; True when that is over the limit."""
    return _over(request, SUBMIT_GROUP, visitor_key)


def _answers_key(visitor_key: str, answers: dict) -> str:
    fingerprint = json.dumps(answers, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{visitor_key}:{fingerprint}".encode()).hexdigest()
    return f"open-link-answers:{digest}"


def _cache():
    return caches[settings.RATELIMIT_USE_CACHE]


def earlier_with_same_answers(visitor_key: str, answers: dict) -> str | None:
    """The id of a response this visitor sent with exactly these answers, if recent."""
    return _cache().get(_answers_key(visitor_key, answers))


def remember_answers(visitor_key: str, answers: dict, response_id: str) -> None:
    _cache().set(_answers_key(visitor_key, answers), response_id, DUPLICATE_WINDOW.total_seconds())
