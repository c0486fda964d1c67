"""The grouped hold-out of text models: no normalised text on both sides, and a baseline."""

import random

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from gehoord import holdout


def letters(i: int) -> str:
    """A word without digits (the analysers drop digits), unique per i."""
    word = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[rest] + word
    return word


def model():
    return make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))


def memorised_corpus(distinct: int = 60, copies: int = 4):
    """Texts with random labels, each repeated in spellings that normalise to one text: a
    model can only memorise them."""
    rng = random.Random(7)
    texts, labels = [], []
    for i in range(distinct):
        label = rng.randint(0, 1)
        base = f"zin{letters(i)} tekst{letters(i)}"
        for copy in range(copies):
            spelled = [base, base.upper(), f"  {base}!", base.replace(" ", ", ")][copy % 4]
            texts.append(spelled)
            labels.append(label)
    return texts, labels


def test_normalised_collapses_case_spaces_and_punctuation():
    assert holdout.normalised("  Snel   GEHOLPEN!!  ") == holdout.normalised("snel, geholpen.")
    assert holdout.normalised("[telefoonnummer] bellen") == "telefoonnummer bellen"


def test_no_normalised_text_in_both_train_and_test():
    texts, labels = memorised_corpus()
    kept, kept_labels, groups = holdout.deduplicated(texts, labels)
    assert len(kept) == 60  # one example per normalised text and label
    folds = holdout.grouped_folds(kept_labels, groups, holdout.folds_possible(kept_labels, groups))
    assert len(folds) == holdout.MAX_FOLDS
    for train, test in folds:
        learned = {holdout.normalised(kept[i]) for i in train}
        tested = {holdout.normalised(kept[i]) for i in test}
        assert learned and tested and not learned & tested
    # Duplicates that survive deduplication (one text, two labels) stay in one fold too.
    texts = ["Goed geholpen", "goed geholpen.", *texts]
    labels = [0, 1, *labels]
    kept, kept_labels, groups = holdout.deduplicated(texts, labels)
    for train, test in holdout.grouped_folds(kept_labels, groups, 3):
        assert not {groups[i] for i in train} & {groups[i] for i in test}


def test_memorised_texts_do_not_beat_the_baseline():
    texts, labels = memorised_corpus()
    # A random split of the raw texts scores what the model memorised …
    train_x, test_x, train_y, test_y = train_test_split(
        texts, labels, test_size=0.25, random_state=1, stratify=labels
    )
    memorised = model().fit(train_x, train_y).score(test_x, test_y)
    assert memorised > 0.9
    # … the grouped hold-out scores what it learned: nothing, no better than the baseline.
    quality = holdout.evaluate(model, *holdout.deduplicated(texts, labels), holdout.AUC)
    assert quality is not None and quality.examples == 60 and quality.texts == 60
    assert quality.baseline == 0.5  # a constant prediction
    assert quality.lower_bound <= 0 and not quality.beats_baseline
    macro = holdout.evaluate(model, *holdout.deduplicated(texts, labels), holdout.MACRO_F1)
    assert macro is not None and not macro.beats_baseline


def test_a_learnable_text_model_beats_the_majority_baseline():
    rng = random.Random(3)
    texts, labels = [], []
    for i in range(80):
        label = int(i % 3 == 0)  # a minority of one in three
        word = ("lang wachten traag" if label else "vriendelijk snel goed").split()
        texts.append(f"{rng.choice(word)} {rng.choice(word)} zin{letters(i)}")
        labels.append(label)
    quality = holdout.evaluate(model, *holdout.deduplicated(texts, labels), holdout.MACRO_F1)
    assert quality is not None and quality.beats_baseline
    assert quality.score > quality.baseline and quality.lower_bound > 0
    # The majority baseline's accuracy is the majority's share (about two thirds).
    assert np.isclose(quality.baseline_accuracy, 2 / 3, atol=0.05)


def test_too_few_texts_give_no_quality():
    texts, labels, groups = holdout.deduplicated(["a b", "c d", "e f"], [0, 1, 1])
    assert holdout.evaluate(model, texts, labels, groups, holdout.AUC) is None
