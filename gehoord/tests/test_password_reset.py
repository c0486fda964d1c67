"""Password reset by e-mail, sent through a real SMTP server (aiosmtpd)."""

import re

from django.urls import reverse


def test_password_reset_through_smtp(client, admin_a, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": admin_a.email})
    assert response.status_code == 302
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == admin_a.email
    assert message["Subject"] == "Kies een nieuw wachtwoord voor gehoord"
    mail = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Open dan deze link" in mail and "Open dan deze link" in html
    link = re.search(r"http://testserver(/wachtwoord-herstellen/[^/\s]+/[^/\s]+/)", mail).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "een-Nieuw-wachtwoord-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert client.login(username=admin_a.username, password=new_password)


def test_unknown_address_sends_nothing_and_reveals_nothing(client, db, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert smtp_inbox.messages == []


def test_invalid_address_gives_a_clear_message(client, db, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": "geen-adres"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()
