import pytest
from django.urls import reverse

from gehoord.contacts import service
from gehoord.contacts.models import Contact, Erasure, Purpose
from gehoord.tenancy.roles import Role


def test_create_contact_and_validation(client_a, org_a):
    response = client_a.post(
        reverse("contacts:contact_create"), {"name": "Alleen naam", "preferred_language": "nl"}
    )
    assert response.status_code == 200
    assert (
        "Vul minstens een e-mailadres, een mobiel nummer of een adres in."
        in response.content.decode()
    )
    assert Contact.objects.count() == 0
    response = client_a.post(
        reverse("contacts:contact_create"),
        {
            "name": "Fatima",
            "email": "fatima@example.org",
            "preferred_language": "nl",
            "birth_year": "1890",
        },
    )
    assert "Vul een geboortejaar in tussen 1900 en nu." in response.content.decode()
    response = client_a.post(
        reverse("contacts:contact_create"),
        {"name": "Fatima", "email": "fatima@example.org", "preferred_language": "nl"},
    )
    assert response.status_code == 302
    assert Contact.objects.get().organisation == org_a


def test_consent_and_withdraw_through_screens(client_a, org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    client_a.post(
        reverse("contacts:consent_create", args=[contact.pk]),
        {"purpose": "panel", "legal_basis": "consent", "source": "phone"},
    )
    consent = contact.consents.get()
    assert consent.purpose == Purpose.PANEL and consent.is_active
    client_a.post(reverse("contacts:consent_withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert not consent.is_active
    bad = client_a.post(
        reverse("contacts:consent_create", args=[contact.pk]), {"purpose": "marketing"}, follow=True
    )
    assert "kon niet worden vastgelegd" in bad.content.decode()


def test_erase_needs_confirmation(client_a, org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    client_a.post(reverse("contacts:contact_erase", args=[contact.pk]))
    assert Contact.objects.filter(pk=contact.pk).exists()
    client_a.post(reverse("contacts:contact_erase", args=[contact.pk]), {"confirm": "yes"})
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert Erasure.objects.count() == 1


def test_opt_out_link_without_login(client, org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    url = reverse("contacts:opt_out", args=[contact.opt_out_token])
    page = client.get(url)
    assert page.status_code == 200 and "Geen uitnodigingen meer" in page.content.decode()
    contact.refresh_from_db()
    assert contact.opted_out_at is None  # a GET (e.g. a mail scanner) changes nothing
    done = client.post(url)
    assert "U krijgt geen uitnodigingen meer" in done.content.decode()
    contact.refresh_from_db()
    assert contact.opted_out_at is not None
    assert client.get(reverse("contacts:opt_out", args=["onbekend"])).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.INTERVIEWER, Role.PROVIDER_USER])
def test_identity_is_hidden_from_other_roles(client, make_member, org_a, role):
    contact = service.register_contact(org_a, email="a@example.org")
    client.force_login(make_member(role, org_a))
    assert client.get(reverse("contacts:contact_list")).status_code == 403
    assert client.get(reverse("contacts:contact_detail", args=[contact.pk])).status_code == 403


def test_team_lead_may_view_but_not_erase(client, make_member, org_a):
    contact = service.register_contact(org_a, email="a@example.org")
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    assert client.get(reverse("contacts:contact_detail", args=[contact.pk])).status_code == 200
    response = client.post(reverse("contacts:contact_erase", args=[contact.pk]), {"confirm": "yes"})
    assert response.status_code == 403 and Contact.objects.filter(pk=contact.pk).exists()


def test_search_and_panel_pages(client_a, org_a):
    contact = service.register_contact(
        org_a, name="Kees", email="kees@example.org", district="Oost"
    )
    service.register_contact(org_a, name="Marie", email="marie@example.org")
    page = client_a.get(reverse("contacts:contact_list") + "?q=kees").content.decode()
    assert "Kees" in page and "Marie" not in page
    service.give_consent(contact, Purpose.PANEL, legal_basis="consent", source="survey")
    panel = client_a.get(reverse("contacts:panel") + "?district=Oost").content.decode()
    assert "Kees" in panel and "1 inwoner" in panel
