"""A call-back follow-up goes back to Open Klant as an interne taak on the klantcontact that
led to the survey, and its outcome is read back (outreach holds the connection)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.outreach import query as outreach_query
from gehoord.outreach import service as outreach_service

from .models import FollowUp, FollowUpStatus


class WriteBackRefused(ValueError):
    """The follow-up cannot go to Open Klant; the message says why, for the user."""


def klantcontact_for(follow_up: FollowUp) -> str:
    """The latest klantcontact of the resident who left these call-back details."""
    return outreach_query.latest_klantcontact(
        follow_up.organisation,
        email=follow_up.contact_email,
        phone=follow_up.contact_phone,
    )


def write_back(follow_up: FollowUp, klantcontact_url: str = "") -> FollowUp:
    """Create the interne taak "call the resident back" on the klantcontact (by default the
    resident's latest one). Reads and writes Open Klant: call outside a transaction."""
    if follow_up.internal_task_url:
        raise WriteBackRefused(_("This follow-up is already an interne taak in Open Klant."))
    if follow_up.status == FollowUpStatus.CLOSED:
        raise WriteBackRefused(_("This follow-up is closed."))
    klantcontact_url = klantcontact_url or klantcontact_for(follow_up)
    if not klantcontact_url:
        raise WriteBackRefused(_("No klantcontact in Open Klant is known for this resident."))
    explanation = _("Handle before %(date)s.") % {"date": f"{follow_up.due_on:%d-%m-%Y}"}
    if follow_up.grade is not None:
        explanation += " " + _("Grade given: %(grade)s.") % {"grade": follow_up.grade}
    try:
        task = outreach_service.create_internal_task(
            follow_up.organisation,
            klantcontact_url,
            action=_("Call the resident back about their survey answers"),
            explanation=explanation,
        )
    except outreach_service.OpenKlantError as error:
        raise WriteBackRefused(
            _("Open Klant did not accept the task: %(reason)s") % {"reason": error}
        ) from error
    follow_up.internal_task_url, follow_up.internal_task_status = task.url, task.status
    follow_up.save(update_fields=["internal_task_url", "internal_task_status"])
    return follow_up


def read_back(follow_up: FollowUp) -> FollowUp:
    """Read the interne taak's status; once Open Klant marks it done ("verwerkt") the
    follow-up closes with the task's toelichting as outcome."""
    if not follow_up.internal_task_url:
        raise WriteBackRefused(_("This follow-up is not an interne taak in Open Klant."))
    try:
        task = outreach_service.read_internal_task(
            follow_up.organisation, follow_up.internal_task_url
        )
    except outreach_service.OpenKlantError as error:
        raise WriteBackRefused(
            _("Open Klant could not be read: %(reason)s") % {"reason": error}
        ) from error
    follow_up.internal_task_status = task.status
    fields = ["internal_task_status"]
    if task.done and follow_up.status != FollowUpStatus.CLOSED:
        follow_up.status = FollowUpStatus.CLOSED
        follow_up.outcome = task.explanation or _("Handled in Open Klant.")
        follow_up.closed_at = timezone.now()
        fields += ["status", "outcome", "closed_at"]
    follow_up.save(update_fields=fields)
    return follow_up


def read_back_open_tasks(limit: int = 500) -> int:
    """Read back every open follow-up that is an interne taak (the hourly task); returns
    how many Open Klant marked done. One unreachable Open Klant does not stop the others:
    its follow-ups are read again next time."""
    done = 0
    waiting = (
        FollowUp.objects.exclude(internal_task_url="")
        .exclude(status=FollowUpStatus.CLOSED)
        .select_related("organisation")
        .order_by("pk")[:limit]
    )
    for follow_up in waiting:
        try:
            done += read_back(follow_up).status == FollowUpStatus.CLOSED
        except WriteBackRefused:
            continue
    return done
