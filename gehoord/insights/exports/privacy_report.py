"""The short report that goes with a responses export: what was done to protect people.

The job stores the numbers (`ExportJob.privacy_report`, from `Table.report`); this module
puts them into plain words, in the language active at the time, for the job page, the
Excel sheet, the SPSS document note and the text file beside a CSV.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def column_labels() -> dict[str, str]:
    return {
        "submitted_at": _("date"),
        "district": _("district"),
        "age_band": _("age band"),
        "version__number": _("questionnaire version"),
        "invitation_channel": _("invitation channel"),
        "channel": _("response channel"),
        "language": _("language"),
        "team__name": _("team"),
        "provider__name": _("provider"),
        "questionnaire__name": _("questionnaire"),
        "service__name": _("service"),
    }


def level_labels() -> dict[str, str]:
    return {
        "month": _("shown per month"),
        "quarter": _("shown per quarter"),
        "year": _("shown per year"),
        "small_as_other": _('districts with few responses together as "overig"'),
        "wider_bands": _("wider age bands (18-49, 50-64, 65+)"),
        "two_bands": _("two age bands (18-64, 65+)"),
        "left_out": _("left out"),
    }


def lines(report: dict) -> list[str]:
    """The report as sentences, the method first."""
    columns, levels = column_labels(), level_labels()
    result = [
        _(
            "No one may be recognisable in this file. Every combination of date, "
            "questionnaire, version, service, provider, team, district, age band, invitation "
            "channel, response channel and language occurs at least %(k)s times (the "
            "organisation's minimum number of responses). Achieved: at least %(achieved)s "
            "times."
        )
        % {"k": report["k"], "achieved": report["achieved_k"]}
    ]
    generalised = report.get("generalised") or {}
    if generalised:
        result.append(_("To reach this, for all rows alike:"))
        result += [
            f"- {columns.get(column, column)}: {levels.get(level, level)}"
            for column, level in generalised.items()
        ]
    else:
        result.append(_("No attribute needed to be made coarser."))
    if report["suppressed_rows"]:
        result.append(
            ngettext(
                "%(rows)s response still had a rare combination: all its attributes above "
                "were left empty (%(values)s values), so the empty values do not point to "
                "one group.",
                "%(rows)s responses still had a rare combination: all their attributes above "
                "were left empty (%(values)s values), so the empty values do not point to "
                "one group.",
                report["suppressed_rows"],
            )
            % {"rows": report["suppressed_rows"], "values": report["suppressed_values"]}
        )
    if report["removed_rows"]:
        result.append(
            ngettext(
                "%(rows)s of them was left out of the file, because even together they "
                "were fewer than %(k)s.",
                "%(rows)s of them were left out of the file, because even together they "
                "were fewer than %(k)s.",
                report["removed_rows"],
            )
            % {"rows": report["removed_rows"], "k": report["k"]}
        )
    result.append(
        _("The file holds %(exported)s of the %(rows)s responses in the selection.")
        % {"exported": report["rows_exported"], "rows": report["rows"]}
    )
    result.append(
        ngettext(
            "Open answers: personal data (BSN, e-mail address, phone number, IBAN, address, "
            "names) replaced by [BSN], [e-mail] and so on; %(n)s answer was changed.",
            "Open answers: personal data (BSN, e-mail address, phone number, IBAN, address, "
            "names) replaced by [BSN], [e-mail] and so on; %(n)s answers were changed.",
            report.get("masked_answers", 0),
        )
        % {"n": report.get("masked_answers", 0)}
    )
    weighting = report.get("weighting")
    if weighting:
        result.append(weighting_line(weighting))
    return result


def weighting_line(weighting: dict) -> str:
    """Whether the file carries the weight variable, and why not."""
    if weighting.get("withheld_for"):
        return _(
            "No weight variable: an attribute it is based on was made coarser above, and the "
            "weight would give the finer group back."
        )
    if not weighting.get("usable"):
        return _(
            "No weight variable: the numbers of the population could not be met (a group "
            "without responses)."
        )
    return _(
        "The variable gewicht is the weight of each response (raking to the numbers of the "
        "population); weighting costs precision: design effect %(deff)s, effective n "
        "%(neff)s. It is empty where the attributes were left empty."
    ) % {
        "deff": str(weighting["design_effect"]).replace(".", ","),
        "neff": str(weighting["effective_n"]).replace(".", ","),
    }


def as_text(report: dict) -> str:
    return "\r\n".join(lines(report)) + "\r\n"
