"""Reads of outreach for other apps."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .models import Invitation, InvitationRule, ServiceEvent


def rules(organisation: Organisation) -> QuerySet[InvitationRule]:
    return (InvitationRule.objects.for_organisation(organisation)
            .select_related("service", "questionnaire"))


def events(organisation: Organisation) -> QuerySet[ServiceEvent]:
    return ServiceEvent.objects.for_organisation(organisation).select_related("service")


def invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.for_organisation(organisation).select_related("rule", "event")
