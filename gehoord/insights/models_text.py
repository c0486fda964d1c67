"""The stored text analysis (see `text.py`); imported by models.py so Django registers it."""

from django.db import models

from gehoord.tenancy.scoping import OrganisationOwned


class TextAnalysis(OrganisationOwned):
    """Themes, keywords, quotes and sentiment of the open answers, for one period and
    service (none: the whole organisation). Computed nightly or on demand."""

    service = models.ForeignKey(
        "catalog.Service", null=True, on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    n = models.PositiveIntegerField(default=0)  # open answers analysed
    # {"texts", "questions": [{"code", "texts", "coded", "coded_share", "themes": [...],
    #  "hidden_themes", "rising", "keywords": [...]}], "sentiment": {...}}; quotes masked.
    result = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "service", "period_start"])]
