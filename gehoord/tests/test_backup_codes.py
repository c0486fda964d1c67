"""Backup codes are stored as salted hashes only; codes made before (django-otp's clear
text StaticToken) are hashed by the data migration and keep working once."""

import importlib
import json

from django.apps import apps
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.conftest import PASSWORD
from gehoord.tenancy.backup_codes import ITERATIONS, BackupCode
from gehoord.tenancy.roles import Role
from gehoord.tests.test_second_factor import LOGIN, VERIFY, enrol

MIGRATION = importlib.import_module("gehoord.tenancy.migrations.0007_hash_backup_codes")


def test_backup_codes_are_stored_only_as_salted_hashes(unverified_client, make_member, org_a):
    analyst = make_member(Role.ANALYST, org_a)
    codes = enrol(unverified_client, analyst)
    assert not StaticToken.objects.exists()
    stored = list(BackupCode.objects.filter(device__user=analyst).values())
    assert len(stored) == 10
    text = json.dumps(stored)
    assert not any(code in text for code in codes)
    hashes = [row["code_hash"] for row in stored]
    assert all(h.startswith(f"pbkdf2_sha256${ITERATIONS}$") for h in hashes)
    salts = {h.split("$")[2] for h in hashes}
    assert len(salts) == 10


def test_the_migration_hashes_codes_stored_in_clear_text(
    unverified_client, make_member, org_a, clock
):
    analyst = make_member(Role.ANALYST, org_a)
    TOTPDevice.objects.create(user=analyst, name="app", confirmed=True)
    device = StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in ("oldcode2", "oldcode3")
    )
    MIGRATION.hash_plain_codes(apps, None)
    assert not StaticToken.objects.exists()
    hashes = list(BackupCode.objects.filter(device=device).values_list("code_hash", flat=True))
    assert len(hashes) == 2 and not any("oldcode" in h for h in hashes)
    # The member logs in with an old code: it works, once.
    client = unverified_client
    client.post(LOGIN, {"username": analyst.username, "password": PASSWORD})
    assert client.post(VERIFY, {"code": "OLDCODE2"})["Location"] == reverse("home")
    assert BackupCode.objects.filter(device=device).count() == 1
    client.post(reverse("logout"))
    client.post(LOGIN, {"username": analyst.username, "password": PASSWORD})
    assert client.post(VERIFY, {"code": "oldcode2"}).status_code == 200
    clock.shift(5)
    assert client.post(VERIFY, {"code": "oldcode3"})["Location"] == reverse("home")
    assert not BackupCode.objects.filter(device=device).exists()
