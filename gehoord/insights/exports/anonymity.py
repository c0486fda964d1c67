"""k-anonymity of a table of records: global recoding first, then local suppression.

A record is k-anonymous when at least k records share its combination of
quasi-identifiers, the attributes someone could know about a person from elsewhere
(Sweeney 2002, "k-anonymity: a model for protecting privacy"). The method is the one of
Sweeney's Datafly and of Samarati (2001), as sdcMicro and ARX also apply it:

1. **Global recoding.** Every quasi-identifier has a generalisation hierarchy (a date
   becomes its month, then its quarter, then its year, then nothing). While more records
   sit in groups smaller than k than the suppression limit allows, the attribute with the
   most distinct values goes up one level, for every record at once (Datafly's choice).
   Recoding whole columns keeps a generalised value from pointing at a rare group: every
   record gets the same treatment, not only the rare ones.
2. **Local suppression.** The few records still in a group smaller than k lose *every*
   quasi-identifier, not one: blanking only the rare attribute would make the blank itself
   name the rare group. Together they form one group; when that group is itself smaller
   than k, its records are left out of the file.

pandas does the counting (one grouped count per step); no library on PyPI that does this
fits the project's dependencies (see docs/statistics.md).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Share of the records that may be suppressed before the recoding goes one level further
# (Samarati's MaxSup). Low, so that suppression stays the exception and recoding does the
# work; the report says how many were suppressed.
MAX_SUPPRESSED_SHARE = 0.05

Recode = Callable[[pd.Series], pd.Series]


@dataclass(frozen=True)
class Hierarchy:
    """Levels above the original value of one column; the last level leaves it out."""

    column: str
    levels: tuple[tuple[str, Recode], ...]  # (name of the level, original → recoded)


def leave_out(values: pd.Series) -> pd.Series:
    return pd.Series([None] * len(values), index=values.index, dtype=object)


@dataclass
class Outcome:
    frame: pd.DataFrame  # the records kept, recoded and suppressed
    levels: dict[str, str]  # column → name of the level it was recoded to (if any)
    rows: int  # records in
    suppressed_rows: int  # records whose quasi-identifiers were all blanked
    suppressed_values: int  # values blanked by that (values that were not empty yet)
    removed_rows: int  # suppressed records left out, their group being below k
    achieved_k: int  # the smallest group in the file (0 for an empty file)


def group_sizes(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """For every record, how many records share its values of `columns`."""
    if frame.empty:
        return np.zeros(0, dtype=int)
    if not columns:
        return np.full(len(frame), len(frame))
    groups = frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    return np.bincount(groups)[groups]


def anonymise(
    frame: pd.DataFrame,
    hierarchies: list[Hierarchy],
    k: int,
    max_suppressed_share: float = MAX_SUPPRESSED_SHARE,
) -> Outcome:
    """`frame` made k-anonymous over the columns of `hierarchies` (see the module text)."""
    columns = [h.column for h in hierarchies]
    original = frame[columns]
    recoded = original.astype(object).where(original.notna(), None)
    level = dict.fromkeys(columns, 0)
    allowed = int(max_suppressed_share * len(frame))
    while True:
        rare = group_sizes(recoded, columns) < k
        if rare.sum() <= allowed:
            break
        candidates = [h for h in hierarchies if level[h.column] < len(h.levels)]
        if not candidates:  # cannot happen: at the top all records form one group ≥ k
            break
        # Datafly: generalise the attribute with the most distinct values (ties: the
        # first in the list, which puts the date first).
        chosen = max(candidates, key=lambda h: recoded[h.column].nunique(dropna=False))
        level[chosen.column] += 1
        _name, recode = chosen.levels[level[chosen.column] - 1]
        recoded[chosen.column] = recode(original[chosen.column]).astype(object)
    suppressed_values = int(recoded[rare].notna().to_numpy().sum())
    recoded.loc[rare, columns] = None
    sizes = group_sizes(recoded, columns)
    removed = rare & (sizes < k)
    result = frame.copy()
    result[columns] = recoded
    result = result[~removed]
    kept_sizes = sizes[~removed]
    return Outcome(
        frame=result,
        levels={h.column: h.levels[level[h.column] - 1][0] for h in hierarchies if level[h.column]},
        rows=len(frame),
        suppressed_rows=int(rare.sum()),
        suppressed_values=suppressed_values,
        removed_rows=int(removed.sum()),
        achieved_k=int(kept_sizes.min()) if len(kept_sizes) else 0,
    )
