"""The diverging agreement bars: each statement's disagreeing share to the left of zero,
the agreeing share to the right, the neutral rest across zero, 95% intervals at both
ends; hidden statements left out; axis labels in the Dutch notation. Also drawn by
vl-convert, the renderer of the PDF reports."""

import re

from django.utils.translation import override

from gehoord.insights.charts import agreement, common
from gehoord.insights.figures import share_figure
from gehoord.insights.metrics import QuestionFigure, Sums
from gehoord.insights.stats import MeanSums, ShareCounts

MINIMUM_N = 10


def statement(label, n, agree, disagree):
    return (
        label,
        share_figure(ShareCounts(n, agree), MINIMUM_N),
        share_figure(ShareCounts(n, disagree), MINIMUM_N),
    )


def test_each_side_starts_where_the_neutral_half_ends():
    rows = agreement.rows([statement("Snel geholpen", 100, 60, 20)])
    (row,) = rows
    assert (row["agree"], row["disagree"], row["neutral"]) == (60.0, 20.0, 20.0)
    assert row["half"] == 10.0
    # The intervals sit at the outer end of each side: around 10 + 60 and −(10 + 20).
    assert (row["agree_low"], row["agree_high"]) == (10 + 50, 10 + 69)  # Wilson 50,2–69,2
    assert (row["disagree_low"], row["disagree_high"]) == (-(10 + 13), -(10 + 29))
    assert (row["agree_text"], row["disagree_text"], row["neutral_text"]) == ("60%", "20%", "20%")
    parts = agreement._parts(rows)
    assert [(p["start"], p["end"]) for p in parts] == [(-30, -10), (-10, 10), (10, 70)]


def test_most_agreement_first_and_hidden_statements_left_out():
    rows = agreement.rows(
        [
            statement("Vriendelijk", 100, 40, 30),
            statement("Duidelijk", 100, 80, 5),
            statement("Te weinig", 5, 5, 0),  # below the minimum n
        ]
    )
    assert [row["statement"] for row in rows] == ["Duidelijk", "Vriendelijk"]
    assert agreement.agreement_bars([statement("Te weinig", 5, 5, 0)]) is None


def test_the_disagreement_of_a_question_follows_its_main_figure():
    sums = Sums(MeanSums(40, 120.0, 400.0), ShareCounts(40, 25), 0, 9)
    figure = QuestionFigure(1, "q", "Snel geholpen", "agreement", "", "", sums, MINIMUM_N)
    assert figure.main.shown and figure.disagreement.value == 22.5
    few = Sums(MeanSums(6, 18.0, 60.0), ShareCounts(6, 3), 0, 2)
    hidden = QuestionFigure(2, "r", "Duidelijk", "agreement", "", "", few, MINIMUM_N)
    assert not hidden.disagreement.shown
    # Summed sums carry the disagreeing count along.
    assert (sums + few).unfavourable == 11


def test_drawn_with_percent_labels_on_both_sides_in_dutch():
    spec = agreement.agreement_bars(
        [statement("Snel geholpen", 120, 70, 20), statement("Vriendelijk", 120, 90, 10)]
    )
    assert spec is not None and spec["autosize"]["type"] == "fit-x"
    with override("nl"):
        svg = common.to_svg(spec)
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    for label in ("100%", "50%", "0%"):
        assert texts.count(label) == (1 if label == "0%" else 2), texts
    assert "Snel geholpen" in texts and "Vriendelijk" in texts and "Eens" in texts
    assert not any(t.startswith("-") for t in texts)
