"""The pseudonymous responses export: one row per response, one column per question.

Privacy (DESIGN.md §4, §5). A response has no identity, but a row with a rare combination
of attributes can still point at a person. So:

1. a selection with fewer responses than the organisation's minimum n is refused as a
   whole (the job fails with that reason), the same threshold under which figures are
   suppressed;
2. the file is k-anonymous with k = the minimum n over its quasi-identifiers
   (`QUASI_IDENTIFIERS`): whole columns are generalised (days to months, quarters …,
   small districts to "overig", age bands merged) and the few rows still rare lose all
   their quasi-identifiers at once, or are left out (`anonymity.py`);
3. open answers are masked (BSN, e-mail, phone number, IBAN, address, names from the
   contact register) by feedback's masking, the one used wherever free text leaves the
   case screen.

The job keeps a short report of what was done (`Table.report`), shown on its page and in
the file (a sheet in Excel, a document note in SPSS, a text file beside a CSV).
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.feedback import query as feedback_query
from gehoord.framework import query as framework_query
from gehoord.framework.question_types import (
    AGREEMENT_SCALE,
    NUMERIC_TYPES,
    YES_NO_SCALE,
    QuestionType,
)
from gehoord.surveys import query as survey_query
from gehoord.surveys.models import Channel
from gehoord.tenancy.models import Organisation

from ..metrics import Filters
from ..periods import Period
from ..weighted import DIMENSIONS, weigh
from .anonymity import anonymise
from .hierarchies import QUASI_IDENTIFIERS, response_hierarchies
from .tables import Column, ExportRefused, Kind, Table

BATCH_SIZE = 2000
MEASURES = {
    QuestionType.GRADE: "scale",
    QuestionType.NUMBER: "scale",
    QuestionType.AGREEMENT: "ordinal",
}


def fixed_columns() -> list[tuple[str, Column]]:
    """(response field, column) of the attributes every row starts with."""
    return [
        ("id", Column("respons_id", _("Response (random id)"))),
        ("questionnaire__name", Column("vragenlijst", _("Questionnaire"))),
        (
            "version__number",
            Column("versie", _("Questionnaire version"), Kind.NUMBER, measure="ordinal"),
        ),
        ("submitted_at", Column("datum", _("Date submitted"), Kind.DATE, measure="scale")),
        (
            "channel",
            Column(
                "kanaal",
                _("Response channel"),
                value_labels={k: str(v) for k, v in Channel.choices},
            ),
        ),
        (
            "language",
            Column("taal", _("Language"), value_labels={"nl": _("Dutch"), "en": _("English")}),
        ),
        ("service__name", Column("dienst", _("Service"))),
        ("provider__name", Column("aanbieder", _("Provider"))),
        ("team__name", Column("team", _("Team"))),
        ("district", Column("wijk", _("District"))),
        ("age_band", Column("leeftijdsgroep", _("Age band"))),
        (
            "invitation_channel",
            Column(
                "uitnodigingskanaal",
                _("Invitation channel"),
                value_labels={
                    "email": _("E-mail"),
                    "sms": _("Text message"),
                    "letter": _("Letter"),
                },
            ),
        ),
    ]


def question_column(question) -> Column:
    labels: dict = {}
    if question.type == QuestionType.AGREEMENT:
        labels = dict(sorted(AGREEMENT_SCALE["nl"]))
    elif question.type == QuestionType.YES_NO:
        labels = dict(sorted(YES_NO_SCALE["nl"]))
    elif question.type == QuestionType.SINGLE_CHOICE:
        labels = {o["value"]: o.get("nl") or o["value"] for o in question.options or []}
    kind = Kind.NUMBER if question.type in NUMERIC_TYPES else Kind.TEXT
    return Column(
        question.code, question.text_nl, kind, labels, MEASURES.get(question.type, "nominal")
    )


def answer_value(question_type: str, answer: tuple | None):
    """A stored answer as a cell: numbers as numbers, "n.v.t." and no answer as missing."""
    if answer is None:
        return None
    number, text, day, choices, not_applicable = answer
    if not_applicable:
        return None
    if question_type in NUMERIC_TYPES:
        if number is None:
            return None
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(number, Decimal):
        return float(number)
    if day is not None:
        return day.isoformat()
    if choices is not None:
        return "; ".join(str(c) for c in choices)
    return text or None


def selection(
    organisation: Organisation,
    period: Period,
    filters: Filters,
    questionnaire_ids: list[int] | None = None,
):
    """The responses of the export, fixed at this moment: answers that arrive while the
    file is made wait for the next export (the counts, the anonymisation and the rows must
    all be about the same responses). `questionnaire_ids`: those of a statutory year."""
    rows = survey_query.responses_for_export(
        organisation,
        *period.bounds,
        received_until=timezone.now(),
        **{
            k: getattr(filters, k)
            for k in ("questionnaire_id", "service_id", "provider_id", "team_id", "channel")
        },
    )
    if questionnaire_ids:
        rows = rows.filter(questionnaire_id__in=[int(q) for q in questionnaire_ids])
    return rows


WEIGHT = Column("gewicht", _("Weight (raked to the population)"), Kind.NUMBER, measure="scale")


def response_weights(responses, margins: Mapping) -> tuple[dict, dict]:
    """The raking weight of every selected response, and what the report says of it;
    no weights (and the reason) when raking cannot meet the margins."""
    rows = [
        {"pk": row["id"], **{dim: row[field] or "" for dim, field in DIMENSIONS.items()}}
        for row in responses.order_by("pk").values("id", *DIMENSIONS.values())
    ]
    weighing = weigh(rows, margins)
    report = {
        "dimensions": sorted(dim for dim in margins if dim in DIMENSIONS),
        "usable": bool(weighing.usable),
        "design_effect": round(weighing.design_effect, 3),
        "effective_n": round(weighing.effective_n, 1),
    }
    return (weighing.weights if weighing.usable else {}), report


def responses_table(
    organisation: Organisation,
    period: Period,
    filters: Filters,
    progress: Callable[[int, int], None],
    *,
    max_rows: int | None = None,
    margins: Mapping | None = None,
    questionnaire_ids: list[int] | None = None,
) -> Table:
    """`margins` ({dimension: {category: count}}): add the raking weight of each response
    as the variable `gewicht` (when raking meets them; the report says either way)."""
    responses = selection(organisation, period, filters, questionnaire_ids)
    total = responses.count()
    minimum_n = organisation.minimum_n
    if total < minimum_n:
        raise ExportRefused(
            _(
                "This selection holds %(n)s responses. Individual responses are only exported "
                "for at least %(min)s responses, so that no one can be recognised in a small "
                "group. Choose a longer period or fewer filters."
            )
            % {"n": total, "min": minimum_n}
        )
    if max_rows is not None and total > max_rows:
        raise ExportRefused(
            _(
                "This selection holds %(n)s responses, more than fit in one Excel sheet. Choose "
                "CSV or SPSS, or a shorter period."
            )
            % {"n": total}
        )
    progress(0, total)
    outcome = anonymise(quasi_identifiers(responses), response_hierarchies(minimum_n), minimum_n)
    kept = {
        row[0]: dict(zip(QUASI_IDENTIFIERS, row[1:], strict=True))
        for row in outcome.frame[list(QUASI_IDENTIFIERS)].itertuples(name=None)
    }
    question_ids = survey_query.answered_questions(responses)
    questions = framework_query.questions_by_id(question_ids)
    fixed = fixed_columns()
    if "submitted_at" in outcome.levels:  # months, quarters …: text, no longer a date
        fixed = [
            (f, replace(c, kind=Kind.TEXT, measure="ordinal") if f == "submitted_at" else c)
            for f, c in fixed
        ]
    weights, weighting_report = response_weights(responses, margins) if margins else ({}, None)
    # The weight is a function of the weighting's groups: with one of them generalised or
    # left out of the file it would give the finer group back, so then there is no weight,
    # and a row whose groups were blanked has none either.
    weighted_fields = {DIMENSIONS[dim] for dim in (weighting_report or {}).get("dimensions", [])}
    coarsened = sorted(weighted_fields & set(outcome.levels))
    if weights and coarsened and weighting_report is not None:
        weights = {}
        weighting_report.update(usable=False, withheld_for=coarsened)
    columns = [c for _, c in fixed] + ([WEIGHT] if weights else [])
    used = {c.name for c in columns}
    for question_id in question_ids:
        column = question_column(questions[question_id])
        if column.name in used:  # a bank code such as "datum" may equal an attribute's name
            column = replace(column, name=f"vraag_{column.name}")
        used.add(column.name)
        columns.append(column)
    types = [questions[q].type for q in question_ids]

    names = feedback_query.personal_names(organisation)
    masked = 0

    def cell(question_type: str, answer: tuple | None):
        nonlocal masked
        value = answer_value(question_type, answer)
        if question_type == QuestionType.OPEN_TEXT and value:
            text = feedback_query.masked_text(value, organisation, names=names)
            masked += text != value
            return text
        return value

    def rows() -> Iterator[list]:
        done = 0
        for batch in survey_query.response_batches(responses, BATCH_SIZE):
            for response, answers in batch:
                recoded = kept.get(response["id"])
                if recoded is None:  # suppressed, and its group still below k
                    continue
                row = []
                for field, _column in fixed:
                    value = recoded[field] if field in recoded else response[field]
                    if field == "id":
                        value = str(value)
                    row.append(value if value != "" else None)
                if weights:
                    blanked = any(
                        recoded.get(f) in (None, "") and response[f] for f in weighted_fields
                    )
                    row.append(None if blanked else round(weights[response["id"]], 4))
                row.extend(
                    cell(t, answers.get(q)) for q, t in zip(question_ids, types, strict=True)
                )
                yield row
            # A response written just before the selection was fixed may commit after the
            # count; it is read (and left out unless anonymised), but the bar stops at 100 %.
            done = min(done + len(batch), total)
            progress(done, total)
        report["masked_answers"] = masked

    report = {
        "k": minimum_n,
        "achieved_k": outcome.achieved_k,
        "rows": outcome.rows,
        "rows_exported": outcome.rows - outcome.removed_rows,
        "suppressed_rows": outcome.suppressed_rows,
        "suppressed_values": outcome.suppressed_values,
        "removed_rows": outcome.removed_rows,
        "generalised": outcome.levels,
        "masked_answers": 0,
    }
    if weighting_report is not None:
        report["weighting"] = weighting_report
    return Table(columns, rows(), report=report)


def quasi_identifiers(responses) -> pd.DataFrame:
    """The quasi-identifiers of every response, by id, the day as a local date."""
    rows = []
    for values in responses.values_list("id", *QUASI_IDENTIFIERS).iterator(chunk_size=5000):
        row = dict(zip(("id", *QUASI_IDENTIFIERS), values, strict=True))
        row["submitted_at"] = timezone.localtime(row["submitted_at"]).date()
        rows.append({k: (None if v == "" else v) for k, v in row.items()})
    return pd.DataFrame(rows, columns=["id", *QUASI_IDENTIFIERS], dtype=object).set_index("id")
