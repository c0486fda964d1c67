"""Sentiment of open answers, learned from the grades given with them.

No external model: a logistic regression on TF-IDF lemmas of the organisation's own answers
learns to tell answers given with a low grade (5 or less) from those given with a high one
(8 or more). Its quality is measured by grouped cross-validation (`gehoord.holdout`): one
normalised text is never both learned from and tested on, and the AUC is compared with a
majority-class baseline on the same folds. Only a model that beats the baseline is used: the
predicted probability of "high grade" is then the sentiment (0–1); otherwise no sentiment is
shown, and the page says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from gehoord import holdout

from .text_features import vectorizer

LOW_GRADE = 5
HIGH_GRADE = 8
MIN_PER_CLASS = 20  # distinct texts of each kind


@dataclass
class Sentiment:
    model: Pipeline | None = None
    examples: int = 0
    quality: holdout.Quality | None = None
    problem: str = ""

    @property
    def useful(self) -> bool:
        """Trained and better than the majority baseline on texts it did not see."""
        return self.model is not None and self.quality is not None and self.quality.beats_baseline

    def summary(self) -> dict:
        return {
            "trained": self.model is not None,
            "useful": self.useful,
            "examples": self.examples,
            "quality": self.quality.as_dict() if self.quality else None,
            "problem": self.problem,
        }


def _pipeline() -> Pipeline:
    return make_pipeline(
        vectorizer(min_df=2), LogisticRegression(max_iter=2000, C=2.0, class_weight="balanced")
    )


def examples(rows: list[dict]) -> tuple[list[str], list[int]]:
    """(masked text, 1 for a high grade / 0 for a low one); middle grades are left out."""
    texts, labels = [], []
    for row in rows:
        grade = row.get("grade")
        if grade is None or LOW_GRADE < grade < HIGH_GRADE:
            continue
        texts.append(row["text"])
        labels.append(1 if grade >= HIGH_GRADE else 0)
    return texts, labels


def train(rows: list[dict]) -> Sentiment:
    """`rows` as `text.load_texts` returns them: already masked, so groups are formed on the
    same masked text the model reads."""
    texts, labels, groups = holdout.deduplicated(*examples(rows))
    low = len({g for g, label in zip(groups, labels, strict=True) if label == 0})
    high = len({g for g, label in zip(groups, labels, strict=True) if label == 1})
    if min(low, high) < MIN_PER_CLASS:
        return Sentiment(
            examples=len(labels),
            problem=_(
                "Too few different answers with a low (5 or less) or high (8 or more) grade "
                "to learn sentiment (%(low)s low, %(high)s high; at least %(min)s of each "
                "needed)."
            )
            % {"low": low, "high": high, "min": MIN_PER_CLASS},
        )
    try:
        quality = holdout.evaluate(_pipeline, texts, labels, groups, holdout.AUC)
        model = _pipeline().fit(texts, labels)
    except ValueError as error:  # e.g. no word occurs twice
        return Sentiment(examples=len(labels), problem=str(error)[:200])
    if quality is None:
        return Sentiment(
            examples=len(labels),
            problem=_("The model could not be tested on answers it had not learned from."),
        )
    return Sentiment(model=model, examples=len(labels), quality=quality)


def predict(sentiment: Sentiment, rows: list[dict]) -> dict[int, float]:
    """Answer id → predicted probability that the answer came with a high grade; nothing
    from a model that does not beat the baseline."""
    if not sentiment.useful or not rows:
        return {}
    assert sentiment.model is not None
    probabilities = sentiment.model.predict_proba([row["text"] for row in rows])[:, 1]
    return {row["answer_id"]: float(p) for row, p in zip(rows, probabilities, strict=True)}
