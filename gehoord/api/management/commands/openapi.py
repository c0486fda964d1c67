"""`gehoord openapi`: write the API's OpenAPI document (docs/openapi.json by default).

`--check` writes nothing and fails when the file differs from the generated document."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gehoord.api.api import openapi_document


class Command(BaseCommand):
    help = "Write (or with --check: compare) the committed OpenAPI document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="docs/openapi.json")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        document = openapi_document()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                raise CommandError(f"{path} is out of date: run `make openapi` and commit it")
            self.stdout.write(f"{path} is up to date")
            return
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"wrote {path}")
