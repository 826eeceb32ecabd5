# The person and the office of a staff assignment or a certification are named in the reader's
# language in the admin ("Pengguna", "Kantor"). Names only: no change to the tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_session_generation"),
        ("offices", "0003_calendar_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certification",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="certifications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="pengguna",
            ),
        ),
        migrations.AlterField(
            model_name="staffassignment",
            name="office",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assignments",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="staffassignment",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assignments",
                to=settings.AUTH_USER_MODEL,
                verbose_name="pengguna",
            ),
        ),
    ]
