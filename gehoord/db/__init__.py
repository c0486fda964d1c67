"""Database backends of gehoord (Django's own, with small changes)."""
