"""`gehoord organisation create`: a new tenant with its standard sets and first administrator."""

import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gehoord.framework.models import Driver, Indicator, Question
from gehoord.framework.standard_sets import DRIVERS, INDICATORS, STANDARD_SETS
from gehoord.tenancy.models import Membership, Organisation, OrganisationKind
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

ARGS = [
    "create",
    "--name",
    "Gemeente Zuiderstad",
    "--kind",
    "gemeente",
    "--inhabitants",
    "64000",
    "--admin-email",
    "beheer@zuiderstad.example",
]


def test_creates_tenant_with_standard_sets_and_mails_the_administrator(
    capsys, smtp_inbox, settings
):
    settings.GEHOORD_BASE_URL = "https://gehoord.zuiderstad.example"
    call_command("organisation", *ARGS, "--admin-name", "Bea Beheer")
    out = capsys.readouterr().out
    organisation = Organisation.objects.get(name="Gemeente Zuiderstad")
    assert organisation.kind == OrganisationKind.MUNICIPALITY and organisation.inhabitants == 64000
    questions = sum(len(q) for q in STANDARD_SETS.values())
    assert Indicator.objects.filter(organisation=organisation).count() == len(INDICATORS)
    assert Driver.objects.filter(organisation=organisation).count() == len(DRIVERS)
    assert Question.objects.filter(organisation=organisation).count() == questions
    assert f"{len(INDICATORS)} indicators, {len(DRIVERS)} drivers and {questions}" in out
    membership = Membership.objects.get(organisation=organisation)
    assert membership.role == Role.ADMINISTRATOR
    assert membership.user.get_full_name() == "Bea Beheer"
    [message] = smtp_inbox.messages
    assert message["To"] == "beheer@zuiderstad.example"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert re.search(r"https://gehoord\.zuiderstad\.example/uitnodiging/\S+/", text)
    assert "Uw rol: Beheerder" in text


def test_print_link_sends_nothing(capsys, smtp_inbox):
    call_command("organisation", *ARGS, "--print-link")
    out = capsys.readouterr().out
    assert re.search(r"/uitnodiging/\S+/$", out.strip())
    assert smtp_inbox.messages == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--inhabitants": "veel"}, "--inhabitants must be a whole number, not 'veel'."),
        ({"--kind": "provincie"}, "Onbekende soort “provincie”"),
        ({"--admin-email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"--inhabitants": "-3"}, "inhabitants"),
    ],
)
def test_bad_input_exits_with_2_and_leaves_nothing(change, message):
    args = list(ARGS)
    for flag, value in change.items():
        args[args.index(flag) + 1] = value
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        call_command("organisation", *args)
    assert error.value.returncode == 2
    assert not Organisation.objects.exists()


def test_duplicate_name_exits_with_2(org_a):
    args = list(ARGS)
    args[args.index("--name") + 1] = org_a.name
    with pytest.raises(CommandError, match="Er is al een organisatie") as error:
        call_command("organisation", *args)
    assert error.value.returncode == 2
    assert Organisation.objects.count() == 1


@pytest.mark.real_clock
def test_console_script_exit_code(tmp_path):
    """The real `gehoord` command: an error message on stderr and exit code 2."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gehoord.cli",
            "organisation",
            "create",
            "--name",
            "X",
            "--kind",
            "gemeente",
            "--inhabitants",
            "twee",
            "--admin-email",
            "a@example.org",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "GEHOORD_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "sqlite:///" + str(tmp_path / "db.sqlite3"),
        },
    )
    assert result.returncode == 2
    assert "--inhabitants must be a whole number" in result.stderr
