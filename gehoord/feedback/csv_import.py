"""CSV import of signals (e.g. from a complaints register): every row checked first, then
imported only when none has an error, with a per-row report.

Reading follows the event import's rules (`outreach.service.read_csv`): the upload is a
stream whose size is checked before it is read, read twice (check, import). Importing is in
batches of BATCH_ROWS, each its own transaction, so the database's write lock is held only
briefly.
"""

from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.outreach import service as outreach_service
from gehoord.tenancy.models import Organisation

from . import service
from .models import TEXT_MAX_LENGTH, Outcome, SignalChannel, SignalKind, SignalSource

REQUIRED_COLUMNS = ("kind", "date", "text")
MAX_BYTES = 5 * 1024 * 1024
BATCH_ROWS = 500
KINDS = {
    **{k.value: k for k in SignalKind},
    "klacht": SignalKind.COMPLAINT,
    "bezwaar": SignalKind.OBJECTION,
    "beroep": SignalKind.APPEAL,
    "ongevraagde feedback": SignalKind.FEEDBACK,
    "kcc-notitie": SignalKind.CONTACT_NOTE,
}
OUTCOMES = {
    **{o.value: o for o in Outcome},
    "gegrond": Outcome.WELL_FOUNDED,
    "ongegrond": Outcome.UNFOUNDED,
    "deels gegrond": Outcome.PARTLY,
    "deels": Outcome.PARTLY,
    "ingetrokken": Outcome.WITHDRAWN,
}
CHANNELS = {
    **{c.value: c for c in SignalChannel},
    "webformulier": SignalChannel.WEB_FORM,
    "e-mail": SignalChannel.EMAIL,
    "telefoon": SignalChannel.PHONE,
    "brief": SignalChannel.LETTER,
    "balie": SignalChannel.DESK,
}


class RowChecker:
    def __init__(self, organisation: Organisation) -> None:
        self.services = {s.code: s for s in catalog_query.active_services(organisation) if s.code}
        self.teams = {t.name: t for t in catalog_query.active_teams(organisation)}
        self.providers = {p.name: p for p in catalog_query.active_providers(organisation)}

    def check(self, row: dict[str, str]) -> dict:
        problems = []
        kind = KINDS.get(row.get("kind", "").lower())
        if kind is None:
            problems.append(
                _("unknown kind “%(kind)s” (use klacht, bezwaar, beroep, compliment, feedback)")
                % {"kind": row.get("kind", "")}
            )
        received_on = decided_on = None
        try:
            received_on = outreach_service.parse_csv_date(row.get("date", ""))
        except ValueError as error:
            problems.append(str(error))
        text = row.get("text", "")
        if not text:
            problems.append(_("the text is empty"))
        elif len(text) > TEXT_MAX_LENGTH:
            problems.append(
                _("the text is longer than %(max)d characters") % {"max": TEXT_MAX_LENGTH}
            )
        fields = {}
        for column, table, what in (
            ("service", self.services, _("service code")),
            ("team", self.teams, _("team")),
            ("provider", self.providers, _("provider")),
        ):
            value = row.get(column, "")
            if value and value not in table:
                problems.append(_("unknown %(what)s “%(name)s”") % {"what": what, "name": value})
            fields[column] = table.get(value)
        if row.get("channel"):
            fields["channel"] = CHANNELS.get(row["channel"].lower())
            if fields["channel"] is None:
                problems.append(_("unknown channel “%(value)s”") % {"value": row["channel"]})
        if row.get("outcome"):
            fields["outcome"] = OUTCOMES.get(row["outcome"].lower())
            if fields["outcome"] is None:
                problems.append(_("unknown outcome “%(value)s”") % {"value": row["outcome"]})
        if row.get("decision_date"):
            try:
                decided_on = outreach_service.parse_csv_date(row["decision_date"])
            except ValueError as error:
                problems.append(str(error))
            if decided_on and received_on and decided_on < received_on:
                problems.append(_("the decision date is before the date of receipt"))
        fields["decided_on"] = decided_on
        fields["reference"] = row.get("reference", "")[:100]
        if problems:
            raise ValueError("; ".join(problems))
        return {"kind": kind, "received_on": received_on, "text": text, **fields}


def import_signals(organisation: Organisation, upload: bytes | IO[bytes]):
    """Check every row; import the rows only when none has an error. Returns the report;
    ValueError with a message for the user when the file as a whole cannot be read."""
    outreach_service.check_csv_size(
        upload, MAX_BYTES, _("The file is larger than 5 MB; split it into smaller files.")
    )
    report = outreach_service.new_import_report()
    checker = RowChecker(organisation)
    for number, row in outreach_service.read_csv(upload, REQUIRED_COLUMNS, report):
        try:
            checker.check(row)
        except ValueError as error:
            report.add_error(number, str(error))
    if report.error_count or not report.rows:
        return report
    batch: list[dict] = []
    for _number, row in outreach_service.read_csv(upload, REQUIRED_COLUMNS):
        batch.append(checker.check(row))
        if len(batch) >= BATCH_ROWS:
            _import_batch(organisation, batch, report)
            batch = []
    _import_batch(organisation, batch, report)
    return report


def _import_batch(organisation: Organisation, batch: list[dict], report) -> None:
    with transaction.atomic():
        for args in batch:
            service.record_signal(organisation, source=SignalSource.CSV, **args)
    report.imported += len(batch)
