from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from imports import account
        from motovault.accountdata import RecordType, register

        register(RecordType("imports", "imports.ImportBatch", account.import_files))
