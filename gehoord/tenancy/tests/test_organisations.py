"""tenancy/organisations.py: a new organisation, validated before it is saved."""

import pytest
from django.core.exceptions import ValidationError

from gehoord.tenancy import service
from gehoord.tenancy.models import Organisation, OrganisationKind
from gehoord.tenancy.size_class import SizeClass

pytestmark = pytest.mark.django_db


def test_create_organisation_with_defaults():
    organisation = service.create_organisation("Gemeente Zuiderstad", "gemeente", 64_000)
    assert organisation.slug == "gemeente-zuiderstad"
    assert organisation.kind == OrganisationKind.MUNICIPALITY
    assert organisation.size_class == SizeClass.FROM_50K_TO_100K
    assert organisation.minimum_n == 10 and organisation.languages == ["nl", "en"]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Gemeente", OrganisationKind.MUNICIPALITY),
        ("uitvoeringsorganisatie", OrganisationKind.AGENCY),
        ("service_bureau", OrganisationKind.SERVICE_BUREAU),
    ],
)
def test_kind_in_dutch_or_as_stored(word, kind):
    assert service.kind_for(word) == kind


def test_unknown_kind_names_the_choices():
    with pytest.raises(ValidationError, match="Onbekende soort “provincie”; kies uit: .*gemeente"):
        service.kind_for("provincie")


def test_duplicate_name_is_refused_whatever_the_case(org_a):
    with pytest.raises(ValidationError, match="Er is al een organisatie"):
        service.create_organisation(org_a.name.upper(), "gemeente", 1000)
    assert Organisation.objects.count() == 1


def test_slug_made_free_and_negative_inhabitants_refused(org_a):
    twin = service.create_organisation("Alfa", "gemeente", 1000, slug="")
    assert twin.slug == "alfa-2"  # org_a holds "alfa"
    with pytest.raises(ValidationError) as error:
        service.create_organisation("Gemeente Min", "gemeente", -5)
    assert "inhabitants" in error.value.message_dict
    assert not Organisation.objects.filter(name="Gemeente Min").exists()
