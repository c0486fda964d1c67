"""Disclosure control that survives arithmetic: every way of differencing a hidden figure out
of the exits is tried on one generated organisation, and none gives it back.

Provider D of the Wmo has 4 grades (mean 3.0), below the minimum n of 10. Without secondary
suppression, (area × n − Σ shown × n) / (area n − Σ shown n) would be exactly D's grade on
the providers screen, in the API, the figures CSV and the public page; a test against the
rest would invert to it; the portal of a provider whose rest is D alone would show it.
"""

import csv
import io
import math
import re

import pytest
from django.urls import reverse

from gehoord.catalog import service as catalog_service
from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.framework import service as framework_service
from gehoord.framework.models import Question, Questionnaire
from gehoord.insights import metrics, periods
from gehoord.insights import query as insights
from gehoord.insights import service as insights_service
from gehoord.insights.models import ExportStatus, Grain, SegmentDimension, SegmentRollup
from gehoord.insights.tests.factories import make_rollup, organisation_with_grade
from gehoord.publication import query as publication
from gehoord.publication.tests.factories import make_publication_settings
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role
from gehoord.tenancy.tests.factories import make_organisation
from gehoord.testing import TEST_NOW

pytestmark = pytest.mark.django_db

# The suite's frozen day (not the day this module is imported): the rolling window ends on
# it and the reads pick the window's rollups by it.
TODAY = TEST_NOW.date()
WINDOW = periods.rolling_window(TODAY)
THIS_MONTH = periods.month(TODAY.year, TODAY.month)
MINIMUM_N = 10
# The precision a grade is shown with: a derivation closer than this would be a disclosure.
SHOWN_PRECISION = 0.05

# Wmo grades in the window: provider → (n, mean). D is below the minimum; C is the smallest
# shown provider and must be hidden beside it.
WMO = {"A": (60, 7.0), "B": (40, 6.0), "C": (25, 8.0), "D": (4, 3.0)}
HIDDEN = {"C", "D"}


def _grade(questionnaire, n, mean, **fields):
    # Variance 1 around `mean`, as every factory grade.
    return make_rollup(
        questionnaire, n, total=n * mean, total_sq=n * mean * mean + (n - 1), **fields
    )


@pytest.fixture
def world(make_member):
    organisation = make_organisation("verschil", 60_000, minimum_n=MINIMUM_N)
    framework_service.install_defaults(organisation)
    questionnaire = framework_service.create_questionnaire(organisation, "Wmo")
    wmo = make_service(organisation, "Wmo", code="wmo")
    help_ = make_service(organisation, "Hulp bij het huishouden", code="hulp")
    providers = {name: make_provider(organisation, f"Zorg {name}", [wmo]) for name in WMO}
    providers["B"].services.add(help_)
    providers["E"] = make_provider(organisation, "Zorg E", [help_])
    for name, (n, mean) in WMO.items():
        _grade(questionnaire, n, mean, service=wmo, provider=providers[name], period=WINDOW)
    # Household help: B and E only, so B's rest of the area is E alone.
    _grade(questionnaire, 30, 7.0, service=help_, provider=providers["B"], period=WINDOW)
    _grade(questionnaire, 12, 5.0, service=help_, provider=providers["E"], period=WINDOW)
    # This month: only B and D answered for the Wmo, so B's rest is D alone that month.
    for name, n, mean in (("B", 20, 6.0), ("D", 4, 3.0)):
        _grade(
            questionnaire,
            n,
            mean,
            service=wmo,
            provider=providers[name],
            grain=Grain.MONTH,
            period=THIS_MONTH,
        )
    # The window before: 6 grades, too few to compare with.
    before = periods.Period("window", *periods.previous_window(WINDOW.end))
    _grade(questionnaire, 6, 9.0, grain=Grain.PREVIOUS_WINDOW, period=before)
    make_publication_settings(organisation, services=[wmo, help_])
    user = make_member(Role.PROVIDER_USER, organisation)
    membership = Membership.objects.get(user=user, organisation=organisation)
    catalog_service.grant_provider_access(membership, providers["B"])
    key = tenancy_service.create_api_key(organisation, "verschil")[1]
    return organisation, wmo, help_, providers, user, key


def _derive(total: tuple[int, float], shown: list[tuple[int, float]]) -> tuple[int, float | None]:
    """What the area minus the shown providers gives: the hidden providers' n and mean."""
    n_total, mean_total = total
    n_rest = n_total - sum(n for n, _ in shown)
    if n_rest <= 0:
        return n_rest, None
    return n_rest, (n_total * mean_total - sum(n * m for n, m in shown)) / n_rest


def _recovers_a_hidden_grade(n: int, mean: float | None) -> bool:
    if mean is None:
        return False
    return any(n == WMO[name][0] or abs(mean - WMO[name][1]) < SHOWN_PRECISION for name in HIDDEN)


