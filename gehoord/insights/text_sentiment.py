"""Sentiment of open answers, learned from the grades given with them.

No external model: a logistic regression on TF-IDF lemmas of the organisation's own answers
learns to tell answers given with a low grade (5 or less) from those given with a high one
(8 or more). Its quality is measured on a held-out quarter before the final model is fitted
on all examples; the predicted probability of "high grade" is the sentiment (0–1).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline

from .text_features import vectorizer

LOW_GRADE = 5
HIGH_GRADE = 8
MIN_PER_CLASS = 20
HELD_OUT_SHARE = 0.25
SEED = 20260601


@dataclass
class Sentiment:
    model: Pipeline | None = None
    examples: int = 0
    held_out: int = 0
    accuracy: float | None = None
    # Share of held-out low-grade and high-grade answers recognised as such. Plain accuracy
    # hides how the rare low grades fare when most answers come with a high grade.
    recall_low: float | None = None
    recall_high: float | None = None
    auc: float | None = None
    problem: str = ""

    def summary(self) -> dict:
        return {
            "trained": self.model is not None,
            "examples": self.examples,
            "held_out": self.held_out,
            "accuracy": self.accuracy,
            "recall_low": self.recall_low,
            "recall_high": self.recall_high,
            "auc": self.auc,
            "problem": self.problem,
        }


def _pipeline() -> Pipeline:
    return make_pipeline(
        vectorizer(min_df=2), LogisticRegression(max_iter=2000, C=2.0, class_weight="balanced")
    )


def examples(rows: list[dict]) -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for row in rows:
        grade = row.get("grade")
        if grade is None or LOW_GRADE < grade < HIGH_GRADE:
            continue
        texts.append(row["text"])
        labels.append(1 if grade >= HIGH_GRADE else 0)
    return texts, labels


def train(rows: list[dict]) -> Sentiment:
    texts, labels = examples(rows)
    low, high = labels.count(0), labels.count(1)
    if min(low, high) < MIN_PER_CLASS:
        return Sentiment(
            examples=len(labels),
            problem=_(
                "Too few answers with a low (5 or less) or high (8 or more) grade to learn "
                "sentiment (%(low)s low, %(high)s high; at least %(min)s of each needed)."
            )
            % {"low": low, "high": high, "min": MIN_PER_CLASS},
        )
    train_x, test_x, train_y, test_y = train_test_split(
        texts, labels, test_size=HELD_OUT_SHARE, stratify=labels, random_state=SEED
    )
    try:
        held = _pipeline().fit(train_x, train_y)
        probabilities = held.predict_proba(test_x)[:, 1]
        predicted = probabilities >= 0.5
        accuracy = float(accuracy_score(test_y, predicted))
        recall_low, recall_high = (
            float(r)
            for r in recall_score(test_y, predicted, labels=[0, 1], average=None, zero_division=0)
        )
        auc = float(roc_auc_score(test_y, probabilities)) if len(set(test_y)) == 2 else None
        model = _pipeline().fit(texts, labels)
    except ValueError as error:  # e.g. no word occurs twice
        return Sentiment(examples=len(labels), problem=str(error)[:200])
    return Sentiment(
        model=model,
        examples=len(labels),
        held_out=len(test_y),
        accuracy=round(accuracy, 3),
        recall_low=round(recall_low, 3),
        recall_high=round(recall_high, 3),
        auc=None if auc is None else round(auc, 3),
    )


def predict(sentiment: Sentiment, rows: list[dict]) -> dict[int, float]:
    """Answer id → predicted probability that the answer came with a high grade."""
    if sentiment.model is None or not rows:
        return {}
    probabilities = sentiment.model.predict_proba([row["text"] for row in rows])[:, 1]
    return {row["answer_id"]: float(p) for row, p in zip(rows, probabilities, strict=True)}
