# The office, applicant, session and timestamps of bookings, ballots and NIK blocks are named in
# the reader's language in the admin ("Kantor", "Dibuat pada"). Names only: no change to the tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0010_setup_field_names"),
        ("offices", "0003_calendar_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="ballot",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="seed",
            field=models.CharField(max_length=64, verbose_name="benih"),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="status",
            field=models.CharField(
                choices=[("open", "Pendaftaran dibuka"), ("drawn", "Sudah diundi")],
                default="open",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="booking",
            name="account",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to=settings.AUTH_USER_MODEL,
                verbose_name="akun pemohon",
            ),
        ),
        migrations.AlterField(
            model_name="booking",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
        migrations.AlterField(
            model_name="booking",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="booking",
            name="profile",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="booking.applicantprofile",
                verbose_name="profil pemohon",
            ),
        ),
        migrations.AlterField(
            model_name="booking",
            name="session",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="booking.arrivalsession",
                verbose_name="sesi kedatangan",
            ),
        ),
        migrations.AlterField(
            model_name="nikblock",
            name="booking",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="booking.booking",
                verbose_name="booking",
            ),
        ),
        migrations.AlterField(
            model_name="nikblock",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
    ]
