"""The provider comparison sorted on the server: every column both ways, hidden figures
last whatever their value, and a bad sort parameter gives the default order."""

from html import escape

import pytest
from django.urls import reverse

from gehoord.catalog.models import Service
from gehoord.insights.benchmarks import ProviderResult
from gehoord.insights.figures import Figure
from gehoord.insights.provider_table import sorted_providers

pytestmark = pytest.mark.django_db


class _Own:
    def __init__(self, main: Figure):
        self.main = main


def _provider(pk: int, name: str, value: float | None, *, hidden: bool = False):
    figure = Figure("mean", 30, value, None, None, suppressed=hidden)
    figures = {} if value is None and not hidden else {1: _Own(figure)}
    return ProviderResult(pk, name, figures, [], [])  # type: ignore[arg-type]


def test_hidden_figures_sort_last_in_both_directions_whatever_their_value():
    providers = [
        _provider(1, "Beta", 7.0),
        _provider(2, "Alfa", 9.9, hidden=True),  # its real value would top the list
        _provider(3, "Gamma", 6.0),
        _provider(4, "Delta", None),  # no answers to the question
        _provider(5, "Epsilon", 7.0),
    ]
    up = [p.name for p in sorted_providers(providers, 1, descending=False)]
    down = [p.name for p in sorted_providers(providers, 1, descending=True)]
    assert up == ["Gamma", "Beta", "Epsilon", "Alfa", "Delta"]
    # Equal values keep the name order; the hidden and the empty cell stay last, by name.
    assert down == ["Beta", "Epsilon", "Gamma", "Alfa", "Delta"]
    assert [p.name for p in sorted_providers(providers, None, descending=True)] == [
        "Gamma",
        "Epsilon",
        "Delta",
        "Beta",
        "Alfa",
    ]


def test_shown_figures_sort_on_the_value_the_screen_shows():
    providers = [_provider(1, "Beta", 7.04), _provider(2, "Alfa", 7.01)]
    # Both read 7,0: the order follows the names, never the digits the screen hides.
    assert [p.name for p in sorted_providers(providers, 1, descending=True)] == ["Alfa", "Beta"]


@pytest.fixture
def service(demo_org):
    return Service.objects.filter(organisation=demo_org, providers__isnull=False).first()


def _get(analyst, service, **params):
    response = analyst.get(reverse("insights:providers"), {"dienst": service.pk, **params})
    assert response.status_code == 200
    return response


def _values(table, index):
    return [row.cells[index].figure for row in table.rows]


def test_every_column_sorts_both_ways_with_hidden_figures_last(analyst, service):
    default = _get(analyst, service).context["table"]
    names = [row.provider.name for row in default.rows]
    assert len(names) >= 2
    assert names == sorted(names, key=str.casefold)
    for direction in ("op", "af"):
        table = _get(analyst, service, sorteer="naam", richting=direction).context["table"]
        shown = [row.provider.name for row in table.rows]
        assert shown == (names if direction == "op" else names[::-1])
        assert table.columns[0].aria_sort == ("ascending" if direction == "op" else "descending")
    for index, column in enumerate(default.columns[1:]):
        for direction in ("op", "af"):
            response = _get(analyst, service, sorteer=column.key, richting=direction)
            table = response.context["table"]
            figures = _values(table, index)
            shown = [f.value for f in figures if f is not None and f.shown]
            # Every shown figure comes before every empty or hidden one.
            assert [f is not None and f.shown for f in figures] == [True] * len(shown) + [False] * (
                len(figures) - len(shown)
            )
            assert shown == sorted(shown, reverse=direction == "af")
            sorted_header = [c for c in table.columns if c.aria_sort]
            assert [c.key for c in sorted_header] == [column.key]
            expected = "ascending" if direction == "op" else "descending"
            assert f'aria-sort="{expected}"' in response.content.decode()


def test_the_sort_links_keep_the_filters_and_turn_the_direction(analyst, service):
    table = _get(analyst, service, sorteer="naam", richting="op").context["table"]
    name, question = table.columns[0], table.columns[1]
    assert f"dienst={service.pk}" in name.url and "richting=af" in name.url
    assert f"sorteer={question.key}" in question.url and "richting=af" in question.url
    page = _get(analyst, service).content.decode()
    assert f'href="{escape(question.url)}"' in page


@pytest.mark.parametrize(
    "params",
    [
        {"sorteer": "bestaat-niet"},
        {"sorteer": "naam", "richting": "zijwaarts"},
        {"sorteer": "<script>", "richting": "<b>"},
        {"sorteer": ""},
    ],
)
def test_a_bad_sort_parameter_gives_the_default_order(analyst, service, params):
    default = _get(analyst, service).context["table"]
    table = _get(analyst, service, **params).context["table"]
    assert [r.provider.provider_id for r in table.rows] == [
        r.provider.provider_id for r in default.rows
    ]
    assert table.sorted_on == "naam" and table.direction == "op"


def test_hidden_cells_in_the_demo_sort_last(analyst, service):
    """A short period leaves some providers with too few responses: they come last."""
    default = _get(analyst, service, periode="2026-11").context["table"]
    for index, column in enumerate(default.columns[1:]):
        table = _get(analyst, service, periode="2026-11", sorteer=column.key, richting="af")
        figures = _values(table.context["table"], index)
        flags = [f is not None and f.shown for f in figures]
        assert flags == sorted(flags, reverse=True)
