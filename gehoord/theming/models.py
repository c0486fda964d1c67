"""The look residents see: one of the shipped NL Design System themes or an uploaded tokens
file, plus a logo and a favicon (stored in the database, like every upload, so web machines
stay stateless)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned

from .catalogue import SHIPPED


class OrganisationTheme(OrganisationOwned):
    shipped = models.CharField(
        _("theme"),
        max_length=40,
        blank=True,
        choices=[(key, theme.label) for key, theme in SHIPPED.items()],
        help_text=_("Empty: gehoord's own look, or the tokens file you uploaded."),
    )
    # The custom properties of an uploaded tokens file (name -> value), as read.
    uploaded_tokens = models.JSONField(_("uploaded design tokens"), default=dict, blank=True)
    uploaded_name = models.CharField(_("uploaded file"), max_length=200, blank=True)
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=40, blank=True, editable=False)
    favicon = models.BinaryField(_("favicon"), null=True, blank=True, editable=False)
    favicon_type = models.CharField(max_length=40, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="theme_one_per_org")]
