"""The `gehoord` console script: Django's manage.py under the project's own name.

`gehoord demo`, `gehoord serve`, `gehoord worker` and `gehoord seed` are management
commands of the project app; every Django command works too (`gehoord migrate`).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
