from django.db import migrations

from motovault import data_version


class Migration(migrations.Migration):
    dependencies = [("ownedapp", "0001_initial"), ("motovault", "0002_user_data_version")]

    operations = [
        migrations.RunSQL(data_version.create_triggers("ownedapp_thing"), data_version.drop_triggers("ownedapp_thing")),
    ]
