"""CSV import of service events: every row checked first, then all imported or none.

The file is read twice as a stream (check, then import), so memory stays bounded however
many rows it has. Encoding: UTF-8 (with or without BOM), else Windows-1252, the usual
export of Dutch office software. Delimiter: detected by csv.Sniffer among , ; tab |.
"""

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.tenancy.models import Organisation

from . import events
from .models import EventImport, EventKind, EventSource, ImportStatus

REQUIRED_COLUMNS = ("service", "kind", "date")
CONTACT_COLUMNS = (
    "name",
    "email",
    "mobile",
    "street",
    "postal_code",
    "city",
    "preferred_language",
    "birth_year",
    "district",
    "external_ref",
)
OPTIONAL_COLUMNS = ("provider", "team", "external_id", *CONTACT_COLUMNS)
KINDS = {
    "started": EventKind.STARTED,
    "gestart": EventKind.STARTED,
    "completed": EventKind.COMPLETED,
    "afgerond": EventKind.COMPLETED,
}
MAX_ERRORS_REPORTED = 1000


class UnreadableFile(ValueError):
    """The file as a whole cannot be read as CSV (encoding, no header, binary data)."""


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_REPORTED:
            self.errors.append((row, message))


def decode(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise UnreadableFile(_("This is not a text file (it contains binary data)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The file is not in UTF-8 or Windows-1252; save it as UTF-8 CSV."))


def open_rows(text: str, required: tuple[str, ...] = REQUIRED_COLUMNS) -> Iterator[dict[str, str]]:
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error as error:
        raise UnreadableFile(
            _("No columns found: use a comma or semicolon between columns.")
        ) from error
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise UnreadableFile(
            _("Missing columns: %(columns)s. Required: %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(required)}
        )
    reader.fieldnames = header
    for row in reader:
        yield {k: (v or "").strip() for k, v in row.items() if k}


def parse_date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date (use 2026-03-31 or 31-03-2026).") % {"value": value}
    )


class RowChecker:
    """Checks one row and turns it into arguments for events.record_event."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.services = {s.code: s for s in catalog_query.active_services(organisation) if s.code}
        self.providers = {p.name: p for p in catalog_query.active_providers(organisation)}
        self.teams = {t.name: t for t in catalog_query.active_teams(organisation)}
        # Digests, not rows: 12 bytes per row keeps duplicate detection small for big files.
        self.seen: set[bytes] = set()

    def check(self, row: dict[str, str]) -> dict:
        problems = []
        service_obj = self.services.get(row.get("service", ""))
        if service_obj is None:
            problems.append(_("unknown service code “%(code)s”") % {"code": row.get("service")})
        kind = KINDS.get(row.get("kind", "").lower())
        if kind is None:
            problems.append(_("kind must be started or completed"))
        try:
            occurred_on = parse_date(row.get("date", ""))
        except ValueError as error:
            problems.append(str(error))
            occurred_on = None
        provider = self._lookup(self.providers, row.get("provider"), _("provider"), problems)
        team = self._lookup(self.teams, row.get("team"), _("team"), problems)
        contact = {c: row[c] for c in CONTACT_COLUMNS if row.get(c)}
        if contact.get("email"):
            try:
                validate_email(contact["email"])
            except ValidationError:
                problems.append(
                    _("“%(value)s” is not an e-mail address") % {"value": contact["email"]}
                )
        if contact.get("birth_year"):
            year = contact["birth_year"]
            if not year.isdigit() or not 1900 <= int(year) <= 2100:
                problems.append(_("year of birth must be a year like 1958"))
            else:
                contact["birth_year"] = int(contact["birth_year"])
        if not any(contact.get(c) for c in ("email", "mobile", "street")):
            problems.append(_("an e-mail address, mobile number or address is needed"))
        if problems:
            raise ValueError("; ".join(problems))
        return {
            "contact": contact,
            "service": service_obj,
            "kind": kind,
            "occurred_on": occurred_on,
            "provider": provider,
            "team": team,
            "external_id": row.get("external_id", ""),
        }

    def is_duplicate(self, args: dict) -> bool:
        key = repr(
            (
                args["external_id"] or None,
                args["service"].pk,
                args["kind"],
                args["occurred_on"],
                sorted(args["contact"].items()),
            )
        )
        key = hashlib.blake2b(key.encode(), digest_size=12).digest()
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    @staticmethod
    def _lookup(table: dict, name: str | None, what: str, problems: list) -> object | None:
        if not name:
            return None
        if name not in table:
            problems.append(_("unknown %(what)s “%(name)s”") % {"what": what, "name": name})
        return table.get(name)


def import_events(
    organisation: Organisation, raw: bytes, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Check every row; import all rows only when none has an error."""
    text = decode(raw)
    report = ImportReport()
    checker = RowChecker(organisation)
    for number, row in enumerate(open_rows(text), start=2):  # row 1 is the header
        report.rows += 1
        try:
            args = checker.check(row)
        except ValueError as error:
            report.add_error(number, str(error))
            continue
        if checker.is_duplicate(args):
            report.duplicates += 1
    if report.error_count or not report.rows:
        return report
    total, checker.seen = report.rows, set()
    with transaction.atomic():
        for done, row in enumerate(open_rows(text), start=1):
            args = checker.check(row)
            if not checker.is_duplicate(args):
                events.record_event(organisation, source=EventSource.CSV, **args)
                report.imported += 1
            if progress and done % 500 == 0:
                progress(done, total)
    if progress:
        progress(total, total)
    return report


def run_import(job_id: int) -> None:
    """The background part: check, import (all or nothing), report, forget the file."""
    job = EventImport.objects.select_related("organisation").get(pk=job_id)
    if job.status != ImportStatus.WAITING:
        return  # already handled (a task delivered twice)
    EventImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        EventImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        report = import_events(job.organisation, bytes(job.content), progress)
    except UnreadableFile as error:
        result = {"fatal": str(error), "rows": 0, "imported": 0, "errors": []}
        status = ImportStatus.REFUSED
    else:
        result = {
            "rows": report.rows,
            "imported": report.imported,
            "duplicates": report.duplicates,
            "error_count": report.error_count,
            "errors": report.errors,
        }
        status = ImportStatus.DONE if report.imported else ImportStatus.REFUSED
    EventImport.objects.filter(pk=job.pk).update(status=status, report=result, content=None)
