from django.db import migrations, models

from motovault import data_version


class Migration(migrations.Migration):
    dependencies = [("motovault", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="user", name="data_version", field=models.BigIntegerField(default=0, editable=False)
        ),
        migrations.RunSQL(data_version.CREATE_FUNCTION, data_version.DROP_FUNCTION),
    ]
