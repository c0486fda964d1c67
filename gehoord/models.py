from django.db import models


class Heartbeat(models.Model):
    """Last moment a background worker proved it runs (written by a periodic task)."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
