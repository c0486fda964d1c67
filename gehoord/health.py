"""Liveness of the parts a deployment depends on: database and background worker."""

from datetime import datetime

from django.db import connection
from django.utils import timezone

from .models import Heartbeat

WORKER = "worker"


def record_heartbeat(name: str = WORKER) -> datetime:
    """Store that `name` is alive now; returns the moment recorded."""
    now = timezone.now()
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now})
    return now


def last_heartbeat(name: str = WORKER) -> datetime | None:
    beat = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    return beat


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy", reported, not raised
        return False
