"""Theme suggestions: a classifier trained per organisation on its own coded texts.

Texts are masked first (`contacts.query.mask_personal_data`: BSN, e-mail address, phone number,
IBAN, address and the register's full names become placeholders), so neither the model nor
its vocabulary ever holds more of a text than its masked words. They are then reduced to
Dutch lemmas (simplemma), weighed with TF-IDF (words and word pairs) and classified with
logistic regression, one theme per example (a text coded with two themes counts as two
examples; one normalised text counts once per theme).

Quality is grouped cross-validated macro F1 (`gehoord.holdout`): no normalised text is both
learned from and tested on, and a majority-class baseline is scored on the same folds. The
model is fitted on all examples and stored with both figures; a model that does not beat
the baseline makes no suggestions, and the screens say so. Suggestions are never applied
without a person confirming.

Why a stored model: the web processes run on several machines, so a file in one machine's
data folder would not be seen by the others, and fitting on every page view is too slow.
The pickled pipeline holds only the masked vocabulary (lemmas and lemma pairs), its IDF
weights, the coefficients and the theme ids; erasure and retention discard it
(`training`).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import joblib
import simplemma
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from gehoord import holdout
from gehoord.contacts.query import mask_personal_data, masking_names
from gehoord.tenancy.models import Organisation

from .models import Coding, FeedbackSettings, Theme, ThemeClassifier

TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_EXAMPLES = 20
MIN_PER_THEME = 3  # distinct texts
SEED = 20260101


class NotEnoughExamples(Exception):
    pass


def lemmas(text: str) -> list[str]:
    return [simplemma.lemmatize(word, lang="nl") for word in TOKEN.findall(text.lower())]


def _analyzer(text: str) -> list[str]:
    words = lemmas(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _pipeline() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer=_analyzer, min_df=1, sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=5.0, class_weight="balanced"),
    )


@dataclass(frozen=True)
class Example:
    text: str  # masked
    theme_id: int
    on: date  # when the signal came in or the answer was given


def training_since(organisation: Organisation) -> date | None:
    """Texts before this day are never learned from (`training.forget_before`)."""
    return (
        FeedbackSettings.objects.filter(organisation=organisation)
        .values_list("classifier_training_from", flat=True)
        .first()
    )


def training_examples(organisation: Organisation) -> list[Example]:
    """A masked example for every active theme code on a signal or an open answer."""
    rows = Coding.objects.for_organisation(organisation).filter(
        theme__isnull=False, theme__active=True
    )
    since = training_since(organisation)
    if since is not None:
        rows = rows.filter(
            Q(signal__received_on__gte=since) | Q(answer__response__submitted_at__date__gte=since)
        )
    names = masking_names(organisation)
    examples = []
    for theme_id, signal_text, received_on, answer_text, submitted_at in rows.values_list(
        "theme_id",
        "signal__text",
        "signal__received_on",
        "answer__value_text",
        "answer__response__submitted_at",
    ).iterator(chunk_size=2000):
        text = signal_text or answer_text
        if text:
            on = received_on or timezone.localdate(submitted_at)
            examples.append(Example(mask_personal_data(text, None, names=names), theme_id, on))
    return examples


def usable(examples: list[Example]) -> tuple[list[str], list[int], list[str], date | None]:
    """(texts, labels, groups, oldest day) of the deduplicated examples of themes with at
    least MIN_PER_THEME distinct texts."""
    texts, labels, groups = holdout.deduplicated(
        [e.text for e in examples], [e.theme_id for e in examples]
    )
    per_theme: dict[int, set[str]] = defaultdict(set)
    for label, group in zip(labels, groups, strict=True):
        per_theme[label].add(group)
    keep = {theme for theme, seen in per_theme.items() if len(seen) >= MIN_PER_THEME}
    chosen = [i for i, label in enumerate(labels) if label in keep]
    oldest = min((e.on for e in examples if e.theme_id in keep), default=None)
    return (
        [texts[i] for i in chosen],
        [labels[i] for i in chosen],
        [groups[i] for i in chosen],
        oldest,
    )


def train(organisation: Organisation) -> ThemeClassifier:
    texts, labels, groups, oldest = usable(training_examples(organisation))
    if len(labels) < MIN_EXAMPLES or len(set(labels)) < 2:
        raise NotEnoughExamples(len(labels))
    quality = holdout.evaluate(_pipeline, texts, labels, groups, holdout.MACRO_F1)
    if quality is None:
        raise NotEnoughExamples(len(labels))
    model = _pipeline().fit(texts, labels)
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    with transaction.atomic():
        stored, _ = ThemeClassifier.objects.update_or_create(
            organisation=organisation,
            defaults={
                "trained_at": timezone.now(),
                "examples": quality.examples,
                "held_out": quality.examples,
                "texts": quality.texts,
                "folds": quality.folds,
                "accuracy": quality.accuracy,
                "macro_f1": quality.score,
                "baseline_accuracy": quality.baseline_accuracy,
                "baseline_macro_f1": quality.baseline,
                "lower_bound": quality.lower_bound,
                "beats_baseline": quality.beats_baseline,
                "oldest_example": oldest,
                "model": buffer.getvalue(),
            },
        )
    _loaded.pop(organisation.pk, None)
    return stored


# organisation id → (trained_at, model); reloaded when a newer model is stored.
_loaded: dict[int, tuple] = {}


def forget_loaded(organisation_id: int) -> None:
    """Drop this process's copy of a discarded model (other processes see it gone from the
    database: `model_of` reads the stored row first)."""
    _loaded.pop(organisation_id, None)


def model_of(organisation: Organisation) -> Pipeline | None:
    """The stored model, if it beats the baseline."""
    stored = (
        ThemeClassifier.objects.filter(organisation=organisation, beats_baseline=True)
        .only("trained_at")
        .first()
    )
    if stored is None:
        return None
    cached = _loaded.get(organisation.pk)
    if cached and cached[0] == stored.trained_at:
        return cached[1]
    raw = ThemeClassifier.objects.filter(pk=stored.pk).values_list("model", flat=True)[0]
    model = joblib.load(io.BytesIO(bytes(raw)))
    _loaded[organisation.pk] = (stored.trained_at, model)
    return model


def suggest(
    organisation: Organisation, text: str, limit: int = 3, min_probability: float = 0.15
) -> list[tuple[Theme, float]]:
    """The likeliest themes for `text`, best first (empty without a trained model that beats
    the majority baseline)."""
    model = model_of(organisation)
    if model is None or not text.strip():
        return []
    probabilities = model.predict_proba([text])[0]
    ranked = sorted(zip(model.classes_, probabilities, strict=True), key=lambda p: -p[1])
    wanted = [(int(theme_id), float(p)) for theme_id, p in ranked[:limit] if p >= min_probability]
    themes = (
        Theme.objects.for_organisation(organisation)
        .filter(active=True)
        .in_bulk([t for t, _ in wanted])
    )
    return [(themes[t], p) for t, p in wanted if t in themes]
