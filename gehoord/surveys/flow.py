"""The respondent's way through one questionnaire: which page, which fields, what next."""

from dataclasses import dataclass

from django import forms

from gehoord.framework.models import VersionItem

from .answers import to_draft
from .conditions import visible_items
from .fields import build_form, field_name


@dataclass
class PageState:
    page: int
    pages: list[int]
    items: list[VersionItem]

    @property
    def number(self) -> int:
        return self.pages.index(self.page) + 1 if self.page in self.pages else 1

    @property
    def total(self) -> int:
        return len(self.pages)

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_last(self) -> bool:
        return self.number == self.total


def page_state(all_items: list[VersionItem], answers: dict, page: int) -> PageState:
    """The visible items of `page`; an empty or unknown page falls back to the first one."""
    shown = visible_items(all_items, answers)
    pages = sorted({i.page for i in shown}) or [1]
    if page not in pages:
        page = pages[0]
    return PageState(page=page, pages=pages, items=[i for i in shown if i.page == page])


def page_form(state: PageState, language: str, answers: dict, data=None) -> forms.Form:
    initial = {field_name(i): answers.get(str(i.pk)) for i in state.items}
    return build_form(state.items, language, data=data, initial=initial)


def cleaned_answers(form: forms.Form, items: list[VersionItem], only_valid: bool = False) -> dict:
    """Draft values keyed by item id. With only_valid, fields with errors are left out
    (used when leaving a page with "back" or "save", which must not lose good answers)."""
    values = {}
    for item in items:
        name = field_name(item)
        if only_valid and name in form.errors:
            continue
        if name in form.cleaned_data:
            values[str(item.pk)] = to_draft(form.cleaned_data[name])
    return values


def error_links(form: forms.Form) -> list[tuple[str, str, str]]:
    """(anchor, label, message) for the error summary; radio groups link to their first
    option, since the group itself has no focusable element."""
    links = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue  # shown separately, not tied to a field
        field = form[name]
        multiple = isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
        anchor = f"{field.auto_id}_0" if multiple else field.auto_id
        links.extend((anchor, field.label, message) for message in errors)
    return links
