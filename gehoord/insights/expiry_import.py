"""CSV import of an expiry register: per service, document type and month, how many
documents expire. Counts only: the file has no names, numbers or dates of birth.

Columns (Dutch or English header): dienst/service (the service code), document (the document
type, e.g. rijbewijs), maand/month (2027-03, 03-2027 or a date in that month) and
aantal/count (a whole number). Reading follows the event import's rules
(`outreach.service.read_csv`: encoding, delimiter, cell checks).

Unlike the event import, a bad row does not stop the file: every row is checked, the good
rows are stored (in one transaction: all of them or, should the database fail, none) and
the report names each bad row with its problem. A month already in the register gets the
new count, so a corrected file can simply be uploaded again.
"""

import re
from datetime import date
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.outreach import service as outreach_service
from gehoord.tenancy.models import Organisation

from .models_forecast import ExpiryCount

MAX_BYTES = 1024 * 1024
MAX_COUNT = 10_000_000
ALIASES = {
    "service": ("service", "dienst", "dienstcode"),
    "document": ("document", "documentsoort", "soort"),
    "month": ("month", "maand"),
    "count": ("count", "aantal"),
}
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/](\d{4})$")


def _column(row: dict[str, str], name: str) -> str | None:
    for alias in ALIASES[name]:
        if alias in row:
            return row[alias]
    return None


def parse_month(value: str) -> date:
    """The first day of the month in 2027-03, 03-2027, 3/2027 or a date in that month."""
    for pattern, year_group in ((_YEAR_MONTH, 1), (_MONTH_YEAR, 2)):
        match = pattern.match(value)
        if match:
            year = int(match.group(year_group))
            month = int(match.group(3 - year_group))
            if 1 <= month <= 12 and 1900 <= year <= 2200:
                return date(year, month, 1)
    try:
        return outreach_service.parse_csv_date(value).replace(day=1)
    except ValueError:
        pass
    raise ValueError(_("“%(value)s” is not a month (use 2027-03 or 03-2027).") % {"value": value})


class RowChecker:
    def __init__(self, organisation: Organisation) -> None:
        self.services = {s.code: s for s in catalog_query.active_services(organisation) if s.code}
        self.seen: dict[tuple, int] = {}

    def check(self, number: int, row: dict[str, str]) -> dict:
        values = {name: _column(row, name) for name in ALIASES}
        missing = [ALIASES[name][1] for name, value in values.items() if value is None]
        if missing:
            raise ValueError(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        problems = []
        service = self.services.get(values["service"] or "")
        if service is None:
            problems.append(_("unknown service code “%(code)s”") % {"code": values["service"]})
        document = (values["document"] or "").lower()
        if not document:
            problems.append(_("the document type is empty"))
        elif len(document) > 100:
            problems.append(_("the document type is longer than 100 characters"))
        month = None
        try:
            month = parse_month(values["month"] or "")
        except ValueError as error:
            problems.append(str(error))
        count_text = (values["count"] or "").strip()
        if not count_text.isdigit() or int(count_text) > MAX_COUNT:
            problems.append(
                _("the number “%(value)s” is not a whole number like 250") % {"value": count_text}
            )
        if not problems:
            key = (service.pk, document, month)
            if key in self.seen:
                problems.append(
                    _("this month and document are already in row %(row)d")
                    % {"row": self.seen[key]}
                )
            else:
                self.seen[key] = number
        if problems:
            raise ValueError("; ".join(problems))
        return {"service": service, "document": document, "month": month, "count": int(count_text)}


def _require_columns(row: dict[str, str]) -> None:
    missing = [names[1] for names in ALIASES.values() if not any(a in row for a in names)]
    if missing:
        raise outreach_service.CsvUnreadable(
            _("Missing columns: %(columns)s. Required: dienst, document, maand, aantal.")
            % {"columns": ", ".join(missing)}
        )


def import_expiry_counts(organisation: Organisation, upload: bytes | IO[bytes]):
    """Store every good row, report every bad one (an ImportReport: rows, imported,
    errors). ValueError (outreach's CsvUnreadable) with a message when the file as a whole
    cannot be read."""
    outreach_service.check_csv_size(
        upload, MAX_BYTES, _("The file is larger than 1 MB; split it into smaller files.")
    )
    report = outreach_service.new_import_report()
    checker = RowChecker(organisation)
    good = []
    for number, row in outreach_service.read_csv(upload, (), report):
        if number == 2:
            _require_columns(row)
        try:
            good.append(checker.check(number, row))
        except ValueError as error:
            report.add_error(number, str(error))
    with transaction.atomic():
        for args in good:
            ExpiryCount.objects.update_or_create(
                organisation=organisation,
                service=args["service"],
                document=args["document"],
                month=args["month"],
                defaults={"count": args["count"]},
            )
    report.imported = len(good)
    return report
