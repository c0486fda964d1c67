"""List the environment variables gehoord reads (declared in gehoord/config.py)."""

from django.core.management.base import BaseCommand

from gehoord import config


class Command(BaseCommand):
    help = (
        "List every environment variable gehoord reads, with its type, default and meaning; "
        "--markdown prints the table of the README."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--markdown", action="store_true", help="print the README's configuration table"
        )

    def handle(self, *args, markdown: bool, **options) -> None:
        if markdown:
            self.stdout.write(config.markdown_table(), ending="")
            return
        for part, title in config.PARTS.items():
            self.stdout.write(f"# {title}")
            for variable in config.VARIABLES:
                if variable.part == part:
                    self.stdout.write(
                        f"{variable.name} ({variable.type}; default "
                        f"{variable.shown()}): {variable.meaning}"
                    )
            self.stdout.write("")
