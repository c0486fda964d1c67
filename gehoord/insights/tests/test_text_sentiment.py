"""Sentiment quality on texts the model did not learn from, beside a majority baseline."""

import random

from django.utils import translation
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from gehoord import holdout
from gehoord.insights import text_sentiment

LOW = ["lang", "wachten", "onvriendelijk", "traag", "slecht", "boos", "onduidelijk", "kwijt"]
HIGH = ["snel", "vriendelijk", "duidelijk", "goed", "fijn", "geholpen", "netjes", "prettig"]


def rows_of(pairs):
    return [
        {"answer_id": i, "text": t, "grade": g, "question_code": "core_improve"}
        for i, (t, g) in enumerate(pairs)
    ]


def learnable(count=120):
    rng = random.Random(11)
    pairs = []
    for i in range(count):
        low = i % 4 == 0  # low grades are rarer, as in surveys
        pool = LOW if low else HIGH
        pairs.append((" ".join(rng.sample(pool, 3)), 3 if low else 9))
    return pairs


def test_sentiment_is_measured_on_unseen_texts_and_beats_the_baseline():
    pairs = learnable()
    sentiment = text_sentiment.train(rows_of(pairs))
    quality = sentiment.quality
    assert sentiment.useful and quality is not None
    assert quality.metric == holdout.AUC and quality.folds == holdout.MAX_FOLDS
    # Texts that repeat count once: the examples are the distinct (text, grade kind) pairs.
    distinct = {(holdout.normalised(t), g >= 8) for t, g in pairs}
    assert quality.examples == len(distinct) < len(pairs)
    assert quality.baseline == 0.5 and quality.score > 0.8 and quality.lower_bound > 0
    summary = sentiment.summary()
    assert summary["useful"] and summary["quality"]["baseline"] == 0.5
    scores = text_sentiment.predict(sentiment, rows_of([("snel en vriendelijk", 9)]))
    assert scores[0] > 0.5


def test_memorised_sentiment_is_not_used():
    """Each text repeated with its grade: a random split would score it near perfect."""
    rng = random.Random(5)
    pairs = []
    for _i in range(80):
        word = "".join(rng.choice("bdfgklmnprstvwz") + rng.choice("aeiou") for _ in range(4))
        grade = rng.choice((3, 9))
        place = rng.choice(("balie", "loket", "brief", "website"))
        text = f"{word} bij de {place}"
        pairs += [(text, grade), (text.upper(), grade), (f"{text}!", grade)]
    # The old way, a random split of the raw answers, scores what the model memorised.
    texts, labels = text_sentiment.examples(rows_of(pairs))
    train_x, test_x, train_y, test_y = train_test_split(
        texts, labels, test_size=0.25, stratify=labels, random_state=1
    )
    fitted = text_sentiment._pipeline().fit(train_x, train_y)
    assert roc_auc_score(test_y, fitted.predict_proba(test_x)[:, 1]) > 0.8
    sentiment = text_sentiment.train(rows_of(pairs))
    assert sentiment.model is not None and sentiment.quality is not None
    assert not sentiment.quality.beats_baseline and not sentiment.useful
    assert text_sentiment.predict(sentiment, rows_of(pairs)) == {}
    assert sentiment.summary()["trained"] and not sentiment.summary()["useful"]


def test_too_few_distinct_texts():
    # Forty answers but only two distinct texts: nothing to learn from.
    with translation.override("en"):
        sentiment = text_sentiment.train(rows_of([("Slecht!", 2), ("goed", 9)] * 20))
    assert sentiment.model is None and "1 low, 1 high" in sentiment.problem
