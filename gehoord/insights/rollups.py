"""Building the rollup tables of `models.py` from the answers.

Every build is a delete followed by an INSERT … SELECT that the database runs itself (the
SELECT is written with the ORM, so it works on SQLite and PostgreSQL alike), so a rebuild of
millions of answers never passes rows through Python. Every build is idempotent: running it
twice, or for a day that did not change, gives the same rows. That makes the short periodic
`refresh` safe to overlap with itself and with a full `rebuild`.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from gehoord.framework.question_types import NUMERIC_TYPES, QuestionType
from gehoord.surveys import query as survey_query
from gehoord.tenancy.models import Organisation

from . import periods
from .models import DailyRollup, FigureRollup, Grain, RollupState, SegmentDimension, SegmentRollup

FAVOURABLE = (
    Q(item__type=QuestionType.AGREEMENT, value_number__gte=4)
    | Q(item__type=QuestionType.YES_NO, value_number=1)
    | Q(item__type=QuestionType.GRADE, value_number__gte=6)
)
UNFAVOURABLE = Q(item__type=QuestionType.AGREEMENT, value_number__lte=2) | Q(
    item__type=QuestionType.YES_NO, value_number=0
)
# Responses whose transaction committed a little after a refresh started are still found.
OVERLAP = timedelta(minutes=5)
# A transaction that commits longer after it stamped received_at (a long import, a stalled
# worker) slips past the minute refresh; the nightly reconciliation looks this far back.
RECONCILE_LOOKBACK = timedelta(days=2)

SUM_COLUMNS = ("n", "total", "total_sq", "favourable", "not_applicable", "unfavourable")
DAILY_KEYS = (
    "organisation_id",
    "questionnaire_id",
    "question_id",
    "service_id",
    "provider_id",
    "team_id",
    "channel",
    "invitation_channel",
    "district",
    "age_band",
    "day",
)
FIGURE_KEYS = (
    "organisation_id",
    "questionnaire_id",
    "question_id",
    "service_id",
    "provider_id",
    "team_id",
    "channel",
)


def _insert_select(model, columns: Iterable[str], queryset: QuerySet) -> int:
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)
        return cursor.rowcount


def _answer_sums(answers: QuerySet) -> QuerySet:
    value = Cast("value_number", FloatField())
    return answers.annotate(
        s_n=Count("value_number"),
        s_total=Coalesce(Sum(value), Value(0.0)),
        s_total_sq=Coalesce(Sum(value * value), Value(0.0)),
        s_favourable=Count("pk", filter=FAVOURABLE),
        s_not_applicable=Count("pk", filter=Q(not_applicable=True)),
        s_unfavourable=Count("pk", filter=UNFAVOURABLE),
    )


def _rollup_sums(rows: QuerySet) -> QuerySet:
    return rows.annotate(
        s_n=Sum("n"),
        s_total=Sum("total"),
        s_total_sq=Sum("total_sq"),
        s_favourable=Sum("favourable"),
        s_not_applicable=Sum("not_applicable"),
        s_unfavourable=Sum("unfavourable"),
    )


def _insert_daily(
    organisation_id: int, questionnaire_id: int | None = None, days: list[date] | None = None
) -> int:
    answers = survey_query.answers_for_rollup(organisation_id, NUMERIC_TYPES)
    if questionnaire_id is not None:
        answers = answers.filter(response__questionnaire_id=questionnaire_id)
    day = TruncDate("response__submitted_at", tzinfo=timezone.get_current_timezone())
    if days:
        start, end = periods.day_bounds(min(days), max(days))
        answers = answers.filter(response__submitted_at__gte=start, response__submitted_at__lt=end)
    keyed = answers.annotate(
        k_organisation=F("response__organisation_id"),
        k_questionnaire=F("response__questionnaire_id"),
        k_question=F("question_id"),
        k_service=F("response__service_id"),
        k_provider=F("response__provider_id"),
        k_team=F("response__team_id"),
        k_channel=F("response__channel"),
        k_invitation_channel=F("response__invitation_channel"),
        k_district=F("response__district"),
        k_age_band=F("response__age_band"),
        k_day=day,
    )
    if days:
        keyed = keyed.filter(k_day__in=days)
    grouped = keyed.values(*(f"k_{k.removesuffix('_id')}" for k in DAILY_KEYS)).order_by()
    return _insert_select(DailyRollup, DAILY_KEYS + SUM_COLUMNS, _answer_sums(grouped))


def _figure_select(daily: QuerySet, grain: str, start, end) -> QuerySet:
    """Figure sums of `daily` for the period given by `start`/`end`: dates, or expressions
    of the row's day (one SELECT then builds several periods, grouped by them)."""
    grouped = (
        daily.annotate(
            k_organisation=F("organisation_id"),
            k_questionnaire=F("questionnaire_id"),
            k_question=F("question_id"),
            k_service=F("service_id"),
            k_provider=F("provider_id"),
            k_team=F("team_id"),
            k_channel=F("channel"),
            k_start=_as_expression(start),
            k_end=_as_expression(end),
        )
        .values(*(f"k_{k.removesuffix('_id')}" for k in FIGURE_KEYS), "k_start", "k_end")
        .order_by()
    )
    return _rollup_sums(grouped).annotate(k_grain=Value(grain))


