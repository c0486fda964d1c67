"""A figure reads on the screen as it is rounded in files and the API."""

import pytest
from django.utils import translation

from gehoord.insights.figures import mean_figure, share_figure
from gehoord.insights.stats import MeanSums, ShareCounts


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_a_mean_is_rounded_not_cut_off():
    # 20 grades with a mean of 7.98: the screen says 8,0 (Django's number_format alone
    # would cut it to 7,9, while the API and the files carry 8.0).
    figure = mean_figure(MeanSums(n=20, total=159.6, total_sq=20 * 7.98**2 + 19), minimum_n=10)
    assert figure.display == "8,0"
    low, high = figure.interval.split(" – ")
    assert low == f"{round(figure.ci_low, 1):.1f}".replace(".", ",")
    assert high == f"{round(figure.ci_high, 1):.1f}".replace(".", ",")


def test_a_share_is_rounded_to_a_whole_percentage():
    # 249 of 250 agree: 99.6 % reads 100 %, not 99 %.
    figure = share_figure(ShareCounts(n=250, successes=249), minimum_n=10)
    assert figure.display == "100%"
