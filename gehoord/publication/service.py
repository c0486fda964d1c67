"""Use cases: what an organisation publishes, and digest subscriptions."""

from __future__ import annotations

from django.db import transaction

from gehoord.catalog import query as catalog_query
from gehoord.catalog.models import Provider
from gehoord.framework.models import Question
from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.models import Organisation
from gehoord.tenancy.roles import Capability, role_has

from . import digest
from .forms import AccessibilityStatementForm, DigestSubscriptionForm, PublicationSettingsForm
from .models import (
    AccessibilityStatement,
    DigestScope,
    DigestSubscription,
    PublicationSettings,
)
from .query import settings_of


@transaction.atomic
def save_settings(form: PublicationSettingsForm) -> PublicationSettings:
    return form.save()


@transaction.atomic
def publish(
    organisation: Organisation, services, questions: list[Question] = ()
) -> PublicationSettings:
    """Switch publication on for these services and selected items (used by the demo)."""
    current = settings_of(organisation)
    current.enabled = True
    current.save()
    current.services.set(services)
    current.selected_questions.set(questions)
    return current


@transaction.atomic
def save_subscription(form: DigestSubscriptionForm, user) -> DigestSubscription:
    subscription = form.save(commit=False)
    subscription.user = user
    if subscription.scope == DigestScope.ORGANISATION:
        subscription.team = None
    subscription.save()
    return subscription


@transaction.atomic
def subscribe(organisation: Organisation, user, team=None) -> DigestSubscription:
    subscription, _ = DigestSubscription.objects.update_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "active": True,
            "team": team,
            "scope": DigestScope.TEAM if team else DigestScope.ORGANISATION,
        },
    )
    return subscription


def provider_for_portal(membership) -> Provider | None:
    """The one provider a provider user sees; None means the portal shows nothing."""
    return catalog_query.provider_of(membership)


def send_monthly_digests(today=None) -> int:
    """Send every active subscriber the digest of the past month, once per month.

    `last_sent_for` makes a rerun (a retried task, a worker restart) skip those already sent.
    The digest depends only on organisation and team, so each is built and rendered once.
    """
    period = digest.past_month(today)
    sent = 0
    emails: dict[tuple[int, int | None], digest.Email] = {}
    pending = (
        DigestSubscription.objects.filter(active=True)
        .exclude(last_sent_for=period.start)
        .select_related("user", "team", "organisation")
    )
    for subscription in pending:
        # Someone who left the organisation, or now holds a role without results, gets
        # nothing: the digest carries figures and quotes. Nor does someone without address.
        if subscription.user.email and _may_receive(subscription):
            key = (subscription.organisation_id, subscription.team_id)
            if key not in emails:
                emails[key] = digest.render_email(
                    subscription.organisation, subscription.team, period
                )
            digest.send(emails[key], subscription.user.email)
            sent += 1
        DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_for=period.start)
    return sent


def _may_receive(subscription: DigestSubscription) -> bool:
    """Still a member who may read results; one limited to teams gets only a digest of one
    of their teams, never the whole organisation's."""
    for m in tenancy_query.memberships_of(subscription.user):
        if m.organisation_id == subscription.organisation_id and role_has(
            m.role, Capability.RECEIVE_DIGEST
        ):
            team_ids = catalog_query.team_ids_of(m)
            return team_ids is None or subscription.team_id in team_ids
    return False


def save_accessibility_statement(form: AccessibilityStatementForm) -> AccessibilityStatement:
    return form.save()


def record_accessibility_statement(organisation: Organisation, **fields) -> AccessibilityStatement:
    """Create or replace the organisation's statement (the demo and imports use this)."""
    statement, _created = AccessibilityStatement.objects.update_or_create(
        organisation=organisation, defaults=fields
    )
    return statement
