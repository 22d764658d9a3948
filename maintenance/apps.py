from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    name = "maintenance"
    verbose_name = "Maintenance"

    def ready(self) -> None:
        from maintenance import account, selectors
        from motovault.accountdata import RecordType, register
        from vehicles import cards, costs, due, odometer, sections, trash

        odometer.register(odometer.Source("maintenance.ServiceRecord", "date", "service"))
        sections.register(sections.Section("maintenance", "Maintenance", "maintenance:vehicle-list"))
        trash.register(trash.TrashSection("Services", "maintenance/trash_services.html", selectors.trashed_services))
        trash.register(trash.TrashSection("Reminders", "maintenance/trash_reminders.html", selectors.trashed_reminders))
        costs.register(
            costs.CostSource("maintenance", "Maintenance", selectors.service_months, grouped=selectors.service_grouped)
        )
        due.register(selectors.reminders_due)
        cards.register(selectors.next_reminder_facts)
        register(RecordType("services", "maintenance.ServiceRecord", account.service_files))
        register(RecordType("reminders", "maintenance.Reminder", account.reminder_files))
        register(RecordType("notification_channels", "maintenance.Channel", account.channel_files))
        register(RecordType("notices", "maintenance.Notice", account.notice_files))
        register(RecordType("reminder_settings", "maintenance.ReminderSettings", account.settings_files))
