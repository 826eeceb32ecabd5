# The office of the queue rules is named in the reader's language in the admin ("Kantor", not
# "Office"). A name only: no change to the table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0003_calendar_messages"),
        ("queueing", "0004_ticket_request_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="queuepolicy",
            name="office",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="queue_policy",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
    ]
