from pathlib import Path

import auditlog.middleware
from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from whitenoise.middleware import WhiteNoiseMiddleware

from gehoord.client_address import client_address


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, without a warning about a collected-files folder that need not exist.

    In development WhiteNoise finds the files in the apps (WHITENOISE_USE_FINDERS) and
    nothing is collected, so STATIC_ROOT is absent and WhiteNoise would warn "No directory
    at" on every start. In production (no finders) the warning stays: there it means
    `gehoord collectstatic` was not run.
    """

    def add_files(self, root, prefix=None) -> None:
        if self.use_finders and root == self.static_root and not Path(root).is_dir():
            return
        super().add_files(root, prefix)


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the language switch.

    The browser's Accept-Language is ignored on purpose: staff and residents of a Dutch
    organisation get Dutch first, and English only by asking for it (the choice is kept
    in the language cookie).
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class AuditlogMiddleware(auditlog.middleware.AuditlogMiddleware):
    """django-auditlog's middleware, with the client address gehoord trusts.

    Out of the box it takes the first entry of `X-Forwarded-For`, which any visitor can
    write, so the audit log would record whatever address an attacker chose. Here the
    address comes from `gehoord.client_address`, which reads the header only from a
    configured trusted proxy; the port only then, too.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False):
            return None
        return client_address(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        if not settings.GEHOORD_TRUSTED_PROXY_HEADER:
            return None
        return auditlog.middleware.AuditlogMiddleware._get_remote_port(request)
