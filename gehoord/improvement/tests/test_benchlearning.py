"""Benchlearning: practices of peers are shown only where peers of the same size class do
clearly better, only when shared, and named only when the peer opted in."""

import pytest

from gehoord.improvement.benchlearning import learning_rows
from gehoord.improvement.tests.factories import make_practice
from gehoord.insights import query as insights_query
from gehoord.insights.tests.factories import organisation_with_grade

pytestmark = pytest.mark.django_db


def test_shared_practices_of_better_peers_only_named_when_agreed():
    own = organisation_with_grade("eigen", 120_000, 200, 6.0)
    named = organisation_with_grade("genoemd", 130_000, 200, 8.0, named=True)
    anonymous = organisation_with_grade("anoniem", 140_000, 200, 8.0)
    organisation_with_grade("derde", 150_000, 200, 8.0)
    # A fourth peer: the size class minus the named peer must leave three (the complement
    # rule of insights.disclosure), or the size-class figure is hidden.
    organisation_with_grade("vierde", 160_000, 200, 8.0)
    other_class = organisation_with_grade("groot", 900_000, 200, 9.0, named=True)
    make_practice(named, "Vaste contactpersoon", "core_grade", shared=True)
    make_practice(anonymous, "Terugbelgarantie", "core_grade", shared=True)
    make_practice(anonymous, "GeheimeAanpak", "core_grade", shared=False)
    make_practice(other_class, "AndereKlasse", "core_grade", shared=True)

    rows = learning_rows(own, insights_query.rolling_window())
    grade = next(r for r in rows if r.row.code == "core_grade")
    shown = {p.what: p.organisation for p in grade.practices}
    assert shown == {"Vaste contactpersoon": "Gemeente genoemd", "Terugbelgarantie": ""}


def test_no_practices_where_peers_are_not_clearly_better():
    own = organisation_with_grade("eigen", 120_000, 200, 8.0)
    for i in range(3):
        peer = organisation_with_grade(f"peer{i}", 130_000, 200, 7.0, named=True)
        make_practice(peer, "x", "core_grade", shared=True)
    assert learning_rows(own, insights_query.rolling_window()) == []
