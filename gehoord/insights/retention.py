"""How long insights keeps what it derived from open answers: the stored text analyses.

A text analysis keeps (masked) quotes of the open answers of its period, so once every
answer of that period is past `retention_days_open_answers` (and blanked in surveys), the
analysis goes too; a new run of that period would find no text.
"""

from datetime import date

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .models import TextAnalysis


def expired_text_analyses(organisation: Organisation, before: date) -> QuerySet[TextAnalysis]:
    return TextAnalysis.objects.for_organisation(organisation).filter(period_end__lt=before)


def purge_text_analyses(organisation: Organisation, before: date, *, dry_run: bool = False) -> int:
    """Delete text analyses of periods that ended before `before`; how many. With
    `dry_run`, only count."""
    analyses = expired_text_analyses(organisation, before)
    if dry_run:
        return analyses.count()
    return analyses.delete()[0]
