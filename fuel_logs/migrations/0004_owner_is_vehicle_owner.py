from django.db import migrations

from vehicles import owner_rule


class Migration(migrations.Migration):
    dependencies = [
        ("fuel_logs", "0003_last_segment_index_data_version"),
        ("vehicles", "0004_records_owner_is_vehicle_owner"),
    ]

    operations = [
        migrations.RunSQL(owner_rule.add_sql("fuel_logs_fuellog"), owner_rule.drop_sql("fuel_logs_fuellog")),
    ]
