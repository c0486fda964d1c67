"""The queryset of every organisation-owned model (re-exported by `scoping`).

Its own module, so tenancy's models can use it without `scoping`, which reads them.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.db import models

_Owned = TypeVar("_Owned", bound=models.Model)


class OrganisationScopedQuerySet(models.QuerySet[_Owned]):
    def for_organisation(self, organisation: models.Model) -> Self:
        # Typed as any model: naming Organisation would import the models that import this.
        model: Any = self.model
        return self.filter(**{model.organisation_path: organisation})
