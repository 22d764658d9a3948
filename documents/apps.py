from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from pillow_heif import register_heif_opener

        from documents import account, selectors, services
        from motovault.accountdata import RecordType, register
        from vehicles import costs, due, sections, trash
        from vehicles.services import on_move

        register_heif_opener()  # HEIC photos are checked and previewed like any image
        sections.register(sections.Section("documents", "Documents", "documents:vehicle"))
        trash.register(trash.TrashSection("Documents", "documents/trash_section.html", selectors.trashed_documents))
        trash.on_purge(services.vehicle_purged)
        on_move(services.vehicle_moved)
        due.register(selectors.due_documents)
        costs.register(costs.CostSource("insurance", "Insurance", selectors.premium_months))
        register(RecordType("documents", "documents.Document", account.document_files, account.stored_files))
        register(RecordType("document_vehicles", "documents.DocumentVehicle", account.link_files))
        register(RecordType("document_preferences", "documents.DocumentPreferences", account.preference_files))
