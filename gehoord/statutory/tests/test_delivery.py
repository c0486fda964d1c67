"""The delivery file for the national monitor, byte for byte on a known fixture."""

from datetime import date

import pytest

from gehoord.statutory import delivery, service
from gehoord.statutory.figures import year_figures

from .helpers import wmo_world

pytestmark = pytest.mark.django_db

EXPECTED = (
    "jaar;wet;organisatie;indicator;vraag;percentage_eens;n;respons_percentage;onderdrukt\r\n"
    "2025;wmo;alfa;wmo_01_wist_waar;Ik wist waar ik moest zijn met mijn hulpvraag.;"
    "75,0;12;30,0;nee\r\n"
    "2025;wmo;alfa;wmo_02_snel_geholpen;Ik werd snel geholpen.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_03_serieus;De medewerker nam mij serieus.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_04_samen_oplossingen;De medewerker en ik hebben in het gesprek "
    "samen naar oplossingen gezocht.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_05_clientondersteuner;Wist u dat u gebruik kon maken van een "
    "onafhankelijke cliëntondersteuner?;50,0;12;30,0;nee\r\n"
    "2025;wmo;alfa;wmo_06_kwaliteit;Ik vind de kwaliteit van de ondersteuning die ik "
    "krijg goed.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_07_past;De ondersteuning die ik krijg past bij mijn hulpvraag.;"
    ";;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_08_dingen_doen;Door de ondersteuning die ik krijg kan ik beter de "
    "dingen doen die ik wil.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_09_beter_redden;Door de ondersteuning die ik krijg kan ik mij "
    "beter redden.;;;30,0;ja\r\n"
    "2025;wmo;alfa;wmo_10_kwaliteit_leven;Door de ondersteuning die ik krijg heb ik een "
    "betere kwaliteit van leven.;;;30,0;ja\r\n"
).encode()


def test_delivery_file_of_a_known_year_byte_for_byte(org_a):
    plan, _questionnaire = wmo_world(org_a)
    service.close(plan, on=date(2026, 1, 15))
    assert delivery.delivery_csv(year_figures(plan)) == EXPECTED
    assert delivery.filename(year_figures(plan)) == "levering-wmo-2025-alfa.csv"


def test_a_figure_below_the_minimum_n_is_delivered_without_percentage_or_n(org_a):
    plan, _questionnaire = wmo_world(org_a)
    rows = {r.question.code: r for r in year_figures(plan).rows}
    # Five valid answers (seven "n.v.t." are not valid) is below the minimum of 10.
    assert rows["wmo_08_dingen_doen"].figure.suppressed
    assert rows["wmo_08_dingen_doen"].figure.n is None


def test_the_layout_is_stated_once_and_in_words():
    text = delivery.layout_text()
    assert text.splitlines()[0].startswith("jaar: ")
    assert [line.split(":")[0] for line in text.splitlines()] == [c.name for c in delivery.COLUMNS]
