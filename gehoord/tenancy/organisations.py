"""Setting up a new organisation, and the settings its administrator changes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Organisation, OrganisationKind

# The words a platform operator types for a kind, in Dutch or as stored.
KIND_WORDS = {
    "gemeente": OrganisationKind.MUNICIPALITY,
    "uitvoeringsorganisatie": OrganisationKind.AGENCY,
    "agentschap": OrganisationKind.AGENCY,
    "servicebureau": OrganisationKind.SERVICE_BUREAU,
    "serviceorganisatie": OrganisationKind.SERVICE_BUREAU,
    **{kind.value: kind for kind in OrganisationKind},
}


def kind_for(word: str) -> OrganisationKind:
    try:
        return KIND_WORDS[word.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(KIND_WORDS))
        raise ValidationError(
            _("Unknown kind “%(kind)s”; choose one of: %(known)s.") % {"kind": word, "known": known}
        ) from None


def free_slug(name: str) -> str:
    base = slugify(name)[:50] or "organisatie"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_organisation(
    name: str, kind: str, inhabitants: int, *, slug: str = "", languages: list[str] | None = None
) -> Organisation:
    """A new tenant with the default settings; every field is validated before saving."""
    name = name.strip()
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("There is already an organisation called “%(name)s”.") % {"name": name}}
        )
    organisation = Organisation(
        name=name,
        slug=slug or free_slug(name),
        kind=kind_for(kind),
        inhabitants=inhabitants,
        languages=languages if languages is not None else ["nl", "en"],
    )
    organisation.full_clean(exclude=["size_class"])
    organisation.save()
    return organisation
