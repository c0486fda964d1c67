"""The administrator's view of the retention periods: the next run and the last one."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import require_capability

from . import retention_run

# What each count of a run is, in the words of the screen.
LABELS = {
    "follow_ups": _("closed follow-ups"),
    "signal_texts": _("texts of decided signals (blanked)"),
    "open_answers": _("open answers (blanked)"),
    "text_analyses": _("text analyses of those answers"),
    "classifier_models": _("stored theme classifiers (trained again)"),
    "service_events": _("service events"),
    "invitations": _("invitations"),
    "contacts": _("contacts"),
}


def _rows(counts: dict[str, int]) -> list[dict]:
    return [
        {"store": store, "label": LABELS[store], "count": counts.get(store, 0)}
        for store in retention_run.STORES
    ]


class RetentionView(TemplateView):
    """What the next nightly run will remove (a dry run of the same code) and what the
    last run removed (its audit-log entry)."""

    template_name = "insights/retention.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.VIEW_AUDIT_LOG)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        preview = retention_run.preview(organisation)
        last = preview["last_run"]
        return super().get_context_data(
            organisation=organisation,
            next_run=preview["next_run"],
            next_rows=_rows(preview["next_counts"]),
            last_run_at=last[0] if last else None,
            last_rows=_rows(last[1]) if last else [],
            **kwargs,
        )
