"""Demo step: two years (23 complete months) of driving-licence requests and the expiry
register that drives them, with a planted peak, then the forecasts the screen reads.

The register (counts per month, no identities) runs from two years back to a year ahead.
Its months follow a season (more licences expire in spring and early summer) with some
variation from year to year, and next March has twice the usual number: the licences of a
rush ten years ago. Requests follow the register (about half of the expiring licences are
renewed in the month they expire, plus a steady base), so the forecast that uses the
register beats "same month last year" and names next March as the peak.

The requests are "started" events of the service, spread over working days, of residents
already in the contact register; they are stored directly (bulk), so they trigger no
invitations. The register goes in through the CSV import, as an organisation would.
"""

from datetime import date, timedelta

from gehoord.catalog import query as catalog_query
from gehoord.contacts.models import Contact
from gehoord.insights import service as insights_service
from gehoord.outreach.models import EventKind, EventSource, ServiceEvent

SERVICE_CODE = "rijbewijs"
DOCUMENT = "rijbewijs"
# Two years back, less a month: events older than the default retention (730 days) go.
HISTORY_MONTHS = 23
AHEAD_MONTHS = 12
# Licences expiring per month at the demo's volume, by calendar month (January first).
BASE_EXPIRY = 220
SEASON = [0.8, 0.85, 1.0, 1.15, 1.25, 1.2, 1.0, 0.9, 0.95, 1.0, 0.95, 0.9]
PEAK_MONTH = 3  # next March: twice the usual number expire
PEAK_FACTOR = 2.0
RENEWED_SHARE = 0.5
BASE_REQUESTS = 25


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def peak_month(today: date) -> date:
    """The planted peak: the first March from this month on, so it is always inside the
    forecast's horizon (which starts at this month), whatever day the demo is built."""
    peak = today.replace(day=1)
    while peak.month != PEAK_MONTH:
        peak = _add_months(peak, 1)
    return peak


def register(first: date, today: date, rng) -> dict[date, int]:
    """Expiring licences per month from `first` to a year after this month."""
    peak = peak_month(today)
    months = {}
    for i in range(HISTORY_MONTHS + AHEAD_MONTHS + 1):
        month = _add_months(first, i)
        count = BASE_EXPIRY * SEASON[month.month - 1] * rng.uniform(0.8, 1.2)
        months[month] = round(count * (PEAK_FACTOR if month == peak else 1))
    return months


def seed_forecast(ctx) -> None:
    organisation = ctx.organisation
    licence = catalog_query.active_services(organisation).filter(code=SERVICE_CODE).first()
    if licence is None:
        return
    events = ServiceEvent.objects.filter(organisation=organisation, service=licence)
    if events.filter(kind=EventKind.STARTED).exists():
        return
    rng = ctx.rng
    first = _add_months(ctx.today.replace(day=1), -HISTORY_MONTHS)
    expiry = register(first, ctx.today, rng)
    contacts = list(
        Contact.objects.filter(organisation=organisation).values_list("pk", flat=True)[:500]
    )
    if not contacts:
        return
    new = []
    for i in range(HISTORY_MONTHS):
        month = _add_months(first, i)
        days = [
            month + timedelta(d)
            for d in range(31)
            if (month + timedelta(d)).month == month.month and (month + timedelta(d)).weekday() < 5
        ]
        requests = max(0, round(RENEWED_SHARE * expiry[month] + BASE_REQUESTS + rng.gauss(0, 6)))
        new += [
            ServiceEvent(
                organisation=organisation,
                contact_id=rng.choice(contacts),
                service=licence,
                kind=EventKind.STARTED,
                occurred_on=rng.choice(days),
                source=EventSource.CSV,
            )
            for _ in range(requests)
        ]
    ServiceEvent.objects.bulk_create(new, batch_size=1000)
    rows = "\n".join(f"{SERVICE_CODE};{DOCUMENT};{m:%Y-%m};{n}" for m, n in expiry.items())
    insights_service.import_expiry_counts(
        organisation, f"dienst;document;maand;aantal\n{rows}\n".encode()
    )
    insights_service.compute_forecast(organisation, licence, ctx.today)
