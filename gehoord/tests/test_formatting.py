"""The one formatter: Dutch notation in Dutch, English in English, never for machines."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from gehoord import formatting


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            ["12.543,9", "8,0", "35,2%", "35,2%", "t = 3,83; df = 12.542,9; p < 0,001", "z = 0,43"],
        ),
        (
            "en",
            ["12,543.9", "8.0", "35.2%", "35.2%", "t = 3.83; df = 12,542.9; p < 0.001", "z = 0.43"],
        ),
    ],
)
def test_numbers_percentages_and_tests_in_the_active_language(language, expected):
    with translation.override(language):
        assert [
            formatting.format_number(12543.94, 1),
            formatting.format_number(7.98, 1),  # rounded, not cut off
            formatting.format_percent(35.2, 1),
            formatting.format_share(0.352, 1),
            formatting.format_test("t", 3.8345, 0.00001, df=12542.94),
            formatting.format_statistic("z", 0.4349),
        ] == expected


def test_rounding_is_half_up_and_zero_has_no_sign():
    with translation.override("nl"):
        assert formatting.format_number(2.25, 1) == "2,3"
        assert formatting.format_number(Decimal("0.125"), 2) == "0,13"
        assert formatting.format_number(-0.04, 1) == "0,0"
        assert formatting.format_number(2000) == "2.000"


def test_nothing_to_format_reads_as_a_dash():
    assert formatting.format_number(None) == "–"
    assert formatting.format_percent("not a number") == "–"
    assert formatting.format_number(float("nan"), 1) == "–"
    assert formatting.format_date(None) == "–"


def test_p_values():
    with translation.override("nl"):
        assert formatting.format_p(0.0424) == "p = 0,042"
        assert formatting.format_p(0.0004) == "p < 0,001"


def test_dates_in_words():
    day = date(2026, 12, 3)
    with translation.override("nl"):
        assert formatting.format_date(day) == "3 december 2026"
    with translation.override("en"):
        assert formatting.format_date(day) == "3 December 2026"


def test_coordinates_always_have_a_point():
    with translation.override("nl"):
        assert formatting.plain_number(180) == "180.0"
        assert formatting.plain_number(12543.94, 2) == "12543.94"


def test_the_filters_are_in_every_template_without_loading():
    template = Template(
        "{{ v|number:1 }} {{ p|percent:1 }} {{ s|share_percent }} {{ q|p_value }} "
        '<line x1="{{ x|plain_number }}"/>'
    )
    context = Context({"v": 12543.94, "p": 35.25, "s": 0.76, "q": 0.5, "x": 180})
    with translation.override("nl"):
        assert template.render(context) == '12.543,9 35,3% 76% p = 0,500 <line x1="180.0"/>'
