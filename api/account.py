"""The API's settings in a user's export: tokens without their digests, webhooks without their
secrets (a credential does not belong in a zip file)."""

from collections.abc import Iterator

from motovault.accountdata import CsvFile, model_rows

from .models import AccessToken, Webhook


def token_files(user) -> Iterator[CsvFile]:
    rows = AccessToken.objects.filter(owner=user).order_by("pk")
    yield "api/tokens.csv", model_rows(rows, exclude=("owner", "digest"))


def webhook_files(user) -> Iterator[CsvFile]:
    rows = Webhook.objects.filter(owner=user).order_by("pk")
    yield "api/webhooks.csv", model_rows(rows, exclude=("owner", "secret"))
