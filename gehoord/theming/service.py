"""Use cases: save an organisation's theme."""

from django.db import transaction

from gehoord.tenancy.models import Organisation

from .forms import ThemeForm
from .models import OrganisationTheme


@transaction.atomic
def save_theme(organisation: Organisation, form: ThemeForm) -> OrganisationTheme:
    """Store what the (valid) form chose; one theme per organisation."""
    theme, _created = OrganisationTheme.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    data = form.cleaned_data
    if form.uploaded is not None:
        theme.shipped, theme.uploaded_tokens = "", form.uploaded
        theme.uploaded_name = data["tokens_file"].name[:200]
    else:
        theme.shipped = data.get("shipped", "")
        if theme.shipped:
            theme.uploaded_tokens, theme.uploaded_name = {}, ""
    for name in ("logo", "favicon"):
        image = data.get(name)
        if image:
            image.seek(0)
            setattr(theme, name, image.read())
            setattr(theme, f"{name}_type", image.content_type or "image/png")
    if data.get("remove_logo") and not data.get("logo"):
        theme.logo, theme.logo_type = None, ""
    theme.save()
    return theme


def choose_shipped_theme(organisation: Organisation, key: str) -> OrganisationTheme:
    """Give the organisation one of the shipped themes (the demo uses this)."""
    theme, _created = OrganisationTheme.objects.update_or_create(
        organisation=organisation, defaults={"shipped": key, "uploaded_tokens": {}}
    )
    return theme
