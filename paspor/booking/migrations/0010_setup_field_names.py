# The office and the arrival session of an office's booking setup are named in the reader's
# language in the admin ("Kantor", not "Office"). Names only: no change to the tables.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0009_booking_created_idx"),
        ("offices", "0003_calendar_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="arrivalsession",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="arrival_sessions",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="bookingpolicy",
            name="office",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="booking_policy",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="poolpolicy",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pool_policies",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="quotadefault",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="quota_defaults",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="quotadefault",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="booking.arrivalsession",
                verbose_name="sesi kedatangan",
            ),
        ),
        migrations.AlterField(
            model_name="quotaexception",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="quota_exceptions",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="quotaexception",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="booking.arrivalsession",
                verbose_name="sesi kedatangan",
            ),
        ),
    ]
