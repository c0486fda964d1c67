"""CSV import of service events: every row checked first, then imported in batches.

Reading, shared with the other apps' imports through `service.read_csv`:

- The upload is read as a binary stream, never as one string: once to detect the encoding,
  once to check every row and once to import, so memory stays bounded however many rows
  it has. Its size is checked before it is read (the forms and `check_size`).
- Encoding: a byte order mark decides (UTF-8, UTF-16 LE or BE); without one, UTF-8 when
  the whole file is valid UTF-8, else Windows-1252, the usual export of Dutch office
  software.
- Parsing is the csv module's, on a text stream with newline="", so quoted newlines stay
  inside their field and files with CR, LF or CRLF line endings all work. The delimiter
  (, ; tab |) is detected by csv.Sniffer on the header line alone; quoting is Excel's.
- A cell longer than MAX_CELL_CHARS or with a control character is an error of its row; a
  row the csv module cannot read (a quote never closed, a cell beyond the csv field limit)
  is an error of its row that ends the reading.

Importing: only when no row has an error, in batches of BATCH_ROWS rows, each batch its own
transaction, so an import never holds the database's write lock for long. Should a batch
fail, the batches before it stay and the report says how many rows were imported. The
background job always ends as done, refused or failed (`run_import`), never "running".
"""

import codecs
import csv
import hashlib
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.tenancy.models import Organisation
from gehoord.text import CONTROL_CHARACTERS

from . import events
from .models import EventImport, EventKind, EventSource, ImportStatus

log = logging.getLogger(__name__)

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
# The longest cell any import accepts (the longest field, a signal's text, is 5000); the
# csv module's own field limit (131072 characters) stops a runaway quoted cell earlier
# than the file's end.
MAX_CELL_CHARS = 10_000
MAX_HEADER_CHARS = 10_000
BATCH_ROWS = 500
_CHUNK = 64 * 1024


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


def as_stream(upload: bytes | IO[bytes]) -> IO[bytes]:
    """A seekable binary stream of an upload given as bytes or as a file."""
    if isinstance(upload, bytes | bytearray | memoryview):
        return io.BytesIO(upload)
    return upload


def check_size(upload: IO[bytes], max_bytes: int, message: str) -> None:
    """UnreadableFile(message) when the stream is larger than max_bytes; reads nothing."""
    size = getattr(upload, "size", None)
    if size is None:
        size = upload.seek(0, io.SEEK_END)
        upload.seek(0)
    if size > max_bytes:
        raise UnreadableFile(message)


def detect_encoding(upload: IO[bytes]) -> str:
    """The encoding by byte order mark; without one UTF-8 if valid, else Windows-1252."""
    upload.seek(0)
    start = upload.read(4)
    upload.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads the mark and skips it
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: upload.read(_CHUNK), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        upload.seek(0)
    return "utf-8"


def _delimiter(header_line: str) -> str:
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;\t|").delimiter
    except csv.Error as error:
        raise UnreadableFile(
            _("No columns found: use a comma or semicolon between columns.")
        ) from error


def _cell_problems(row: dict[str, str]) -> list[str]:
    problems = []
    for column, value in row.items():
        if len(value) > MAX_CELL_CHARS:
            problems.append(
                _("column %(column)s is longer than %(max)d characters")
                % {"column": column, "max": MAX_CELL_CHARS}
            )
        elif CONTROL_CHARACTERS.search(value):
            problems.append(
                _("column %(column)s contains a control character (such as a NUL byte)")
                % {"column": column}
            )
    return problems


