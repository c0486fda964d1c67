"""The theme classifier: masked training input, quality on unseen texts beside a majority
baseline, no suggestions from a model that does not beat it, erasure and retention."""

import random
from datetime import date

import joblib
import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from gehoord import holdout
from gehoord.contacts import service as contacts_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.demo.build import seed, spec_for
from gehoord.feedback import classifier, service
from gehoord.feedback.models import Coding, Theme, ThemeClassifier
from gehoord.feedback.tests.factories import make_signal
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

WAIT = ["wachten", "weken", "lang", "traag", "besluit", "termijn", "nog", "steeds"]
RUDE = ["onvriendelijk", "onbeschoft", "respectloos", "boos", "toon", "snauwen"]
PRIVATE = (
    "Bel Pieter Dekker op 06-12345678 of mail pieter.dekker@voorbeeldpost.nl, "
    "BSN 111222333: ik wacht al weken op een besluit."
)


def word(i: int) -> str:
    """A word of letters only (digits are no tokens), different for every i."""
    return "".join("bdfgklmnprstvz"[int(d)] for d in str(i)) + "o"


def coded(organisation, pairs, received_on=date(2026, 10, 1)):
    themes = {t.code: t for t in Theme.objects.filter(organisation=organisation)}
    signals = []
    for text, code in pairs:
        signal = make_signal(organisation, text=text, received_on=received_on)
        Coding.objects.create(organisation=organisation, signal=signal, theme=themes[code])
        signals.append(signal)
    return signals


def learnable(count=24, seed_=1):
    rng = random.Random(seed_)
    return [
        (f"{' '.join(rng.sample(pool, 3))} {word(i)}", code)
        for i in range(count)
        for pool, code in [(WAIT, "wachttijd"), (RUDE, "bejegening")][i % 2 : i % 2 + 1]
    ]


def vocabulary(stored: ThemeClassifier) -> set[str]:
    import io

    model = joblib.load(io.BytesIO(bytes(stored.model)))
    return set(model.steps[0][1].vocabulary_)


@pytest.fixture
def themed(org_a):
    service.ensure_themes(org_a)
    return org_a


def test_demo_quality_on_unseen_texts_beside_the_baseline(capsys):
    organisation = seed(spec_for("voorbeeld"), volume=0.02).organisation
    examples = classifier.training_examples(organisation)
    stored = classifier.train(organisation)
    with capsys.disabled():
        print(
            f"\ntheme classifier on demo data: {len(examples)} codes, {stored.texts} different "
            f"texts, {stored.folds} grouped folds: macro F1 {stored.macro_f1:.2f} "
            f"(baseline {stored.baseline_macro_f1:.2f}), accuracy {stored.accuracy:.2f} "
            f"(baseline {stored.baseline_accuracy:.2f})"
        )
    # The demo repeats its texts: each normalised text counts once.
    assert stored.texts == stored.examples < len(examples)
    assert stored.beats_baseline and stored.macro_f1 > stored.baseline_macro_f1
    before = Coding.objects.count()
    suggestions = classifier.suggest(organisation, "Ik wacht al tien weken op een besluit.")
    assert suggestions and suggestions[0][0].code == "wachttijd"
    assert Coding.objects.count() == before  # a suggestion, never a code


def test_training_input_is_masked(themed):
    make_contact(themed, name="Pieter Dekker", email="pieter.dekker@voorbeeldpost.nl")
    coded(themed, [*learnable(), (PRIVATE, "wachttijd")])
    examples = classifier.training_examples(themed)
    assert any("[telefoonnummer]" in e.text and "[BSN]" in e.text for e in examples)
    stored = classifier.train(themed)
    terms = vocabulary(stored)
    assert "besluit" in terms
    for raw in ("pieter", "dekker", "voorbeeldpost", "12345678", "111222333"):
        assert not any(raw in term for term in terms), raw
        assert raw.encode() not in bytes(stored.model)


def test_a_model_that_does_not_beat_the_baseline_makes_no_suggestions(client, make_member, themed):
    # Every text its own words and a random theme: nothing carries over to a new text.
    rng = random.Random(2)
    pairs = [
        (f"{word(i)} {word(i + 500)}", rng.choice(["wachttijd", "bejegening"])) for i in range(40)
    ]
    coded(themed, pairs)
    make_signal(themed, text=pairs[0][0])  # an uncoded text to code
    stored = classifier.train(themed)
    assert not stored.beats_baseline and stored.lower_bound <= 0
    assert classifier.suggest(themed, pairs[0][0]) == []
    client.force_login(make_member(Role.ANALYST, themed))
    page = client.get(reverse("feedback:coding")).content.decode()
    assert 'id="no-suggestions"' in page and "Geen suggesties" in page
    assert "Voorgesteld" not in page
    themes_page = client.get(reverse("feedback:themes")).content.decode()
    assert 'id="no-suggestions"' in themes_page


