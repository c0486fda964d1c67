"""The theme screen: preview with the contrast check, refusal of unreadable themes, uploads,
and the stylesheet the resident pages load."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gehoord.tenancy.roles import Role
from gehoord.theming.models import OrganisationTheme

pytestmark = pytest.mark.django_db

URL = "/beheer/thema/"


def png(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(buffer, "PNG")
    return buffer.getvalue()


def tokens_file(document_color: str, name="tokens.json") -> SimpleUploadedFile:
    data = {
        "utrecht": {
            "document": {"color": {"value": document_color}},
            "button": {"primary-action": {"background-color": {"value": "#0b5394"}}},
        }
    }
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def test_preview_shows_the_contrast_and_saves_nothing(client_a, org_a):
    response = client_a.post(URL, {"shipped": "utrecht", "voorbeeld": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Contrastcontrole" in body and "21,00 : 1" in body
    assert not OrganisationTheme.objects.exists()


def test_a_shipped_theme_is_saved_and_served_to_residents(client_a, org_a, client):
    assert client_a.post(URL, {"shipped": "denhaag", "bewaren": "1"}).status_code == 302
    assert OrganisationTheme.objects.get(organisation=org_a).shipped == "denhaag"
    css = client.get(f"/o/{org_a.slug}/thema.css")
    assert css.status_code == 200 and css["Content-Type"] == "text/css"
    text = css.content.decode()
    assert ".gehoord-themed {" in text and "--gehoord-color-primary: #238541;" in text
    form = client.get(f"/o/{org_a.slug}/feedback/").content.decode()
    assert f'href="/o/{org_a.slug}/thema.css"' in form and 'class="gehoord-themed' in form


def test_an_unreadable_upload_is_refused_with_a_clear_message(client_a, org_a):
    response = client_a.post(URL, {"tokens_file": tokens_file("#cccccc"), "bewaren": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "moeilijk te lezen" in body and "Tekst op de pagina" in body
    assert not OrganisationTheme.objects.exists()


def test_a_readable_upload_and_a_logo_are_used(client_a, org_a, client):
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client_a.post(
        URL, {"tokens_file": tokens_file("#222222"), "logo": logo, "bewaren": "1"}
    )
    assert response.status_code == 302
    theme = OrganisationTheme.objects.get(organisation=org_a)
    assert theme.shipped == "" and theme.uploaded_name == "tokens.json"
    text = client.get(f"/o/{org_a.slug}/thema.css").content.decode()
    assert "--gehoord-color-text: #222222;" in text and f"/o/{org_a.slug}/logo" in text
    picture = client.get(f"/o/{org_a.slug}/logo")
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert bytes(picture.content) == png()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("t.json", b"{not json"), "geen leesbaar JSON-bestand"),
        (SimpleUploadedFile("t.json", b'{"kleur": {"value": "#000"}}'), "utrecht.document.color"),
    ],
)
def test_a_broken_tokens_file_is_refused(client_a, org_a, upload, message):
    response = client_a.post(URL, {"tokens_file": upload, "bewaren": "1"})
    assert response.status_code == 400 and message in response.content.decode()
    assert not OrganisationTheme.objects.exists()


def test_a_file_that_is_no_picture_is_refused(client_a, org_a):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client_a.post(URL, {"shipped": "utrecht", "logo": fake, "bewaren": "1"})
    assert response.status_code == 400
    assert not OrganisationTheme.objects.exists()


def test_without_a_theme_the_stylesheet_is_gehoords_own_and_no_logo(client, org_a):
    assert "own look" in client.get(f"/o/{org_a.slug}/thema.css").content.decode()
    assert client.get(f"/o/{org_a.slug}/logo").status_code == 404
    assert client.get("/o/onbekend/thema.css").status_code == 404


def test_only_administrators_change_the_theme(client, org_a, make_member):
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"shipped": "utrecht", "bewaren": "1"}).status_code == 403
    assert not OrganisationTheme.objects.exists()


def test_each_organisation_has_its_own_theme(client_a, org_a, org_b, client):
    OrganisationTheme.objects.create(organisation=org_b, shipped="rotterdam")
    client_a.post(URL, {"shipped": "utrecht", "bewaren": "1"})
    assert OrganisationTheme.objects.get(organisation=org_b).shipped == "rotterdam"
    assert "#c93675" in client.get(f"/o/{org_b.slug}/thema.css").content.decode()
