from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from discussion.models import PersonalDataRequest
from discussion.services import erase_personal_data


class Command(BaseCommand):
    help = "Anonymise (default) or delete every comment written with an email address (RGPD request); logged."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--delete", action="store_true", help="Delete the comments instead of anonymising them."
        )
        parser.add_argument("--by", default="manage.py", help="Who handles the request (kept in the log).")

    def handle(self, email, delete=False, by="manage.py", **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        action = PersonalDataRequest.Action.DELETE if delete else PersonalDataRequest.Action.ANONYMISE
        count = erase_personal_data(email, action, done_by=by)
        self.stdout.write(f"{action}: {count} comment(s)")
