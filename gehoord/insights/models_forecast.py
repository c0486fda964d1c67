"""Expiry registers and stored demand forecasts (see `forecast.py`); imported by models.py
so Django registers them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class ExpiryCount(OrganisationOwned):
    """How many documents of one type expire in one month: counts only, no identities.
    A leading indicator of the demand for the service that renews them."""

    service = models.ForeignKey(
        "catalog.Service", on_delete=models.CASCADE, related_name="+", verbose_name=_("service")
    )
    document = models.CharField(_("document type"), max_length=100)
    month = models.DateField(_("month"))  # always the first day of the month
    count = models.PositiveIntegerField(_("number expiring"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "document", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service", "document", "month"],
                name="expiry_count_unique_month",
            )
        ]
        verbose_name = _("expiry count")
        verbose_name_plural = _("expiry counts")

    def __str__(self) -> str:
        return f"{self.document} {self.month:%Y-%m}: {self.count}"


class Granularity(models.TextChoices):
    MONTH = "month", _("per month")
    WEEK = "week", _("per week")


class DemandForecast(OrganisationOwned):
    """The forecast of one service's demand per month or week, with its backtest.
    Computed nightly or on demand; the screen only reads it."""

    service = models.ForeignKey("catalog.Service", on_delete=models.CASCADE, related_name="+")
    granularity = models.CharField(max_length=10, choices=Granularity.choices)
    # {"history": [{"period", "value"}], "forecast": [{"period", "mean", "low80", "high80",
    #  "low95", "high95", "expiry"}], "scores": [...], "chosen": code, "naive": {...},
    #  "problem": str}
    result = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service", "granularity"], name="forecast_unique_series"
            )
        ]
