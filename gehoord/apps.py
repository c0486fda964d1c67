from django.apps import AppConfig


class GehoordConfig(AppConfig):
    """The project package is an app too: it owns the shell templates, health and CLI commands."""

    name = "gehoord"
    label = "gehoord"
    verbose_name = "gehoord"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from huey.contrib.djhuey import HUEY

        from gehoord.metrics import connect_task_signals
        from gehoord.staff_sessions import remember_log_in

        user_logged_in.connect(remember_log_in, dispatch_uid="gehoord.staff_sessions.log_in")
        connect_task_signals(HUEY)  # task counts and durations (Prometheus)
