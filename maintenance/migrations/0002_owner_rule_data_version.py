from django.db import migrations

from motovault import data_version
from vehicles import owner_rule

RECORD_TABLES = ["maintenance_servicerecord", "maintenance_reminder"]
OWNED_TABLES = [*RECORD_TABLES, "maintenance_remindersettings", "maintenance_channel", "maintenance_notice"]


class Migration(migrations.Migration):
    dependencies = [
        ("maintenance", "0001_initial"),
        ("vehicles", "0004_records_owner_is_vehicle_owner"),
    ]

    operations = [
        *(migrations.RunSQL(owner_rule.add_sql(table), owner_rule.drop_sql(table)) for table in RECORD_TABLES),
        *(
            migrations.RunSQL(data_version.create_triggers(table), data_version.drop_triggers(table))
            for table in OWNED_TABLES
        ),
    ]
