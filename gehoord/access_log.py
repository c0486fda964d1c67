"""Personal data stays out of the logs: the access log and the application log.

A survey invitation, an opt-out or a call-back is a personal link (`/v/<token>/`,
`/afmelden/<token>/`, `/terugbellen/<reference>/`), and so is a password reset link; a
query string may hold anything a form sent. Logs are kept longer and read by more people
than the data itself, and an erasure cannot reach them, so they never hold these: the
link's secret part becomes `***`, a query string `?***`, and an e-mail address `***`. The
access log leaves out the client's IP address and the referer (which is often a personal
link itself).

`gunicorn_config` makes gunicorn use `AccessLogger`; the settings' LOGGING puts
`MaskPersonalData` on the console handler. With GEHOORD_LOG_FORMAT=json both write one
JSON object per line (`JsonFormatter`), masked the same way.
"""

import json
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger

from .config import read

MASK = "***"
SEGMENT = r"[^/?#\s\"]+"
PERSONAL_LINKS = [
    re.compile(rf"(/(?:v|afmelden|terugbellen)/){SEGMENT}"),
    re.compile(rf"(/wachtwoord-herstellen/)(?!klaar/){SEGMENT}/{SEGMENT}"),
]
QUERY_STRING = re.compile(r"\?[^\s\"#]+")
EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.UNICODE)


def _masked(found: re.Match[str]) -> str:
    prefix = found.group(1)
    segments = found.group(0)[len(prefix) :].split("/")
    return prefix + "/".join(MASK for _segment in segments)


def mask(text: str) -> str:
    """`text` without the secret part of personal links, query strings and e-mail addresses."""
    text = EMAIL.sub(MASK, text)
    text = QUERY_STRING.sub(f"?{MASK}", text)
    for link in PERSONAL_LINKS:
        text = link.sub(_masked, text)
    return text


class MaskPersonalData(logging.Filter):
    """Logging filter: masks the formatted message of every record (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message and, for an access
    log line, its parts; every text masked as above."""

    # gunicorn's access-log atoms worth a field of their own (already masked by AccessLogger).
    ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "b": "bytes", "M": "duration_ms"}

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            for atom, field in self.ACCESS_FIELDS.items():
                data[field] = mask(str(record.args.get(atom, "-")))
        if record.exc_info:
            data["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(data, ensure_ascii=False)


class AccessLogger(Logger):
    """gunicorn's logger, with every atom of the access log that may be personal masked."""

    # The client's IP address and user, the referer, and headers that name the client.
    LEFT_OUT = ("h", "u", "f", "{referer}i", "{x-forwarded-for}i", "{x-real-ip}i")

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = mask(value)
        for key in self.LEFT_OUT:
            atoms[key] = "-"
        if atoms.get("q"):
            atoms["q"] = MASK
        return atoms

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if read("GEHOORD_LOG_FORMAT") == "json":
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    if getattr(handler, "_gunicorn", False):
                        handler.setFormatter(JsonFormatter())
