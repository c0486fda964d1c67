"""The chart specs (Vega-Lite, built with Altair): gaps where a month is suppressed, a
fitted axis, Dutch labels, driver labels that do not overlap and a radar drawn in numbers.
Each spec is also drawn by vl-convert, the renderer of the PDF reports."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.utils.translation import override

from gehoord.insights.charts import common, drivers, radar, trend


def figure(value, shown=True, spread=0.2):
    return SimpleNamespace(
        shown=shown,
        value=value,
        ci_low=value - spread,
        ci_high=value + spread,
        display=f"{value:.1f}".replace(".", ","),
        n=40 if shown else None,
    )


def grade_trend(suppressed=()):
    return [
        (date(2026, month, 1), figure(7.1 + month / 40, shown=month not in suppressed))
        for month in range(1, 13)
    ]


def values(spec, layer):
    """The rows a layer draws (Altair moves inline data into the spec's named datasets)."""
    data = layer.get("data") or spec["data"]
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def layers(spec, mark):
    return [
        layer
        for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark
    ]


def test_a_suppressed_month_is_a_gap_in_the_line_and_the_band():
    spec = trend.monthly_trend(grade_trend(suppressed={5}), grade=True)
    rows = values(spec, layers(spec, "line")[0])
    may = next(row for row in rows if row["month"] == "2026-05-01")
    assert may["value"] is None and may["low"] is None and may["high"] is None
    for mark in ("line", "area"):
        assert layers(spec, mark)[0]["mark"]["invalid"] == common.BREAK_AT_MISSING
    # Drawn, the line is two pieces: a move ("M") starts each piece of its path.
    svg = common.to_svg(spec)
    line = re.search(r'<g class="mark-line[^"]*"[^>]*>.*?<path[^>]* d="([^"]+)"', svg, re.S)
    assert line and line.group(1).count("M") == 2
    whole = common.to_svg(trend.monthly_trend(grade_trend(), grade=True))
    line = re.search(r'<g class="mark-line[^"]*"[^>]*>.*?<path[^>]* d="([^"]+)"', whole, re.S)
    assert line and line.group(1).count("M") == 1


def test_the_grade_axis_is_fitted_to_the_values_and_intervals():
    spec = trend.monthly_trend(grade_trend(), grade=True)
    domain = layers(spec, "line")[0]["encoding"]["y"]["scale"]["domain"]
    assert domain == [6.5, 8.0]  # 6,9–7,6 with intervals: not the whole 1–10
    assert common.padded_domain([9.8, 9.9], (1, 10), 0.5, 1) == [9.0, 10]
    assert common.padded_domain([1.2], (1, 10), 0.5, 1) == [1, 2.0]
    assert common.padded_domain([], (0, 100), 5, 10) == [0, 100]
    share = trend.monthly_trend([(date(2026, 1, 1), figure(48, spread=3))], grade=False)
    assert layers(share, "line")[0]["encoding"]["y"]["scale"]["domain"] == [45, 55]


def test_trend_labels_are_dutch_months_with_years_and_decimal_commas():
    with override("nl"):
        spec = trend.monthly_trend(grade_trend(), grade=True)
    svg = common.to_svg(spec, width=900)
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "jan 2026" in labels and "mrt 2026" in labels
    assert "7,0" in labels and not any(re.fullmatch(r"\d+\.\d+", label) for label in labels)
    assert "Rapportcijfer" in labels


def crowded_weights():
    names = ["Snelheid", "Vriendelijkheid", "Duidelijke uitleg", "Deskundigheid", "Bereik"]
    return [
        {"name": name, "share": 0.20 + i * 0.004, "performance": 60 + i, "quadrant": "keep"}
        for i, name in enumerate(names)
    ]


@pytest.mark.parametrize("width", ["container", 700])
def test_driver_labels_do_not_overlap_one_another(width):
    spec = drivers.driver_matrix(crowded_weights(), width=width)
    text_layers = layers(spec, "text")
    rows = values(spec, text_layers[0])
    plot_width = width if isinstance(width, int) else drivers.REFERENCE_WIDTH
    x_max = spec["layer"][3]["encoding"]["x"]["scale"]["domain"][1]
    y_low, y_high = spec["layer"][3]["encoding"]["y"]["scale"]["domain"]
    places = {p[0]: p for p in drivers.PLACES}
    boxes = []
    for row in rows:
        if row["place"] is None:
            continue
        x = row["importance"] / x_max * plot_width
        y = drivers.HEIGHT - (row["performance"] - y_low) / (y_high - y_low) * drivers.HEIGHT
        boxes.append(drivers._label_box(x, y, row["name"], places[row["place"]]))
    assert len(boxes) == len(rows)  # every label finds a place (the table holds them too)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not drivers._overlaps(a, b)
    if width == "container":  # on a phone's width, crowded labels take other sides
        assert len({row["place"] for row in rows}) > 1


def test_driver_matrix_has_axis_values_titles_and_the_average_rules():
    with override("nl"):
        spec = drivers.driver_matrix(crowded_weights(), width=600)
    svg = common.to_svg(spec)
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "Belang" in labels and "Score (aandeel eens)" in labels
    assert {"0%", "10%", "20%", "30%"} <= set(labels)  # importance axis values
    assert {"50%", "60%", "70%"} <= set(labels)  # performance axis values
    assert len(layers(spec, "rule")) == 2


def test_radar_is_drawn_in_numbers_with_every_pillar_label_on_its_own_spoke():
    names = ["Strategie", "Klantbegrip", "Klantreis", "Meten", "Governance", "Cultuur"]
    spec = radar.maturity_radar(names, [3.2, 2.5, 4.1, 2.0, 3.0, None], [4] * 6, None)
    for layer in spec["layer"]:
        for row in values(spec, layer):
            assert all(isinstance(row[k], int | float) for k in ("x", "y") if k in row)
    svg = common.to_svg(spec)
    positions = re.findall(r'<text[^>]*transform="translate\(([^)]+)\)"[^>]*>([^<]+)</text>', svg)
    by_name = {text: where for where, text in positions}
    assert set(names) <= set(by_name)
    assert len({by_name[name] for name in names}) == len(names)
    assert not re.search(r'\b[xy]="\d+,\d', svg)  # no decimal comma in a coordinate
