"""k-anonymity by global recoding and local suppression, on frames built by hand."""

from datetime import date

import pandas as pd

from gehoord.insights.exports.anonymity import anonymise, group_sizes
from gehoord.insights.exports.hierarchies import (
    OTHER_DISTRICT,
    QUASI_IDENTIFIERS,
    response_hierarchies,
)


def frame_of(rows: list[dict]) -> pd.DataFrame:
    full = [{q: row.get(q) for q in QUASI_IDENTIFIERS} | {"grade": row["grade"]} for row in rows]
    return pd.DataFrame(full, columns=[*QUASI_IDENTIFIERS, "grade"], dtype=object)


def base(**values) -> dict:
    return {
        "submitted_at": date(2026, 3, 2),
        "service__name": "Paspoort",
        "channel": "web",
        "language": "nl",
        "district": "Noord",
        "age_band": "35-49",
        "grade": 7,
    } | values


def test_nothing_changes_when_every_combination_is_common_enough():
    frame = frame_of([base() for _ in range(6)])
    outcome = anonymise(frame, response_hierarchies(5), 5)
    assert outcome.levels == {} and outcome.suppressed_rows == outcome.removed_rows == 0
    assert outcome.achieved_k == 6
    assert outcome.frame.equals(frame)


def test_days_become_months_for_every_row_not_only_the_rare_ones():
    rows = [base(submitted_at=date(2026, 3, 1 + i)) for i in range(10)]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.levels == {"submitted_at": "month"}
    assert set(outcome.frame["submitted_at"]) == {"2026-03"}
    assert outcome.achieved_k == 10 and outcome.suppressed_rows == 0


def test_months_become_quarters_when_months_are_still_too_small():
    rows = [base(submitted_at=date(2026, 1 + i % 3, 5)) for i in range(9)]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.levels["submitted_at"] == "quarter"
    assert set(outcome.frame["submitted_at"]) == {"2026-K1"}


def test_small_districts_go_together_as_other():
    rows = [base(district="Noord") for _ in range(6)]
    rows += [base(district=d) for d in ("Zuid", "Zuid", "Oost", "West", "Haven")]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.levels == {"district": "small_as_other"}
    assert sorted(outcome.frame["district"].value_counts().items()) == [
        ("Noord", 6),
        (OTHER_DISTRICT, 5),
    ]


def test_age_bands_are_merged():
    rows = [base(age_band=b) for b in ("18-34", "35-49", "18-34", "35-49", "18-34")]
    rows += [base(age_band="65-79") for _ in range(3)] + [base(age_band="80+") for _ in range(2)]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.levels == {"age_band": "wider_bands"}
    assert dict(outcome.frame["age_band"].value_counts()) == {"18-49": 5, "65+": 5}


def test_the_last_rare_rows_lose_every_quasi_identifier_at_once():
    # 100 common rows and one resident who answered in English: suppressing one row is
    # within the limit (5 %), so nothing is recoded, and the row is blank throughout, not
    # only in "language" (a blank language would name the English-speaking group).
    rows = [base() for _ in range(100)] + [base(language="en", grade=2)]
    rows += [base(district="Zuid", channel="phone") for _ in range(5)]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.levels == {}
    assert outcome.suppressed_rows == 1 and outcome.suppressed_values == 6
    # Alone, the blank row would be a group of one: it is left out.
    assert outcome.removed_rows == 1 and len(outcome.frame) == 105
    assert outcome.achieved_k == 5


def test_suppressed_rows_stay_when_together_they_reach_k():
    rows = [base() for _ in range(200)]
    rows += [base(district=f"Wijk {i}", service__name=f"Dienst {i}") for i in range(6)]
    outcome = anonymise(frame_of(rows), response_hierarchies(5), 5)
    assert outcome.suppressed_rows == 6 and outcome.removed_rows == 0
    blank = outcome.frame[outcome.frame[list(QUASI_IDENTIFIERS)].isna().all(axis=1)]
    assert len(blank) == 6 and sorted(blank["grade"]) == [7] * 6  # the answers stay
    sizes = group_sizes(outcome.frame, list(QUASI_IDENTIFIERS))
    assert sizes.min() >= 5 == outcome.achieved_k - 1


def test_an_empty_selection_stays_empty():
    outcome = anonymise(frame_of([]), response_hierarchies(5), 5)
    assert outcome.frame.empty and outcome.achieved_k == 0
