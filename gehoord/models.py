"""The project's own rows, which belong to no app: heartbeats and locks of the background
work. They know no app, so every app's tasks may use them (through `gehoord.periodic`)."""

from django.db import models


class Heartbeat(models.Model):
    """Last moment something in the background proved it runs: the worker (`worker`), or a
    periodic task that completed (its lock name, see `gehoord.periodic`)."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class TaskLock(models.Model):
    """A periodic task runs while it holds this row; a worker killed mid-run leaves it
    behind, and from `expires_at` on the next run may take it over."""

    name = models.CharField(max_length=50, unique=True)
    token = models.CharField(max_length=32)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
