"""Users are keyed by (issuer, subject): changing OIDC_ISSUER without this gives everyone an
empty new account on their next sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Move every user of one OIDC issuer to another (run it when the provider's issuer string changes)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("old_issuer", help="the issuer the accounts were created under, exactly")
        parser.add_argument("new_issuer", help="the new OIDC_ISSUER, exactly as in the provider's tokens")
        parser.add_argument("--dry-run", action="store_true", help="say what would move, change nothing")

    @transaction.atomic
    def handle(self, old_issuer: str, new_issuer: str, dry_run: bool, **options) -> None:
        if old_issuer == new_issuer:
            raise CommandError("The two issuers are the same.")
        users = get_user_model().objects.select_for_update().filter(oidc_issuer=old_issuer).exclude(oidc_subject="")
        subjects = set(users.values_list("oidc_subject", flat=True))
        taken = sorted(
            get_user_model()
            .objects.filter(oidc_issuer=new_issuer, oidc_subject__in=subjects)
            .values_list("oidc_subject", flat=True)
        )
        if taken:
            raise CommandError(
                f"{len(taken)} subject(s) already have an account under {new_issuer!r} (signed in after the "
                f"change?): {', '.join(taken[:20])}. Merge or remove those accounts first; nothing was moved."
            )
        if dry_run:
            self.stdout.write(f"Would move {len(subjects)} user(s) from {old_issuer!r} to {new_issuer!r}.")
            return
        moved = users.update(oidc_issuer=new_issuer)
        self.stdout.write(self.style.SUCCESS(f"Moved {moved} user(s) from {old_issuer!r} to {new_issuer!r}."))
