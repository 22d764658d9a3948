from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "motovault-demo"


class Command(BaseCommand):
    help = "Create (or reset the password of) the demo account for password sign-in in development."

    def handle(self, *args, **options) -> None:
        if not settings.PASSWORD_LOGIN_ENABLED:
            raise CommandError("Password sign-in is off in these settings; a demo account would be useless.")
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"first_name": "Demo", "email": "demo@example.com"}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        verb = "Created" if created else "Ready"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}: demo account  username {DEMO_USERNAME}  password {DEMO_PASSWORD}")
        )
