"""The project's form renderer: Django's, except that help text is escaped.

Django's own field template prints `field.help_text|safe`, so help text is trusted as
HTML. Here help text can come from what staff typed (a question's explanation in the bank
is a field's help text on the survey page and the interviewer form), so our field template
escapes it like any other value. Help text meant as markup must be a `SafeString`
(`format_html`), which escaping leaves as it is.
"""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "gehoord/forms/field.html"
