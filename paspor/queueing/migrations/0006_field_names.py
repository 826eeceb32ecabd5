# The office, service and booking of a queue ticket are named in the reader's language in the admin
# ("Kantor", not "Office"). Names only: no change to the table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0011_field_names"),
        ("offices", "0003_calendar_messages"),
        ("queueing", "0005_queue_policy_office_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ticket",
            name="booking",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ticket",
                to="booking.booking",
                verbose_name="booking",
            ),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tickets",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="service",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tickets",
                to="offices.officeservice",
                verbose_name="layanan",
            ),
        ),
    ]
