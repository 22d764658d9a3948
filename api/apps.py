from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from api import account, events
        from motovault.accountdata import RecordType, register

        events.connect()
        register(RecordType("api_deliveries", "api.Delivery", lambda user: ()))
        register(RecordType("api_webhooks", "api.Webhook", account.webhook_files))
        register(RecordType("api_tokens", "api.AccessToken", account.token_files))