def _segment_select(daily: QuerySet, dimension: str, grain: str, start, end) -> QuerySet:
    grouped = (
        daily.annotate(
            k_organisation=F("organisation_id"),
            k_questionnaire=F("questionnaire_id"),
            k_question=F("question_id"),
            k_service=F("service_id"),
            k_provider=F("provider_id"),
            k_team=F("team_id"),
            k_channel=F("channel"),
            k_value=F(dimension),
            k_start=_as_expression(start),
            k_end=_as_expression(end),
        )
        .values(*(f"k_{k.removesuffix('_id')}" for k in FIGURE_KEYS), "k_value", "k_start", "k_end")
        .order_by()
    )
    return _rollup_sums(grouped).annotate(k_dimension=Value(dimension), k_grain=Value(grain))


def _as_expression(value):
    return Value(value) if isinstance(value, date) else value


class MonthStart(Func):
    """The first day of the month of a date column, in the database's own date functions
    (Django's TruncMonth calls a Python function per row on SQLite)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"CAST(DATE_TRUNC('month', {column}) AS date)", params
        return f"date({column}, 'start of month')", params


class MonthEnd(MonthStart):
    """The last day of the month of a date column."""

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            sql = f"CAST(DATE_TRUNC('month', {column}) + INTERVAL '1 month - 1 day' AS date)"
            return sql, params
        return f"date({column}, 'start of month', '+1 month', '-1 day')", params


# The columns in the order the SELECTs above produce them (GROUP BY keys, then sums in
# annotation order, then the constant annotations).
FIGURE_COLUMNS = FIGURE_KEYS + ("period_start", "period_end") + SUM_COLUMNS + ("grain",)
SEGMENT_COLUMNS = (
    FIGURE_KEYS + ("value", "period_start", "period_end") + SUM_COLUMNS + ("dimension", "grain")
)
# Months per INSERT … SELECT of a refresh (a filter of two parameters a month): well inside
# SQLite's limit on parameters.
MONTHS_PER_QUERY = 120
# Segment attributes that are not a filter dimension; the response channel is one, so its
# segment rows are the figure rows with the channel as value.
SEGMENTS_BY_GROUPING = tuple(d for d in SegmentDimension.values if d not in FIGURE_KEYS)


def _channel_segments(figures: QuerySet) -> QuerySet:
    """The response-channel segment rows: the figure rows just built, the channel as value
    (the same GROUP BY keys, so the same sums), without aggregating the daily rows again."""
    return (
        figures.annotate(
            k_value=F("channel"),
            k_dimension=Value(SegmentDimension.CHANNEL.value),
            k_grain=F("grain"),
        )
        .values_list(
            *FIGURE_KEYS,
            "k_value",
            "period_start",
            "period_end",
            *SUM_COLUMNS,
            "k_dimension",
            "k_grain",
        )
        .order_by()
    )


def _insert_derived(daily: QuerySet, figures: QuerySet, grain: str, start, end) -> None:
    """Figure and segment rows of `daily` into one grain: the figures in one INSERT …
    SELECT, every segment attribute in a second (one SELECT per attribute, UNION ALL)."""
    _insert_select(FigureRollup, FIGURE_COLUMNS, _figure_select(daily, grain, start, end))
    selects = [_segment_select(daily, d, grain, start, end) for d in SEGMENTS_BY_GROUPING]
    segments = selects[0].union(*selects[1:], _channel_segments(figures), all=True)
    _insert_select(SegmentRollup, SEGMENT_COLUMNS, segments)


def _days_of(months: list[date]) -> Q:
    """The days of these months: one range when they follow each other (a rebuild), else
    a range per month (a refresh)."""
    last = periods.month_end(months[-1])
    if periods.months_between(months[0], last) == months:
        return Q(day__gte=months[0], day__lte=last)
    return reduce(or_, (Q(day__gte=m, day__lte=periods.month_end(m)) for m in months))


def _build_months(organisation_id: int, months: Iterable[date]) -> None:
    """Rebuild the month figures and segments of these months (first days), all months of
    one table in one INSERT … SELECT grouped by month."""
    months = sorted(set(months))
    for i in range(0, len(months), MONTHS_PER_QUERY):
        chunk = months[i : i + MONTHS_PER_QUERY]
        for model in (FigureRollup, SegmentRollup):
            model.objects.filter(
                organisation_id=organisation_id, grain=Grain.MONTH, period_start__in=chunk
            ).delete()
        daily = DailyRollup.objects.filter(organisation_id=organisation_id).filter(_days_of(chunk))
        figures = FigureRollup.objects.filter(
            organisation_id=organisation_id, grain=Grain.MONTH, period_start__in=chunk
        )
        _insert_derived(daily, figures, Grain.MONTH, MonthStart("day"), MonthEnd("day"))


def _build_window(organisation_id: int, grain: str, start: date, end: date) -> None:
    """A rolling window from daily rows.

    Recomputed whenever one of its days changes and once a day as it moves; it reads the
    window's daily rows (bounded by combinations per day, not by responses).
    """
    FigureRollup.objects.filter(organisation_id=organisation_id, grain=grain).delete()
    SegmentRollup.objects.filter(organisation_id=organisation_id, grain=grain).delete()
    daily = DailyRollup.objects.filter(
        organisation_id=organisation_id, day__gte=start, day__lte=end
    )
    figures = FigureRollup.objects.filter(organisation_id=organisation_id, grain=grain)
    _insert_derived(daily, figures, grain, start, end)


def _build_windows(state: RollupState, end: date, changed_days: set[date] | None = None) -> None:
    """Rebuild the windows ending on `end` that contain a changed day (both when the
    windows moved, or with `changed_days` None): a response arriving today changes only
    the current window, not the previous one."""
    moved = changed_days is None or state.window_end != end
    windows = (
        (Grain.WINDOW, periods.window_ending(end)),
        (Grain.PREVIOUS_WINDOW, periods.previous_window(end)),
    )
    for grain, (start, last) in windows:
        if moved or any(start <= day <= last for day in changed_days):
            _build_window(state.organisation_id, grain, start, last)
    state.window_end = end


def _locked_state(organisation_id: int) -> RollupState:
    RollupState.objects.get_or_create(organisation_id=organisation_id)
    return RollupState.objects.select_for_update().get(organisation_id=organisation_id)


def rebuild(organisation: Organisation) -> None:
    """Throw away and rebuild every rollup of one organisation from its answers."""
    with transaction.atomic():
        started = timezone.now()
        state = _locked_state(organisation.pk)
        for model in (DailyRollup, FigureRollup, SegmentRollup):
            model.objects.filter(organisation=organisation).delete()
        _insert_daily(organisation.pk)
        months = (
            DailyRollup.objects.filter(organisation=organisation)
            .annotate(m=TruncMonth("day"))
            .values_list("m", flat=True)
            .distinct()
            .order_by("m")
        )
        _build_months(organisation.pk, months)
        _build_windows(state, periods.today())
        state.received_until = state.rebuilt_from = started
        state.rebuilt_at = timezone.now()
        state.save()


def _recompute_days(organisation_id: int, questionnaire_id: int, days: list[date]) -> None:
    DailyRollup.objects.filter(
        organisation_id=organisation_id, questionnaire_id=questionnaire_id, day__in=days
    ).delete()
    _insert_daily(organisation_id, questionnaire_id, days)


def refresh_organisation(organisation: Organisation, *, lookback: timedelta | None = None) -> int:
    """Roll up what arrived since the last run; returns the number of days recomputed.

    With `lookback`, recompute every day that received responses in that span instead
    (the nightly reconciliation). An organisation never rolled up gets a full rebuild.
    """
    state = RollupState.objects.filter(organisation=organisation).first()
    if state is None or state.received_until is None:
        rebuild(organisation)
        return 0
    with transaction.atomic():
        started = timezone.now()
        state = _locked_state(organisation.pk)
        by_questionnaire: dict[int, set[date]] = defaultdict(set)
        # Look back OVERLAP for responses whose transaction committed late, but never
        # before the last full rebuild began: that rebuild already counted them.
        since = state.received_until - OVERLAP
        if state.rebuilt_from is not None:
            since = max(since, state.rebuilt_from)
        if lookback is not None:
            since = started - lookback
        for questionnaire_id, day in survey_query.days_received_since(organisation, since):
            by_questionnaire[questionnaire_id].add(day)
        for questionnaire_id, days in by_questionnaire.items():
            _recompute_days(organisation.pk, questionnaire_id, sorted(days))
        all_days = {d for days in by_questionnaire.values() for d in days}
        _build_months(organisation.pk, {periods.month_start(d) for d in all_days})
        _build_windows(state, periods.today(), all_days)
        state.received_until = started
        state.save()
        return len(all_days)


def refresh_all(*, lookback: timedelta | None = None) -> int:
    """The periodic tasks' work: every organisation that has responses."""
    total = 0
    for organisation in survey_query.organisations_with_responses():
        total += refresh_organisation(organisation, lookback=lookback)
    return total


def reconcile_all() -> int:
    """Nightly: recompute the days of everything received in the last two days, so a
    response committed too late for the minute refresh is counted by morning."""
    return refresh_all(lookback=RECONCILE_LOOKBACK)
