# The office of a complaint is named in the reader's language in the admin ("Kantor", not
# "Office"). A name only: no change to the table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_overdue_backlog_not_alerted"),
        ("offices", "0003_calendar_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="complaint",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
    ]
