"""`gehoord organisation create`: a platform operator sets up a new organisation.

The organisation gets the framework's indicators, drivers and standard question sets, and
its first administrator, who is sent a one-time link to choose a password (or, with
`--print-link`, the link is printed for the operator to pass on).
"""

import smtplib

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from gehoord.framework import service as framework_service
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role

BAD_INPUT = 2  # the exit code for input the command cannot use


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Set up organisations (platform operators only)."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create", help="a new organisation with its standard sets and first administrator"
        )
        create.add_argument("--name", required=True, help="e.g. 'Gemeente Zuiderstad'")
        create.add_argument(
            "--kind",
            required=True,
            help="gemeente, uitvoeringsorganisatie or servicebureau "
            "(or municipality, agency, service_bureau)",
        )
        create.add_argument("--inhabitants", required=True, help="inhabitants of the area served")
        create.add_argument("--admin-email", required=True, help="the first administrator")
        create.add_argument("--admin-name", default="", help="the administrator's name")
        create.add_argument("--slug", default="", help="short name; made from the name if empty")
        create.add_argument(
            "--print-link",
            action="store_true",
            help="print the one-time link instead of e-mailing it",
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "create":
            self.create(**options)

    def create(
        self,
        *,
        name: str,
        kind: str,
        inhabitants: str,
        admin_email: str,
        admin_name: str,
        slug: str,
        print_link: bool,
        **_: object,
    ) -> None:
        try:
            count = int(inhabitants.replace(".", "").replace("_", ""))
        except ValueError:
            raise CommandError(
                f"--inhabitants must be a whole number, not {inhabitants!r}.", returncode=BAD_INPUT
            ) from None
        try:
            validate_email(admin_email.strip())
            with transaction.atomic():
                organisation = tenancy_service.create_organisation(name, kind, count, slug=slug)
                installed = framework_service.install_defaults(organisation)
                membership, token = tenancy_service.invite_member(
                    organisation, admin_email, Role.ADMINISTRATOR, name=admin_name
                )
        except ValidationError as error:
            raise CommandError(_messages(error), returncode=BAD_INPUT) from None
        self.stdout.write(
            f"Organisation {organisation.name} ({organisation.slug}) is ready: "
            f"{installed.indicators} indicators, {installed.drivers} drivers and "
            f"{installed.questions} standard questions."
        )
        user = membership.user.get_username()
        if token and print_link:
            self.stdout.write(f"One-time link for {user} (valid 7 days):")
            self.stdout.write(tenancy_service.invite_link(token))
            return
        try:
            tenancy_service.send_invite(membership, token)
        except (smtplib.SMTPException, OSError) as error:
            # The organisation exists now; the operator can still pass the link on.
            message = f"The e-mail to {user} could not be sent ({error})."
            if token:
                message += (
                    f" Give them this one-time link instead: {tenancy_service.invite_link(token)}"
                )
            raise CommandError(message) from None
        self.stdout.write(f"Invitation sent to {user}.")
