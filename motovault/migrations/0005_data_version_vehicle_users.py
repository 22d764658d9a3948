from django.db import migrations

from motovault import data_version


class Migration(migrations.Migration):
    """The data version moves for everyone who sees a vehicle (households), not only its owner."""

    dependencies = [("motovault", "0004_user_display_settings")]

    operations = [
        migrations.RunSQL(data_version.CREATE_VEHICLE_USERS, data_version.DROP_VEHICLE_USERS),
        migrations.RunSQL(data_version.CREATE_FUNCTION, migrations.RunSQL.noop),
    ]
