"""The quasi-identifiers of a response and how each one is generalised.

A quasi-identifier is an attribute someone could know about a resident without the file:
a neighbour, a colleague at the provider or the resident's family knows *when* they had
contact (date, and so the questionnaire version then in use), *what for and with whom*
(questionnaire, service, provider, team), *where they live and how old they are*
(district, age band) and *how they were asked and answered* (invitation channel,
response channel, language). Together these can single out one person, so the export is
k-anonymous over all of them. The answers themselves are what the file is for (the
sensitive attributes) and the response id is random, so neither is a quasi-identifier.

Each hierarchy lists the levels above the stored value, least lost first; the last
leaves the value out. Level names are codes; `privacy_report` puts them into words.
"""

from datetime import date

import pandas as pd

from gehoord.contacts.models import AGE_BANDS

from .anonymity import Hierarchy, leave_out

OTHER_DISTRICT = "overig"


def _by_date(text_of):
    def recode(values: pd.Series) -> pd.Series:
        return values.map(lambda day: text_of(day) if isinstance(day, date) else None)

    return recode


def _month(day: date) -> str:
    return f"{day:%Y-%m}"


def _quarter(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def _year(day: date) -> str:
    return str(day.year)


def _band(low: int, high: int) -> str:
    return f"{low}+" if high >= 200 else f"{low}-{high}"


def _merged_bands(groups: list[list[int]]) -> dict[str, str]:
    """Stored band → merged band, for groups of indexes into contacts' AGE_BANDS."""
    mapping = {}
    for group in groups:
        low, high = AGE_BANDS[group[0]][0], AGE_BANDS[group[-1]][1]
        for index in group:
            mapping[_band(*AGE_BANDS[index])] = _band(low, high)
    return mapping


# 18-34, 35-49, 50-64, 65-79, 80+ → 18-49, 50-64, 65+ → 18-64, 65+.
AGE_LEVELS = (_merged_bands([[0, 1], [2], [3, 4]]), _merged_bands([[0, 1, 2], [3, 4]]))


def _age(mapping: dict[str, str]):
    def recode(values: pd.Series) -> pd.Series:
        # A band outside the table (older data) keeps its value; k-anonymity still holds,
        # as its group is counted like any other.
        return values.map(lambda band: mapping.get(band, band) if band else None)

    return recode


def _districts_below(k: int):
    def recode(values: pd.Series) -> pd.Series:
        counts = values.value_counts()
        small = set(counts[counts < k].index)
        return values.map(lambda d: OTHER_DISTRICT if d in small else d)

    return recode


def response_hierarchies(k: int) -> list[Hierarchy]:
    """The quasi-identifiers by export field; on a tie the first is generalised first."""
    dropped = (("left_out", leave_out),)
    return [
        Hierarchy(
            "submitted_at",
            (
                ("month", _by_date(_month)),
                ("quarter", _by_date(_quarter)),
                ("year", _by_date(_year)),
                ("left_out", leave_out),
            ),
        ),
        Hierarchy("district", (("small_as_other", _districts_below(k)), *dropped)),
        Hierarchy(
            "age_band",
            (("wider_bands", _age(AGE_LEVELS[0])), ("two_bands", _age(AGE_LEVELS[1])), *dropped),
        ),
        Hierarchy("version__number", dropped),
        Hierarchy("invitation_channel", dropped),
        Hierarchy("channel", dropped),
        Hierarchy("language", dropped),
        Hierarchy("team__name", dropped),
        Hierarchy("provider__name", dropped),
        Hierarchy("questionnaire__name", dropped),
        Hierarchy("service__name", dropped),
    ]


QUASI_IDENTIFIERS = tuple(h.column for h in response_hierarchies(1))
