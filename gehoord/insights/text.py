"""Text analytics of the open answers "wat kan beter" and "wat ging goed".

Per period and service: the most frequent themes (only codes a person gave; the
classifier's suggestions count only once someone confirmed them), rising themes (this
period against the one before, two-proportion test), keywords (mean TF-IDF of Dutch lemmas
against all open answers of the period), representative quotes (closest to the theme's
centroid, always masked) and per theme the mean predicted sentiment of a model learned from
the grades given with the answers (`text_sentiment`), only when that model beats a
majority-class baseline on texts it did not learn from.

Reading months of answers is too slow for a page, so a task computes the analysis nightly
(and on demand) and stores it in `TextAnalysis`; pages read the stored result.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from django.db import transaction

from gehoord.catalog import query as catalog_query
from gehoord.feedback import query as feedback_query
from gehoord.framework import query as framework_query
from gehoord.surveys import query as survey_query
from gehoord.tenancy.models import Organisation

from . import disclosure, metrics, periods, text_sentiment
from .models_text import TextAnalysis
from .multiplicity import adjust
from .periods import Period
from .stats import Comparison, ShareCounts, Verdict, compare_proportions
from .text_features import vectorizer

QUESTION_CODES = ("core_improve", "core_went_well")
QUOTES_PER_THEME = 3
KEYWORDS = 12


def load_texts(
    organisation: Organisation,
    period: Period,
    service_id: int | None,
    names: frozenset[str] | None = None,
) -> list[dict]:
    """Masked open answers of the period with their confirmed theme codes and the grade.

    `names` are the contact register's names (`feedback.query.personal_names`), read once by callers
    that load texts more than once."""
    rows = list(
        feedback_query.masked_open_texts(
            organisation,
            start=period.start,
            end=period.end,
            question_codes=QUESTION_CODES,
            service_id=service_id,
            names=names,
        )
    )
    answer_ids = {row["answer_id"] for row in rows}
    themes: dict[int, set[str]] = defaultdict(set)
    for answer_id, code in feedback_query.answer_themes(
        organisation,
        start=period.start,
        end=period.end,
        question_codes=QUESTION_CODES,
        service_id=service_id,
    ):
        if answer_id in answer_ids:
            themes[answer_id].add(code)
    grade_ids = framework_query.questions_measuring(organisation, "overall_grade")
    segment = {"service_id": service_id} if service_id is not None else {}
    grades = {
        response: float(value)
        for response, _question, value in survey_query.answer_values(
            organisation, grade_ids, *period.bounds, **segment
        )
    }
    for row in rows:
        row["themes"] = themes.get(row["answer_id"], set())
        row["grade"] = grades.get(row["response_id"])
    return rows


def theme_counts(rows: list[dict]) -> tuple[int, Counter]:
    """(texts with at least one code, texts per theme code)."""
    counts: Counter = Counter()
    coded = 0
    for row in rows:
        if row["themes"]:
            coded += 1
            counts.update(row["themes"])
    return coded, counts


def keywords(all_texts: list[str], own: list[str], minimum_n: int) -> list[dict]:
    """Words that weigh most in `own` (mean TF-IDF; IDF over all open answers of the
    period), each used in at least `minimum_n` of the texts."""
    if not own:
        return []
    model = vectorizer(min_df=1)
    try:
        model.fit(all_texts)
    except ValueError:  # only stop words
        return []
    matrix = model.transform(own)
    used_in = np.asarray((matrix > 0).sum(axis=0)).ravel()
    weight = np.asarray(matrix.mean(axis=0)).ravel()
    words = model.get_feature_names_out()
    order = [i for i in np.argsort(-weight) if used_in[i] >= minimum_n and weight[i] > 0]
    return [
        {"word": str(words[i]), "texts": int(used_in[i]), "weight": float(weight[i])}
        for i in order[:KEYWORDS]
    ]


def representative_quotes(texts: list[str], count: int = QUOTES_PER_THEME) -> list[str]:
    """The distinct texts closest (cosine) to the centroid of the theme's texts.

    `texts` must be masked already: the analysis reads them from
    `feedback_query.masked_open_texts`, which masks every text it yields."""
    distinct = list(dict.fromkeys(t.strip() for t in texts if t.strip()))
    if not distinct:
        return []
    try:
        matrix = vectorizer().fit_transform(distinct)
    except ValueError:
        return distinct[:count]
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    # Rows are L2-normalised by TF-IDF, so the dot product is the cosine (up to `norm`).
    similarity = matrix @ (centroid / norm)
    return [distinct[i] for i in np.argsort(-np.asarray(similarity).ravel())[:count]]


def analyse_question(
    organisation: Organisation,
    code: str,
    rows: list[dict],
    previous: list[dict],
    all_texts: list[str],
    names: dict[str, str],
    scores: dict[int, float],
) -> dict:
    minimum_n = organisation.minimum_n
    own = [row for row in rows if row["question_code"] == code]
    before = [row for row in previous if row["question_code"] == code]
    coded, counts = theme_counts(own)
    coded_before, counts_before = theme_counts(before)
    themes, hidden = [], 0
    shown = []
    for theme, count in counts.most_common():
        if count < minimum_n:
            hidden += 1  # suppressed: too few texts to show the theme at all
            continue
        shown.append((theme, count))

    def tested(theme: str, count: int) -> Comparison:
        comparison = compare_proportions(
            ShareCounts(coded, count), ShareCounts(coded_before, counts_before[theme])
        )
        # The theme in the period before is a comparator too: with fewer texts than the
        # minimum it is hidden, and so is the test against it (insights.disclosure).
        if disclosure.below_minimum(counts_before[theme], minimum_n):
            return Comparison(Verdict.NOT_TESTABLE, None, None, None, comparison.test)
        return comparison

    # One family: every shown theme of this question tested against the period before
    # (a test against a hidden comparator is not in it).
    comparisons = adjust([tested(theme, count) for theme, count in shown])
    for (theme, count), comparison in zip(shown, comparisons, strict=True):
        before_shown = not disclosure.below_minimum(counts_before[theme], minimum_n)
        texts = [row for row in own if theme in row["themes"]]
        sentiment = [scores[row["answer_id"]] for row in texts if row["answer_id"] in scores]
        themes.append(
            {
                "code": theme,
                "name": names.get(theme, theme),
                "count": count,
                "share": round(100 * count / coded, 1),
                "previous_count": counts_before[theme] if before_shown else None,
                "previous_share": (
                    round(100 * counts_before[theme] / coded_before, 1)
                    if coded_before and before_shown
                    else None
                ),
                "verdict": str(comparison.verdict),
                "test": comparison.describe(),
                "sentiment": (
                    round(100 * float(np.mean(sentiment)), 1)
                    if len(sentiment) >= minimum_n
                    else None
                ),
                "quotes": representative_quotes([row["text"] for row in texts]),
            }
        )
    return {
        "code": code,
        "texts": len(own),
        "coded": coded,
        "coded_share": round(100 * coded / len(own), 1) if own else None,
        "themes": themes,
        "hidden_themes": hidden,
        "rising": [t["code"] for t in themes if t["verdict"] == "clearly_higher"],
        "keywords": keywords(all_texts, [row["text"] for row in own], minimum_n),
    }


def analyse(
    organisation: Organisation,
    period: Period,
    service_id: int | None = None,
    personal_names: frozenset[str] | None = None,
) -> dict:
    """`personal_names`: the contact register's names (`feedback.query.personal_names`);
    read here when not given."""
    if personal_names is None:
        personal_names = feedback_query.personal_names(organisation)
    rows = load_texts(organisation, period, service_id, personal_names)
    previous = load_texts(organisation, metrics.previous_period(period), service_id, personal_names)
    names = dict(feedback_query.themes(organisation, active_only=False).values_list("code", "name"))
    sentiment = text_sentiment.train(rows + previous)
    scores = text_sentiment.predict(sentiment, rows)
    all_texts = [row["text"] for row in rows]
    return {
        "texts": len(rows),
        "questions": [
            analyse_question(organisation, code, rows, previous, all_texts, names, scores)
            for code in QUESTION_CODES
        ],
        "sentiment": sentiment.summary(),
    }


def compute(
    organisation: Organisation,
    period: Period,
    service_id: int | None = None,
    personal_names: frozenset[str] | None = None,
) -> TextAnalysis:
    result = analyse(organisation, period, service_id, personal_names)
    with transaction.atomic():
        TextAnalysis.objects.filter(
            organisation=organisation,
            service_id=service_id,
            period_start=period.start,
            period_end=period.end,
        ).delete()
        return TextAnalysis.objects.create(
            organisation=organisation,
            service_id=service_id,
            period_start=period.start,
            period_end=period.end,
            n=result["texts"],
            result=result,
        )


def compute_for(organisation: Organisation, period: Period | None = None) -> int:
    """The organisation as a whole and each active service, for one period."""
    period = period or periods.rolling_window()
    # The contact register, read once.
    personal_names = feedback_query.personal_names(organisation)
    compute(organisation, period, personal_names=personal_names)
    count = 1
    for service in catalog_query.active_services(organisation):
        compute(organisation, period, service.pk, personal_names)
        count += 1
    return count


def compute_all() -> int:
    return sum(compute_for(o) for o in survey_query.organisations_with_responses())


def latest(
    organisation: Organisation, period: Period, service_id: int | None = None
) -> TextAnalysis | None:
    return (
        TextAnalysis.objects.filter(
            organisation=organisation,
            service_id=service_id,
            period_start=period.start,
            period_end=period.end,
        )
        .order_by("-computed_at")
        .first()
    )
