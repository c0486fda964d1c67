"""The one place where records are tied to the active organisation.

Every organisation-owned model inherits `OrganisationOwned`; every staff view inherits
`OrganisationScopedMixin`, whose `get_queryset()` can only return the active
organisation's rows. A record of another organisation is therefore simply not found (404),
and no view filters by organisation by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest

from .querysets import OrganisationScopedQuerySet
from .roles import Capability, role_has

if TYPE_CHECKING:
    from .models import Membership, Organisation


class OrganisationRequest(HttpRequest):
    """A request as `ActiveOrganisationMiddleware` leaves it (for annotations only).

    Views behind `OrganisationScopedMixin` always have an organisation; the API sets only
    `organisation`, from the API key.
    """

    membership: Membership | None
    organisation: Organisation | None
    memberships: list[Membership]


class OrganisationOwned(models.Model):
    """Abstract base for records that belong to one organisation."""

    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="+", editable=False
    )

    # Path from this model to its organisation; models owned through a parent override it.
    organisation_path = "organisation"

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, Any]:
        # django-auditlog stores this beside each log entry; it lets the audit log
        # screen show only the active organisation's entries.
        return {"organisation_id": self.organisation_id}


def active_membership(request: HttpRequest) -> Membership | None:
    return getattr(request, "membership", None)


def require_capability(request: HttpRequest, capability: Capability) -> Membership:
    """The active membership, if it holds `capability`; otherwise 403."""
    membership = active_membership(request)
    if membership is None or not role_has(membership.role, capability):
        raise PermissionDenied
    return membership


Limiter = Callable[[models.QuerySet, "Membership"], models.QuerySet]
_limiters: list[Limiter] = []


def register_limiter(limiter: Limiter) -> None:
    """A higher app narrows what one member sees within the organisation (the catalogue
    limits a member to their teams). Registered from `AppConfig.ready()`, so this floor
    need not know teams."""
    if limiter not in _limiters:
        _limiters.append(limiter)


def limit_to_member(queryset: models.QuerySet, membership: Membership | None) -> models.QuerySet:
    """`queryset` without the records that `membership` may not see (e.g. other teams').

    `OrganisationScopedMixin.get_queryset()` applies it to every detail and edit view;
    list views that start from an app's query functions call it themselves.
    """
    if membership is None:
        return queryset
    for limiter in _limiters:
        queryset = limiter(queryset, membership)
    return queryset


class OrganisationScopedMixin:
    """View mixin: requires a capability and scopes `get_queryset()` to the organisation."""

    capability: Capability = Capability.VIEW_CATALOG
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any):
        require_capability(request, self.capability)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin

    @property
    def organisation(self) -> Organisation:
        organisation = cast("OrganisationRequest", self.request).organisation
        if organisation is None:  # never: dispatch() required a membership
            raise PermissionDenied
        return organisation

    def limited(self, queryset: models.QuerySet) -> models.QuerySet:
        """`queryset` limited to what the active member may see (their teams)."""
        return limit_to_member(queryset, active_membership(self.request))

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset().for_organisation(self.organisation)  # type: ignore[misc]
        return self.limited(queryset)

    # Views that build their queryset from an app's query functions skip the method above;
    # these two still limit what they show, so no view has to remember it.
    def get_object(self, queryset: models.QuerySet | None = None) -> Any:
        queryset = self.limited(queryset if queryset is not None else self.get_queryset())
        return super().get_object(queryset)  # type: ignore[misc]  # a mixin

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        object_list = kwargs.get("object_list", getattr(self, "object_list", None))
        if isinstance(object_list, models.QuerySet):
            kwargs["object_list"] = self.limited(object_list)
            setattr(self, "object_list", kwargs["object_list"])  # noqa: B010  (ListView's)
        return super().get_context_data(**kwargs)  # type: ignore[misc]  # a mixin


class OrganisationScopedForm(forms.ModelForm):
    """ModelForm whose choice fields only offer the organisation's own records.

    Without this, a crafted POST could link a record to another organisation's service.
    """

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        membership: Membership | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.membership = membership
        if self.instance.pk is None and hasattr(self.instance, "organisation_id"):
            self.instance.organisation = organisation
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, OrganisationOwned):
                # With the member: only their teams (and those teams' signals) are offered.
                cast(forms.ModelChoiceField, field).queryset = limit_to_member(
                    queryset.for_organisation(organisation), membership
                )

    def _get_validation_exclusions(self) -> set[str]:
        # The organisation is not a form field, but constraints such as "unique name per
        # organisation" must still be checked, or a duplicate would end in an IntegrityError.
        # (Private in Django, so not in django-stubs.)
        exclusions = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions - {"organisation"}