def test_no_route_gives_a_hidden_provider_back(world, client):
    organisation, wmo, help_, providers, user, key = world
    names = {p.pk: p.name for p in providers.values()}
    comparison = insights.provider_comparison(organisation, wmo.pk, WINDOW, names)
    area = comparison.questions[0]
    assert area.code == "core_grade" and area.main.n == sum(n for n, _ in WMO.values())
    by_name = {p.name[-1]: p.figures[area.question_id].main for p in comparison.providers}
    # Primary and secondary suppression, and no n for either.
    assert {name for name, f in by_name.items() if not f.shown} == HIDDEN
    assert by_name["D"].suppression == "too_few" and by_name["C"].suppression == "complementary"
    assert by_name["C"].n is None and by_name["D"].n is None

    # 1. Weighted area minus the shown providers, on the screen's figures.
    shown = [(f.n, f.value) for f in by_name.values() if f.shown]
    n_rest, mean_rest = _derive((area.main.n, area.main.value), shown)
    assert n_rest >= MINIMUM_N and not _recovers_a_hidden_grade(n_rest, mean_rest)

    # 2. Unweighted area × providers minus the shown providers: only shown ones are in it.
    unweighted = comparison.unweighted[area.question_id]
    assert unweighted.n == len(shown)
    assert unweighted.value * unweighted.n - sum(m for _, m in shown) == pytest.approx(0)

    # 3. The API and the figures CSV: the same, rounded as on screen, hidden without n.
    body = client.get(
        "/api/v1/figures/providers", {"service": "wmo"}, headers={"X-API-Key": key}
    ).json()
    api = {p["name"][-1]: p["questions"]["core_grade"] for p in body["providers"]}
    assert all(api[name]["n"] is None and api[name]["value"] is None for name in HIDDEN)
    shown_api = [(f["n"], f["value"]) for f in api.values() if f["n"] is not None]
    area_api = body["area"]["core_grade"]
    assert not _recovers_a_hidden_grade(*_derive((area_api["n"], area_api["value"]), shown_api))
    for figure in [area_api, *api.values()]:
        assert figure["value"] is None or figure["value"] == round(figure["value"], 1)

    rows = _figures_csv(organisation, wmo)
    grade_rows = {r["niveau"]: r for r in rows if r["code"] == "core_grade" and r["vergeleken_met"]}
    for name in HIDDEN:
        assert grade_rows[f"Zorg {name}"]["n"] == grade_rows[f"Zorg {name}"]["waarde"] == ""
    area_row = next(
        r for r in rows if r["code"] == "core_grade" and r["niveau"].startswith("Gebied")
    )
    csv_shown = [
        (int(r["n"]), float(r["waarde"].replace(",", "."))) for r in grade_rows.values() if r["n"]
    ]
    derived = _derive((int(area_row["n"]), float(area_row["waarde"].replace(",", "."))), csv_shown)
    assert not _recovers_a_hidden_grade(*derived)
    assert all(
        len(r["waarde"].replace(",", ".").partition(".")[2]) <= 1 for r in rows if r["waarde"]
    )

    # 4. A screen filtered on the secondary-hidden provider does not show it either.
    body = client.get(
        "/api/v1/figures",
        {"service": "wmo", "provider": providers["C"].pk},
        headers={"X-API-Key": key},
    ).json()
    grade = next(q for q in body["questions"] if q["question"] == "core_grade")
    assert grade["mean"]["n"] is None and grade["mean"]["suppression"] == "complementary"

    # 5. Test statistics: none for a hidden provider; a shown one's test is against a rest of
    # at least two providers and the minimum n, and inverts only to hidden providers pooled.
    for name in HIDDEN:
        assert by_name[name].test_description == "" and by_name[name].verdict == ""
    for name in ("A", "B"):
        figure = by_name[name]
        t, df = _t_and_df(figure.test_description)
        rest = _invert_welch(figure, t, df, area.main.n - figure.n)
        others = [(by_name[o].n, by_name[o].value) for o in ("A", "B") if o != name]
        n_rest, mean_rest = _derive(rest, others)
        assert not _recovers_a_hidden_grade(n_rest, mean_rest)

    # 6. The comparison with the window before (6 grades) shows no test at all.
    overall = next(f for f in insights_query_figures(organisation) if f.code == "core_grade")
    assert overall.mean.verdict == insights.Verdict.NOT_TESTABLE
    assert not re.search(r"\d", overall.mean.test_description)

    # 7. The public page: the same figures as the screen, hidden ones without n.
    html = client.get(
        reverse("publication:public_service", args=[organisation.slug, "wmo"])
    ).content.decode()
    for name in HIDDEN:
        row = re.search(rf"Zorg {name}</th>(.*?)</tr>", html, re.S).group(1)
        assert not re.search(r"\d", row)


