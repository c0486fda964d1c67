"""Quality of a text model measured on texts it has never seen, beside a majority baseline.

Survey answers and complaints repeat themselves ("Snel geholpen.", a template letter). A
random split puts one copy in training and another in the test set, so the model is scored
on what it memorised. Here every example is grouped by its normalised text (lower case,
runs of spaces and punctuation collapsed, after the same masking as the training input), so
one normalised text is never on both sides of a split (scikit-learn's
`StratifiedGroupKFold`). Each normalised text counts once per label (deduplicated), so a
repeated template does not weigh more than any other text.

The same folds score a majority-class baseline (`DummyClassifier(strategy="most_frequent")`).
The model *beats the baseline* only when the lower bound of its per-fold advantage (mean
difference minus one standard error, rounded to three decimals) is above zero; otherwise
its output is not shown.

Used by the theme classifier (feedback) and the sentiment model (insights); a project-level
helper because it knows no app.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold

MAX_FOLDS = 5
SEED = 20261201
AUC = "auc"
MACRO_F1 = "macro_f1"
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def normalised(text: str) -> str:
    """The text as the hold-out compares it: lower case, spaces and punctuation collapsed."""
    return _SEPARATORS.sub(" ", text.lower()).strip()


def deduplicated(
    texts: Sequence[str], labels: Sequence[int]
) -> tuple[list[str], list[int], list[str]]:
    """(texts, labels, groups) with one example per normalised text and label; the group of
    an example is its normalised text."""
    seen: set[tuple[str, int]] = set()
    kept_texts, kept_labels, groups = [], [], []
    for text, label in zip(texts, labels, strict=True):
        key = (normalised(text), label)
        if key[0] and key not in seen:
            seen.add(key)
            kept_texts.append(text)
            kept_labels.append(label)
            groups.append(key[0])
    return kept_texts, kept_labels, groups


def folds_possible(labels: Sequence[int], groups: Sequence[str]) -> int:
    """How many grouped folds the examples allow: each label needs a text in every fold."""
    texts_per_label: dict[int, set[str]] = {}
    for label, group in zip(labels, groups, strict=True):
        texts_per_label.setdefault(label, set()).add(group)
    if len(texts_per_label) < 2:
        return 0
    return min(MAX_FOLDS, min(len(g) for g in texts_per_label.values()))


def grouped_folds(
    labels: Sequence[int], groups: Sequence[str], folds: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indices, test indices) per fold; a group is always on one side only."""
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
    placeholder = np.zeros(len(labels))
    return list(splitter.split(placeholder, np.asarray(labels), np.asarray(groups)))


@dataclass(frozen=True)
class Quality:
    """Grouped cross-validated quality of a model and of the majority baseline."""

    metric: str  # AUC or MACRO_F1: the score the decision is made on
    examples: int  # deduplicated examples, each tested once
    texts: int  # distinct normalised texts
    folds: int
    score: float
    baseline: float
    accuracy: float
    baseline_accuracy: float
    lower_bound: float  # mean per-fold advantage over the baseline minus one standard error
    beats_baseline: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _score(metric: str, truth: np.ndarray, model, test_x: list[str]) -> tuple[float, float]:
    """(metric, accuracy) of a fitted model on one fold."""
    predicted = model.predict(test_x)
    accuracy = float(accuracy_score(truth, predicted))
    if metric == AUC:
        return float(roc_auc_score(truth, model.predict_proba(test_x)[:, 1])), accuracy
    return float(f1_score(truth, predicted, average="macro", zero_division=0)), accuracy


def evaluate(
    make_model: Callable[[], object],
    texts: Sequence[str],
    labels: Sequence[int],
    groups: Sequence[str],
    metric: str,
) -> Quality | None:
    """Grouped cross-validation of `make_model()` against the majority baseline; None when
    the examples allow fewer than two folds. `texts`, `labels`, `groups` as `deduplicated`
    returns them. A fold whose test part holds one label only is skipped for AUC."""
    folds = folds_possible(labels, groups)
    if folds < 2:
        return None
    y = np.asarray(labels)
    model_scores, base_scores, model_acc, base_acc = [], [], [], []
    for train, test in grouped_folds(labels, groups, folds):
        if metric == AUC and len(set(y[test])) < 2:
            continue
        train_x = [texts[i] for i in train]
        test_x = [texts[i] for i in test]
        with warnings.catch_warnings():
            # A fold may miss a rare label in its predictions; that is scored, not an error.
            warnings.simplefilter("ignore", category=UserWarning)
            model = make_model().fit(train_x, y[train])  # type: ignore[attr-defined]
            baseline = DummyClassifier(strategy="most_frequent").fit(train_x, y[train])
            score, accuracy = _score(metric, y[test], model, test_x)
            base, base_accuracy = _score(metric, y[test], baseline, test_x)
        model_scores.append(score)
        base_scores.append(base)
        model_acc.append(accuracy)
        base_acc.append(base_accuracy)
    if len(model_scores) < 2:
        return None
    advantage = np.asarray(model_scores) - np.asarray(base_scores)
    # Rounded as shown: a fold-to-fold difference of floating-point noise is no advantage.
    lower = round(float(advantage.mean() - advantage.std(ddof=1) / math.sqrt(len(advantage))), 3)
    return Quality(
        metric=metric,
        examples=len(labels),
        texts=len(set(groups)),
        folds=len(model_scores),
        score=round(float(np.mean(model_scores)), 3),
        baseline=round(float(np.mean(base_scores)), 3),
        accuracy=round(float(np.mean(model_acc)), 3),
        baseline_accuracy=round(float(np.mean(base_acc)), 3),
        lower_bound=lower,
        beats_baseline=lower > 0,
    )