def read_rows(
    upload: IO[bytes],
    required: tuple[str, ...] = REQUIRED_COLUMNS,
    report: ImportReport | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for every readable row, the header being row 1; the values are
    stripped and the header names lower-cased. Rows with a problem in a cell, and the row
    where the csv module gives up, go to `report` as errors instead. Every call reads from
    the start; UnreadableFile when the file as a whole cannot be read."""
    report = report if report is not None else ImportReport()
    encoding = detect_encoding(upload)
    text = io.TextIOWrapper(upload, encoding=encoding, newline="")
    number = 1
    try:
        header_line = text.readline(MAX_HEADER_CHARS)
        if "\x00" in header_line:
            raise UnreadableFile(_("This is not a text file (it contains binary data)."))
        delimiter = _delimiter(header_line)
        text.seek(0)
        reader = csv.DictReader(text, delimiter=delimiter)
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise UnreadableFile(
                _("Missing columns: %(columns)s. Required: %(required)s.")
                % {"columns": ", ".join(missing), "required": ", ".join(required)}
            )
        reader.fieldnames = header
        for number, raw_row in enumerate(reader, start=2):
            report.rows += 1
            row = {k: (v or "").strip() for k, v in raw_row.items() if k}
            problems = _cell_problems(row)
            if problems:
                report.add_error(number, "; ".join(problems))
                continue
            yield number, row
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file is not in UTF-8 or Windows-1252; save it as UTF-8 CSV.")
        ) from error
    except csv.Error:
        report.rows += 1
        report.add_error(
            number + 1,
            _(
                "this row cannot be read (a cell is too long or a quote is never closed); "
                "the rows after it were not read"
            ),
        )
    finally:
        text.detach()  # leave the upload open for the next pass


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
    organisation: Organisation,
    upload: bytes | IO[bytes],
    progress: Callable[[int, int], None] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Check every row; import the rows, in batches, only when none has an error.

    `report` (a new one when not given) holds how many rows were imported so far, also
    when a batch fails and the error is raised."""
    upload = as_stream(upload)
    report = report if report is not None else ImportReport()
    checker = RowChecker(organisation)
    for number, row in read_rows(upload, REQUIRED_COLUMNS, report):
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
    batch: list[dict] = []
    for done, (_number, row) in enumerate(read_rows(upload, REQUIRED_COLUMNS), start=1):
        args = checker.check(row)
        if not checker.is_duplicate(args):
            batch.append(args)
        if len(batch) >= BATCH_ROWS:
            _import_batch(organisation, batch, report)
            batch = []
            if progress:
                progress(done, total)
    _import_batch(organisation, batch, report)
    if progress:
        progress(total, total)
    return report


def _import_batch(organisation: Organisation, batch: list[dict], report: ImportReport) -> None:
    with transaction.atomic():
        for args in batch:
            events.record_event(organisation, source=EventSource.CSV, **args)
    report.imported += len(batch)


def run_import(job_id: int) -> None:
    """The background part: check, import, report, forget the file. The job always ends
    as done, refused or failed, whatever goes wrong."""
    job = EventImport.objects.select_related("organisation").get(pk=job_id)
    if job.status != ImportStatus.WAITING:
        return  # already handled (a task delivered twice)
    EventImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        EventImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    report = ImportReport()
    try:
        import_events(job.organisation, bytes(job.content or b""), progress, report)
    except UnreadableFile as error:
        result = {"fatal": str(error), "rows": 0, "imported": 0, "errors": []}
        status = ImportStatus.REFUSED
    except Exception:
        log.exception("event import %s failed", job.pk)
        result = {
            **_result(report),
            "fatal": _(
                "The import stopped because of an unexpected error; %(imported)d rows were "
                "imported. Check the events before you upload the file again."
            )
            % {"imported": report.imported},
        }
        status = ImportStatus.FAILED
    else:
        result = _result(report)
        status = ImportStatus.DONE if report.imported else ImportStatus.REFUSED
    EventImport.objects.filter(pk=job.pk).update(status=status, report=result, content=None)


def _result(report: ImportReport) -> dict:
    return {
        "rows": report.rows,
        "imported": report.imported,
        "duplicates": report.duplicates,
        "error_count": report.error_count,
        "errors": report.errors,
    }
