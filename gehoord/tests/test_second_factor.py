"""Two-step verification: set up an app, log in with its code or a backup code (once),
wrong codes refused and throttled, personal data closed without it, an administrator's
reset, the organisation's setting, and all of it in the audit log without the codes."""

import json
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.conftest import PASSWORD
from gehoord.contacts.tests.factories import make_contact
from gehoord.tenancy.backup_codes import BackupCode, matches
from gehoord.tenancy.roles import Role
from gehoord.tenancy.second_factor import backup_codes_left, required_for

LOGIN = reverse("login")
SETUP = reverse("tenancy:two_factor_setup")
VERIFY = reverse("tenancy:two_factor_verify")


def code_of(device: TOTPDevice, offset: int = 0) -> str:
    """The code the member's app shows now (offset: a wrong one beside it)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{(value + offset) % 1_000_000:06d}"


def entries(kind: str):
    return LogEntry.objects.filter(additional_data__kind=kind).order_by("pk")


def log_in(client, user, password=PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password})


def enrol(client, user) -> list[str]:
    """Log in, set up the app through the pages; the backup codes shown."""
    log_in(client, user)
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(SETUP, {"code": code_of(device)})
    assert done.status_code == 200 and done["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    return codes


@pytest.fixture
def analyst(make_member, org_a):
    return make_member(Role.ANALYST, org_a)


def test_setting_up_the_app_and_logging_in_with_its_code(unverified_client, analyst, clock):
    client = unverified_client
    log_in(client, analyst)
    # Before the second step every staff page leads to setting up the app.
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2F"
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "Scan deze QR-code" in page
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") in device.config_url
    # A wrong code: a clear Dutch message, and nothing is confirmed.
    wrong = client.post(SETUP, {"code": code_of(device, 1)}).content.decode()
    assert "Deze code klopt niet. Typ de 6 cijfers die de app nu laat zien." in wrong
    clock.shift(2)
    done = client.post(SETUP, {"code": code_of(device), "next": "/"}).content.decode()
    assert "Tweestapsverificatie staat aan." in done and "Uw reservecodes" in done
    assert client.get(reverse("home")).status_code == 200
    assert [e.additional_data["result"] for e in entries("two_factor_enrolment")] == [
        "failure",
        "success",
    ]

    # The next log-in asks for a code from the app.
    client.post(reverse("logout"))
    log_in(client, analyst)
    assert client.get(reverse("home"))["Location"] == VERIFY + "?next=%2F"
    clock.shift(31)  # the app shows the next code
    device.refresh_from_db()
    verified = client.post(VERIFY, {"code": code_of(device), "next": "/"})
    assert verified.status_code == 302 and verified["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200
    [used] = entries("two_factor")
    assert used.additional_data["result"] == "success" and used.actor == analyst
    assert used.changes_dict == {"method": ["None", "app"]}


def test_a_backup_code_works_once(unverified_client, analyst, clock):
    client = unverified_client
    codes = enrol(client, analyst)
    client.post(reverse("logout"))
    log_in(client, analyst)
    assert client.post(VERIFY, {"code": codes[0].upper()})["Location"] == reverse("home")
    assert backup_codes_left(analyst) == 9
    client.post(reverse("logout"))
    log_in(client, analyst)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert "Deze code klopt niet. Controleer de code en probeer het opnieuw." in (
        again.content.decode()
    )
    clock.shift(5)
    assert client.post(VERIFY, {"code": codes[1]})["Location"] == reverse("home")
    results = [e.additional_data["result"] for e in entries("two_factor")]
    assert results == ["success", "failure", "success"]
    # With few codes left the member is told to get new ones.
    for stored in BackupCode.objects.filter(device__user=analyst):
        if not any(matches(code, stored.code_hash) for code in codes[2:4]):
            stored.delete()
    client.post(reverse("logout"))
    log_in(client, analyst)
    home = client.post(VERIFY, {"code": codes[2]}, follow=True).content.decode()
    assert "U heeft nog 1 reservecode." in home
    # No code is stored in the audit log.
    text = json.dumps(list(entries("two_factor").values()), default=str)
    assert not any(code in text for code in codes)


def test_wrong_codes_are_throttled(unverified_client, analyst, clock):
    client = unverified_client
    enrol(client, analyst)
    client.post(reverse("logout"))
    log_in(client, analyst)
    device = TOTPDevice.objects.get(user=analyst)
    clock.shift(31)
    with time_machine.travel(timezone.now(), tick=False):
        assert client.post(VERIFY, {"code": code_of(device, 1)}).status_code == 200
        # Right after a wrong code even the right one waits.
        refused = client.post(VERIFY, {"code": code_of(device)})
        assert refused.status_code == 429
        assert "Te vaak een verkeerde code. Wacht een minuut" in refused.content.decode()
    clock.shift(2)
    assert client.post(VERIFY, {"code": code_of(device)})["Location"] == reverse("home")
    results = [e.additional_data["result"] for e in entries("two_factor")]
    assert results == ["failure", "refused", "success"]


def test_contact_details_stay_closed_without_the_second_step(unverified_client, make_member, org_a):
    officer = make_member(Role.COMPLAINTS_OFFICER, org_a)
    contact = make_contact(org_a, name="Anna de Jong", email="anna@example.org")
    unverified_client.force_login(officer)
    response = unverified_client.get(reverse("contacts:contact_detail", args=[contact.pk]))
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert not entries("contact").exists()
    # A POST (such as starting an export) is sent to set up the app too, without a `next`.
    erase = unverified_client.post(reverse("contacts:contact_erase", args=[contact.pk]))
    assert erase.status_code == 302 and erase["Location"] == SETUP
    contact.refresh_from_db()


def test_roles_without_personal_data_and_single_sign_on_go_on(
    unverified_client, make_member, org_a
):
    interviewer = make_member(Role.INTERVIEWER, org_a)
    unverified_client.force_login(interviewer)
    assert unverified_client.get(reverse("home")).status_code == 200
    analyst = make_member(Role.ANALYST, org_a)
    unverified_client.force_login(analyst)
    session = unverified_client.session
    session["gehoord_sso"] = True
    session.save()
    assert unverified_client.get(reverse("home")).status_code == 200


def test_organisation_setting_off_asks_no_second_step(unverified_client, client_a, analyst, org_a):
    page = client_a.get(reverse("tenancy:settings")).content.decode()
    assert "Tweestapsverificatie verplicht" in page
    org_a.two_factor_required = False
    org_a.save()
    assert not required_for(analyst.memberships.select_related("organisation").get())
    log_in(unverified_client, analyst)
    assert unverified_client.get(reverse("home")).status_code == 200


def test_public_pages_stay_open_before_the_second_step(unverified_client, analyst):
    log_in(unverified_client, analyst)
    assert unverified_client.get(reverse("health")).status_code in (200, 503)
    assert unverified_client.get(SETUP).status_code == 200


def test_administrator_resets_a_members_verification(
    unverified_client, client_a, admin_a, analyst, org_a
):
    enrol(unverified_client, analyst)
    membership = analyst.memberships.get()
    page = client_a.get(reverse("tenancy:member_detail", args=[membership.pk])).content.decode()
    assert "Tweestapsverificatie herstellen" in page
    response = client_a.post(
        reverse("tenancy:member_reset_two_factor", args=[membership.pk]), follow=True
    )
    assert "stelt bij de volgende keer inloggen opnieuw tweestapsverificatie in" in (
        response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    assert not BackupCode.objects.filter(device__user=analyst).exists()
    [reset] = entries("two_factor_reset")
    assert reset.actor == admin_a and reset.object_pk == str(analyst.pk)
    assert reset.additional_data["organisation_id"] == org_a.pk
    assert analyst.username not in json.dumps(
        LogEntry.objects.filter(pk=reset.pk).values().get(), default=str
    )
    # The member sets up an app again at the next log-in.
    unverified_client.post(reverse("logout"))
    log_in(unverified_client, analyst)
    assert unverified_client.get(reverse("home"))["Location"].startswith(SETUP)
    # Nobody resets their own.
    own = admin_a.memberships.get()
    refused = client_a.post(reverse("tenancy:member_reset_two_factor", args=[own.pk]), follow=True)
    assert "Vraag een andere beheerder" in refused.content.decode()


def test_log_in_with_the_e_mail_address_in_any_case(unverified_client, make_member, org_a):
    page = unverified_client.get(LOGIN).content.decode()
    assert ">E-mailadres:<" in page
    member = make_member(Role.INTERVIEWER, org_a, username="jan.jansen@example.org")
    response = unverified_client.post(
        LOGIN, {"username": "  Jan.Jansen@EXAMPLE.org", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert int(unverified_client.session["_auth_user_id"]) == member.pk
    unverified_client.post(reverse("logout"))
    wrong = unverified_client.post(LOGIN, {"username": "JAN.JANSEN@example.org", "password": "x"})
    assert "Controleer uw e-mailadres en wachtwoord." in wrong.content.decode()
    # The failure is the account's, whatever the case typed.
    [failed] = LogEntry.objects.filter(
        additional_data__kind="login", additional_data__result="failure"
    )
    assert failed.object_pk == str(member.pk)
