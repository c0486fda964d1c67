"""Inhabitant bands used to pick peers for benchmarks (DESIGN.md §2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    UNDER_20K = "lt20k", _("fewer than 20,000 inhabitants")
    FROM_20K_TO_50K = "20k-50k", _("20,000 to 50,000 inhabitants")
    FROM_50K_TO_100K = "50k-100k", _("50,000 to 100,000 inhabitants")
    FROM_100K_TO_250K = "100k-250k", _("100,000 to 250,000 inhabitants")
    OVER_250K = "gt250k", _("more than 250,000 inhabitants")


_UPPER_BOUNDS = [
    (20_000, SizeClass.UNDER_20K),
    (50_000, SizeClass.FROM_20K_TO_50K),
    (100_000, SizeClass.FROM_50K_TO_100K),
    (250_000, SizeClass.FROM_100K_TO_250K),
]


def size_class_for(inhabitants: int) -> SizeClass:
    """The band an organisation of `inhabitants` falls in; bounds belong to the upper band."""
    for bound, size_class in _UPPER_BOUNDS:
        if inhabitants < bound:
            return size_class
    return SizeClass.OVER_250K