def test_a_model_that_beats_the_baseline_suggests_on_the_coding_screen(client, make_member, themed):
    coded(themed, learnable(40))
    make_signal(themed, text="Ik moet al weken wachten op een besluit")
    stored = classifier.train(themed)
    assert stored.beats_baseline and stored.baseline_macro_f1 < stored.macro_f1
    client.force_login(make_member(Role.ANALYST, themed))
    page = client.get(reverse("feedback:coding")).content.decode()
    assert "Voorgesteld" in page and "Wachttijd (" in page and "no-suggestions" not in page


def test_erasure_discards_the_model_and_retrains_on_redacted_texts(
    themed, admin_a, django_capture_on_commit_callbacks
):
    contact = make_contact(themed, name="Pieter Dekker", email="pieter.dekker@voorbeeldpost.nl")
    unrelated = make_contact(themed, name="Anna de Jong", email="anna@example.org")
    coded(themed, [*learnable(), ("Pieter Dekker wacht al weken, lang en traag", "wachttijd")])
    classifier.train(themed)
    # A contact no coded text is about leaves the model alone.
    assert "classifier_models" not in contacts_service.erase(unrelated, admin_a).removed
    assert ThemeClassifier.objects.filter(organisation=themed).exists()

    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            erasure = contacts_service.erase(contact, admin_a)
            assert not ThemeClassifier.objects.filter(organisation=themed).exists()
    finally:
        HUEY.immediate = False
    assert erasure.removed["classifier_models"] == 1 and callbacks
    retrained = ThemeClassifier.objects.get(organisation=themed)  # the queued retrain ran
    assert not {"pieter", "dekker"} & vocabulary(retrained)


def test_retention_forgets_old_training_texts(themed, django_capture_on_commit_callbacks):
    coded(themed, learnable(24, seed_=3), received_on=date(2024, 5, 1))
    coded(themed, learnable(24, seed_=4), received_on=date(2026, 6, 1))
    assert classifier.train(themed).oldest_example == date(2024, 5, 1)
    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert service.forget_classifier_training_before(themed, date(2026, 1, 1)) == 1
    finally:
        HUEY.immediate = False
    retrained = ThemeClassifier.objects.get(organisation=themed)
    assert retrained.oldest_example == date(2026, 6, 1)
    assert {e.on for e in classifier.training_examples(themed)} == {date(2026, 6, 1)}
    # Nothing older is left in the model: a second call discards nothing, an earlier
    # cutoff does not bring the old texts back.
    assert service.forget_classifier_training_before(themed, date(2026, 1, 1)) == 0
    assert service.forget_classifier_training_before(themed, date(2023, 1, 1)) == 0
    assert {e.on for e in classifier.training_examples(themed)} == {date(2026, 6, 1)}


def test_too_few_examples(org_a):
    with pytest.raises(classifier.NotEnoughExamples):
        classifier.train(org_a)
    assert classifier.suggest(org_a, "wachten") == []


def test_repeated_texts_count_once(themed):
    coded(themed, [("Lang gewacht!", "wachttijd"), ("lang  gewacht", "wachttijd")] * 15)
    with pytest.raises(classifier.NotEnoughExamples):
        classifier.train(themed)
    texts, labels, groups, _oldest = classifier.usable(classifier.training_examples(themed))
    assert texts == [] and holdout.normalised("Lang gewacht!") == "lang gewacht"


def test_lemmas_are_dutch():
    assert classifier.lemmas("Ik wachtte weken") == ["ik", "wachten", "week"]


def test_retention_dry_run_counts_the_model_and_changes_nothing(themed):
    coded(themed, learnable(24, seed_=3), received_on=date(2024, 5, 1))
    coded(themed, learnable(24, seed_=4), received_on=date(2026, 6, 1))
    trained = classifier.train(themed)
    examples = classifier.training_examples(themed)
    assert service.forget_classifier_training_before(themed, date(2026, 1, 1), dry_run=True) == 1
    assert ThemeClassifier.objects.get(organisation=themed).pk == trained.pk
    assert classifier.training_examples(themed) == examples