def test_grade_by_district_hides_a_second_district_beside_a_small_one(world):
    organisation = world[0]
    questionnaire = Questionnaire.objects.get(organisation=organisation)
    grade = Question.objects.get(organisation=organisation, code="core_grade")
    for value, n, mean in (("Noord", 50, 7.0), ("Zuid", 30, 6.0), ("Oost", 3, 2.0)):
        SegmentRollup.objects.create(
            organisation=organisation,
            questionnaire=questionnaire,
            question=grade,
            dimension=SegmentDimension.DISTRICT,
            value=value,
            grain=Grain.WINDOW,
            period_start=WINDOW.start,
            period_end=WINDOW.end,
            n=n,
            total=n * mean,
            total_sq=n * mean * mean + (n - 1),
        )
    rows = {
        value: mean
        for value, mean, _share in metrics.segment_figures(
            organisation, WINDOW, SegmentDimension.DISTRICT, [grade.pk]
        )
    }
    assert rows["Noord"].shown
    assert rows["Oost"].suppression == "too_few" and rows["Zuid"].suppression == "complementary"
    assert rows["Oost"].n is None and rows["Zuid"].n is None


def test_the_portal_never_shows_a_provider_its_single_competitor(world, client):
    organisation, wmo, help_, providers, user, key = world
    sections = {s.service.code: s for s in publication.portal(organisation, providers["B"])}
    # Household help: the rest of B's area is E alone. No area, no verdict, no strengths.
    household = sections["hulp"]
    assert household.row.grade.shown and not household.row.rest_shown
    assert not household.area_grade.shown and household.area_grade.n is None
    assert household.row.strengths == household.row.weaknesses == []
    # The Wmo this month: B's rest is D alone, so the area of that month is hidden.
    this_month = next(p for p in sections["wmo"].trend if p.month == THIS_MONTH.start)
    assert this_month.own.shown and not this_month.area.shown and this_month.area.n is None
    # In the window B's rest is A, C and D: the area may be shown, and the rest it gives
    # B is A, C and D pooled, never C or D.
    window = sections["wmo"]
    assert window.row.rest_shown and window.area_grade.shown
    n_rest, mean_rest = _derive(
        (window.area_grade.n, window.area_grade.value),
        [(window.row.grade.n, window.row.grade.value), WMO["A"]],
    )
    assert not _recovers_a_hidden_grade(n_rest, mean_rest)

    client.force_login(user)
    html = client.get(reverse("publication:portal")).content.decode()
    # E's and D's grades, as a figure of their own (not inside a longer number like -5,07).
    assert not re.search(r"(?<![\d,])5,0(?!\d)", html)
    assert not re.search(r"(?<![\d,])3,0(?!\d)", html)


def test_the_benchmark_hides_all_organisations_when_it_minus_the_size_class_is_one(world):
    organisation = world[0]
    for i in range(3):
        organisation_with_grade(f"peer{i}", 55_000, 50, 6.5)
    organisation_with_grade("groot", 400_000, 80, 4.0)
    grade = next(r for r in insights.peer_benchmark(organisation, WINDOW) if r.code == "core_grade")
    assert grade.size_class.shown and grade.size_class_organisations == 3
    assert grade.everyone_organisations == 4
    # (All − size class) would be "groot" alone.
    assert not grade.everyone.shown and grade.everyone.n is None


def insights_query_figures(organisation):
    return metrics.question_figures(organisation, WINDOW, against=metrics.previous_period(WINDOW))


def _figures_csv(organisation, service) -> list[dict]:
    job = insights_service.request_export(
        organisation, None, "figures", "csv", {"period": "venster", "service_id": service.pk}
    )
    from gehoord.insights.exports import jobs

    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    text = bytes(job.content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _t_and_df(description: str) -> tuple[float, float]:
    # Dutch notation ("t = 1,91; df = 12.542,9"), as the screens write it.
    found = re.search(r"t = (-?[\d.,]+); df = ([\d.,]+)", description)
    assert found, description
    return _dutch_number(found.group(1)), _dutch_number(found.group(2))


def _dutch_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _invert_welch(own, t: float, df: float, n_rest: int) -> tuple[int, float]:
    """The rest's n and mean from a shown provider's Welch test (t, df) and its own figure:
    its sd comes from its interval, the rest's variance from the Welch–Satterthwaite df."""
    from scipy import stats

    half = (own.ci_high - own.ci_low) / 2
    sd = half * math.sqrt(own.n) / stats.t.ppf(0.975, own.n - 1)
    var_own = sd**2 / own.n
    # df = (a + b)² / (a²/(n1−1) + b²/(n2−1)), solved for b = var_rest / n_rest.
    best = min(
        (abs((var_own + b) ** 2 / (var_own**2 / (own.n - 1) + b**2 / (n_rest - 1)) - df), b)
        for b in (var_own * k / 1000 for k in range(1, 20_000))
    )[1]
    mean_rest = own.value - t * math.sqrt(var_own + best)
    return n_rest, mean_rest
