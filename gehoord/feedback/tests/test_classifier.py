"""The theme classifier, trained and evaluated on the demo data; the figure is printed."""

import pytest

from gehoord.demo.build import seed, spec_for
from gehoord.feedback import classifier
from gehoord.feedback.models import Coding, ThemeClassifier

pytestmark = pytest.mark.django_db


def test_trained_on_demo_data_with_held_out_quality(capsys):
    organisation = seed(spec_for("voorbeeld"), volume=0.02).organisation
    texts, labels = classifier.training_examples(organisation)
    assert len(texts) >= 60
    stored = classifier.train(organisation)
    with capsys.disabled():
        print(
            f"\ntheme classifier on demo data ({organisation.name}): {stored.examples} "
            f"coded texts, {stored.held_out} held out: macro F1 {stored.macro_f1:.2f}, "
            f"accuracy {stored.accuracy:.2f}"
        )
    assert stored.macro_f1 > 0.6 and stored.accuracy > 0.7
    assert ThemeClassifier.objects.filter(organisation=organisation).count() == 1
    # A suggestion, never a code: nothing is stored by suggesting.
    before = Coding.objects.count()
    suggestions = classifier.suggest(organisation, "Ik wacht al tien weken op een besluit.")
    assert suggestions and suggestions[0][0].code == "wachttijd"
    rude = classifier.suggest(organisation, "Ik werd onvriendelijk en respectloos behandeld.")
    assert "bejegening" in [theme.code for theme, _ in rude[:2]]
    assert Coding.objects.count() == before


def test_too_few_examples(org_a):
    with pytest.raises(classifier.NotEnoughExamples):
        classifier.train(org_a)
    assert classifier.suggest(org_a, "wachten") == []


def test_lemmas_are_dutch():
    assert classifier.lemmas("Ik wachtte weken") == ["ik", "wachten", "week"]
