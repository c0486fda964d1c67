from django.apps import AppConfig


class GehoordConfig(AppConfig):
    """The project package is an app too: it owns the shell templates, health and CLI commands."""

    name = "gehoord"
    label = "gehoord"
    verbose_name = "gehoord"
