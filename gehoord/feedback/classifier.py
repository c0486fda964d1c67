"""Theme suggestions: a classifier trained per organisation on its own coded texts.

Texts are reduced to Dutch lemmas (simplemma), weighed with TF-IDF (words and word pairs)
and classified with logistic regression, one theme per example (a text coded with two
themes counts as two examples). Quality is measured on a held-out quarter of the examples
(stratified, fixed seed) before the final model is fitted on all of them; the figure is
stored and shown to staff. Suggestions are never applied without a person confirming.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import joblib
import simplemma
from django.db import transaction
from django.utils import timezone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from gehoord.tenancy.models import Organisation

from .models import Coding, Theme, ThemeClassifier

TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_EXAMPLES = 20
MIN_PER_THEME = 3
HELD_OUT_SHARE = 0.25
SEED = 20260101


class NotEnoughExamples(Exception):
    pass


def lemmas(text: str) -> list[str]:
    return [simplemma.lemmatize(word, lang="nl") for word in TOKEN.findall(text.lower())]


def _analyzer(text: str) -> list[str]:
    words = lemmas(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _pipeline():
    return make_pipeline(
        TfidfVectorizer(analyzer=_analyzer, min_df=1, sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=5.0, class_weight="balanced"),
    )


def training_examples(organisation: Organisation) -> tuple[list[str], list[int]]:
    """(text, theme id) for every theme code on a signal or an open answer."""
    texts, labels = [], []
    rows = (
        Coding.objects.for_organisation(organisation)
        .filter(theme__isnull=False, theme__active=True)
        .values_list("theme_id", "signal__text", "answer__value_text")
    )
    for theme_id, signal_text, answer_text in rows.iterator(chunk_size=2000):
        text = signal_text or answer_text
        if text:
            texts.append(text)
            labels.append(theme_id)
    return texts, labels


@dataclass
class Evaluation:
    examples: int
    held_out: int
    accuracy: float
    macro_f1: float


def evaluate(texts: list[str], labels: list[int]) -> Evaluation:
    """Fit on three quarters, measure on the held-out quarter."""
    train_x, test_x, train_y, test_y = train_test_split(
        texts, labels, test_size=HELD_OUT_SHARE, random_state=SEED, stratify=labels
    )
    model = _pipeline().fit(train_x, train_y)
    predicted = model.predict(test_x)
    return Evaluation(
        examples=len(texts),
        held_out=len(test_x),
        accuracy=float(accuracy_score(test_y, predicted)),
        macro_f1=float(f1_score(test_y, predicted, average="macro")),
    )


def train(organisation: Organisation) -> ThemeClassifier:
    texts, labels = training_examples(organisation)
    counts = Counter(labels)
    keep = {theme for theme, n in counts.items() if n >= MIN_PER_THEME}
    pairs = [(t, label) for t, label in zip(texts, labels, strict=True) if label in keep]
    if len(pairs) < MIN_EXAMPLES or len(keep) < 2:
        raise NotEnoughExamples(len(pairs))
    texts, labels = [p[0] for p in pairs], [p[1] for p in pairs]
    evaluation = evaluate(texts, labels)
    model = _pipeline().fit(texts, labels)
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    with transaction.atomic():
        stored, _ = ThemeClassifier.objects.update_or_create(
            organisation=organisation,
            defaults={
                "trained_at": timezone.now(),
                "examples": evaluation.examples,
                "held_out": evaluation.held_out,
                "accuracy": evaluation.accuracy,
                "macro_f1": evaluation.macro_f1,
                "model": buffer.getvalue(),
            },
        )
    _loaded.pop(organisation.pk, None)
    return stored


# organisation id → (trained_at, model); reloaded when a newer model is stored.
_loaded: dict[int, tuple] = {}


def _model_of(organisation: Organisation):
    stored = ThemeClassifier.objects.filter(organisation=organisation).only("trained_at").first()
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
    """The likeliest themes for `text`, best first (empty without a trained model)."""
    model = _model_of(organisation)
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
