"""Use cases of the improvement app; each runs in one transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.tenancy import events
from gehoord.tenancy.models import Organisation

from .models import (
    FINISHED,
    MAX_PER_QUARTER,
    Action,
    MaturityAnswer,
    MaturityScan,
    PublishedImprovement,
    Status,
)
from .pillars import STATEMENTS


@transaction.atomic
def save_action(action: Action, signals=None) -> Action:
    """Store an action; finishing it records the done date the effect is measured from."""
    if action.status in FINISHED and action.done_on is None:
        action.done_on = timezone.localdate()
    if action.status not in FINISHED:
        action.done_on = None
    if not action.blocked:
        action.blocker = ""
    before = (
        Action.objects.filter(pk=action.pk).values_list("status", flat=True).first()
        if action.pk
        else None
    )
    action.save()
    if before is not None and before != action.status:
        events.emit(
            action.organisation_id,
            "action.status_changed",
            f"action/{action.pk}",
            {"action": action.pk, "from": before, "to": action.status},
        )
    if signals is not None:
        action.signals.set(signals)
    return action


@transaction.atomic
def change_status(action: Action, status: str) -> Action:
    if status not in Status.values:
        raise ValidationError(_("Unknown status."))
    action.status = status
    return save_action(action)


@transaction.atomic
def set_blocker(action: Action, text: str) -> Action:
    action.blocked = bool(text.strip())
    action.blocker = text.strip()
    return save_action(action)


@transaction.atomic
def publish_improvement(
    organisation: Organisation,
    *,
    year: int,
    quarter: int,
    action: Action,
    you_said: str,
    we_did: str,
    published: bool = True,
    position: int | None = None,
) -> PublishedImprovement:
    """Add a finished action to a quarter's top five; a sixth is refused."""
    if action.organisation_id != organisation.pk:
        raise ValidationError(_("This action does not exist."))
    if action.status not in FINISHED:
        raise ValidationError(_("Only finished actions can be published."))
    existing = PublishedImprovement.objects.select_for_update().filter(
        organisation=organisation, year=year, quarter=quarter
    )
    if existing.filter(action=action).exists():
        raise ValidationError(_("This action is already listed for this quarter."))
    taken = set(existing.values_list("position", flat=True))
    if len(taken) >= MAX_PER_QUARTER:
        raise ValidationError(
            _("A quarter shows at most %(max)s improvements. Remove one first.")
            % {"max": MAX_PER_QUARTER}
        )
    if position is None or position in taken:
        position = min(set(range(1, MAX_PER_QUARTER + 1)) - taken)
    return PublishedImprovement.objects.create(
        organisation=organisation,
        year=year,
        quarter=quarter,
        position=position,
        action=action,
        you_said=you_said,
        we_did=we_did,
        published=published,
    )


@transaction.atomic
def move_improvement(item: PublishedImprovement, direction: int) -> None:
    """Swap an item with its neighbour in the quarter's order (direction -1 up, +1 down)."""
    siblings = list(
        PublishedImprovement.objects.select_for_update()
        .filter(organisation_id=item.organisation_id, year=item.year, quarter=item.quarter)
        .order_by("position")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other_index = index + direction
    if not 0 <= other_index < len(siblings):
        return
    other = siblings[other_index]
    a, b = item.position, other.position
    # Three steps, because (quarter, position) is unique at every moment.
    item.position = 0
    item.save(update_fields=["position"])
    other.position = a
    other.save(update_fields=["position"])
    item.position = b
    item.save(update_fields=["position"])


@transaction.atomic
def start_scan(
    organisation: Organisation, held_on: date, targets: dict[str, int], title: str = ""
) -> MaturityScan:
    return MaturityScan.objects.create(
        organisation=organisation, held_on=held_on, targets=targets, title=title
    )


@transaction.atomic
def answer_scan(scan: MaturityScan, respondent, levels: dict[str, int]) -> None:
    """Store one staff member's levels; answering again replaces their earlier answers."""
    for code, level in levels.items():
        if code not in STATEMENTS or not 1 <= int(level) <= 5:
            raise ValidationError(_("Choose a level from 1 to 5 for every statement."))
    for code, level in levels.items():
        MaturityAnswer.objects.update_or_create(
            scan=scan, respondent=respondent, statement=code, defaults={"level": int(level)}
        )
