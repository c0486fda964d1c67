from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError
from django.utils import timezone

from gehoord.contacts import query, service
from gehoord.contacts.models import (
    Consent,
    ConsentSource,
    Contact,
    Erasure,
    LegalBasis,
    Purpose,
    age_band_for,
)

CONSENT = {"legal_basis": LegalBasis.CONSENT, "source": ConsentSource.SURVEY}


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [
        (2008, "18-34"),
        (1992, "18-34"),
        (1991, "35-49"),
        (1961, "65-79"),
        (1940, "80+"),
        (2015, ""),
        (None, ""),
    ],
)
def test_age_band(birth_year, band):
    assert age_band_for(birth_year, 2026) == band


def test_register_contact_finds_the_same_resident(org_a, org_b):
    first = service.register_contact(org_a, name="Jan Jansen", email="Jan@Example.org")
    again = service.register_contact(org_a, email="jan@example.org", mobile="06-1234 5678")
    assert again.pk == first.pk and again.mobile == "0612345678"
    by_mobile = service.register_contact(org_a, mobile="0612345678", district="Noord")
    assert by_mobile.pk == first.pk and by_mobile.district == "Noord"
    elsewhere = service.register_contact(org_b, email="jan@example.org")
    assert elsewhere.pk != first.pk  # another organisation keeps its own register


def test_consent_per_purpose_and_withdrawal(org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    consent = service.give_consent(contact, Purpose.PANEL, **CONSENT)
    assert service.give_consent(contact, Purpose.PANEL, **CONSENT) == consent
    with pytest.raises(IntegrityError):
        Consent.objects.create(
            contact=contact, purpose=Purpose.PANEL, given_at=consent.given_at, **CONSENT
        )


def test_opt_out_is_immediate_and_withdraws_consents(org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    service.give_consent(contact, Purpose.SURVEY_INVITATIONS, **CONSENT)
    service.give_consent(contact, Purpose.PANEL, **CONSENT)
    service.give_consent(contact, Purpose.CALL_BACK, **CONSENT)
    assert service.may_invite(contact) and query.panel(org_a).count() == 1
    assert service.opt_out(contact.opt_out_token) == contact
    contact.refresh_from_db()
    assert not service.may_invite(contact)
    assert query.panel(org_a).count() == 0
    active = set(
        contact.consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True)
    )
    assert active == {Purpose.CALL_BACK}  # a pending call-back is still honoured
    assert service.opt_out("unknown") is None


def test_panel_filters_by_segment(org_a):
    def member(email, **fields):
        contact = service.register_contact(org_a, email=email, **fields)
        service.give_consent(contact, Purpose.PANEL, **CONSENT)
        return contact

    young = member("j@example.org", district="Noord", birth_year=2000)
    old = member("o@example.org", district="Zuid", birth_year=1950, preferred_language="en")
    service.register_contact(org_a, email="niet@example.org", district="Noord")  # no consent
    assert set(query.panel(org_a)) == {young, old}
    assert list(query.panel(org_a, district="Noord")) == [young]
    assert list(query.panel(org_a, age_band="65-79", this_year=2026)) == [old]
    assert list(query.panel(org_a, age_band="80+", this_year=2026)) == []
    assert list(query.panel(org_a, language="en")) == [old]


def test_erasure_removes_identity_and_keeps_proof(org_a, admin_a):
    contact = service.register_contact(org_a, name="Piet Puk", email="piet@example.org")
    service.give_consent(contact, Purpose.PANEL, **CONSENT)
    former_id = contact.pk
    erasure = service.erase(contact, admin_a)
    assert not Contact.objects.filter(pk=former_id).exists()
    assert not Consent.objects.filter(contact_id=former_id).exists()
    assert erasure.former_contact_id == former_id and erasure.removed == {"consents": 1}
    assert Erasure.objects.get().erased_by == admin_a
    # The audit trail never held the name or address.
    for entry in LogEntry.objects.all():
        assert "Piet" not in str(entry.changes) and "Piet" not in entry.object_repr
        assert "piet@example.org" not in str(entry.changes)


def test_inactive_contacts_changed_nothing_since_and_are_not_in_the_panel(org_a, org_b):
    long_ago = timezone.now() - timedelta(days=100)
    since = timezone.now() - timedelta(days=50)

    def aged(name, **fields):
        contact = service.register_contact(org_a, name=name, **fields)
        Contact.objects.filter(pk=contact.pk).update(created_at=long_ago, updated_at=long_ago)
        return contact

    quiet = aged("Stil", email="stil@example.org")
    aged("Panel", email="panel@example.org")
    panel = Contact.objects.get(name="Panel")
    consent = service.give_consent(panel, Purpose.PANEL, **CONSENT)
    Consent.objects.filter(pk=consent.pk).update(given_at=long_ago)
    withdrew = aged("Ingetrokken", email="weg@example.org")
    service.give_consent(withdrew, Purpose.SURVEY_INVITATIONS, **CONSENT)
    Consent.objects.filter(contact=withdrew).update(given_at=long_ago)
    service.withdraw_consent(withdrew, Purpose.SURVEY_INVITATIONS)  # today: a change
    service.register_contact(org_a, name="Nieuw", email="nieuw@example.org")
    assert list(query.inactive_since(org_a, since)) == [quiet]
    assert list(query.inactive_since(org_b, since)) == []
    assert service.purge_contacts(query.inactive_since(org_a, since), dry_run=True) == 1
    assert service.purge_contacts(query.inactive_since(org_a, since)) == 1
    assert not Contact.objects.filter(pk=quiet.pk).exists()
    assert not Erasure.objects.exists()  # the retention run's audit entry counts them
