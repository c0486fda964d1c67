"""Demo: Gemeente Voorbeeld publishes its Wmo results and its accessibility statement, and
one analyst gets the digest."""

from datetime import date

from django.contrib.auth import get_user_model

from gehoord.framework import query as framework_query
from gehoord.publication import service as publication_service

PUBLISHING_SLUGS = ("voorbeeld",)
SELECTED_ITEMS = ("wmo_02_snel_geholpen", "wmo_03_serieus", "wmo_06_kwaliteit")


def seed_publication(ctx) -> None:
    organisation = ctx.organisation
    if organisation.slug not in PUBLISHING_SLUGS:
        return
    wmo = [s for code, s in ctx.made.get("services", {}).items() if code.startswith("wmo")]
    items = list(framework_query.bank(organisation).filter(code__in=SELECTED_ITEMS))
    publication_service.publish(organisation, wmo, items)
    analyst = get_user_model().objects.filter(username=f"analist@{ctx.spec.email_domain}").first()
    if analyst is not None:
        publication_service.subscribe(organisation, analyst)
    publication_service.record_accessibility_statement(
        organisation,
        status="B",
        scope="De enquêtes, het meldingenformulier en de openbare resultaten in gehoord",
        signed_on=date(2026, 10, 1),
        evaluated_by="Toegankelijkheidsteam Gemeente Voorbeeld",
        evaluated_on=date(2026, 9, 15),
        known_issues=(
            "De grafieken in het PDF-jaarverslag hebben nog geen tekstalternatief; "
            "de tabel ernaast heeft dezelfde cijfers. Opgelost vóór 1 maart 2027."
        ),
        contact_email=f"toegankelijkheid@{ctx.spec.email_domain}",
        contact_phone="14 020",
    )
