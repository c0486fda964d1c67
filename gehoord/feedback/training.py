"""The theme classifier over time: training in the background, and discarding a stored model
when what it learned from must be forgotten (a contact's erasure, the retention period).

A discarded model is retrained once the transaction that discarded it commits, so the new
one learns only from what is still there (redacted texts, texts within the retention period).
"""

from __future__ import annotations

import contextlib
from datetime import date

from django.db import transaction
from huey.contrib.djhuey import db_task

from gehoord.tenancy.models import Organisation

from . import classifier
from .models import FeedbackSettings, ThemeClassifier


@db_task()
def train_classifier(organisation_id: int) -> None:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    # Too few examples is no error: the themes page says how many coded texts are needed.
    with contextlib.suppress(classifier.NotEnoughExamples):
        classifier.train(organisation)


def schedule_training(organisation_id: int) -> None:
    """Queue training once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: train_classifier(organisation_id))


def discard_model(organisation_id: int) -> int:
    """Delete the organisation's stored model; how many were deleted (0 or 1)."""
    deleted, _ = ThemeClassifier.objects.filter(organisation_id=organisation_id).delete()
    classifier.forget_loaded(organisation_id)
    return deleted


def forget_before(settings: FeedbackSettings, cutoff: date, *, dry_run: bool = False) -> int:
    """From now on learn only from texts of `cutoff` or later (the cutoff only moves
    forward); discard a stored model that learned from older texts and queue a retrain.
    Returns the number of stored models discarded (0 or 1); with `dry_run` only counts
    what would be discarded, and changes nothing."""
    stale = ThemeClassifier.objects.filter(organisation_id=settings.organisation_id).exclude(
        oldest_example__gte=cutoff
    )
    if dry_run:
        return 1 if stale.exists() else 0
    if settings.classifier_training_from is None or settings.classifier_training_from < cutoff:
        FeedbackSettings.objects.filter(pk=settings.pk).update(classifier_training_from=cutoff)
        settings.classifier_training_from = cutoff
    if not stale.exists():
        return 0
    discarded = discard_model(settings.organisation_id)
    schedule_training(settings.organisation_id)
    return discarded
