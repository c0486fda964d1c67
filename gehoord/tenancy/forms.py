from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class SwitchOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only organisations the user is a member of can be chosen.
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = Organisation.objects.filter(memberships__user=user)
