# The office, case, booklet, officers and MRZ lines of booklets, passports, checks and handovers
# are named in the reader's language in the admin. Names only: no change to the tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_field_names"),
        ("issuance", "0003_passport_replaced"),
        ("offices", "0003_calendar_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="booklet",
            name="delivery",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="booklets",
                to="issuance.bookletdelivery",
                verbose_name="penerimaan buku paspor",
            ),
        ),
        migrations.AlterField(
            model_name="booklet",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="booklets",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="booklet",
            name="spoiled_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dinyatakan rusak oleh",
            ),
        ),
        migrations.AlterField(
            model_name="booklet",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="diperbarui pada"),
        ),
        migrations.AlterField(
            model_name="bookletdelivery",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
        migrations.AlterField(
            model_name="bookletdelivery",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="booklet_deliveries",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="bookletdelivery",
            name="received_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diterima oleh",
            ),
        ),
        migrations.AlterField(
            model_name="handover",
            name="case",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="handover",
                to="cases.case",
                verbose_name="permohonan",
            ),
        ),
        migrations.AlterField(
            model_name="handover",
            name="officer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="petugas",
            ),
        ),
        migrations.AlterField(
            model_name="handover",
            name="passport",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="handover",
                to="issuance.passport",
                verbose_name="paspor",
            ),
        ),
        migrations.AlterField(
            model_name="passport",
            name="booklet",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="passport",
                to="issuance.booklet",
                verbose_name="buku paspor",
            ),
        ),
        migrations.AlterField(
            model_name="passport",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="passports",
                to="cases.case",
                verbose_name="permohonan",
            ),
        ),
        migrations.AlterField(
            model_name="passport",
            name="mrz_line1",
            field=models.CharField(max_length=44, verbose_name="MRZ baris 1"),
        ),
        migrations.AlterField(
            model_name="passport",
            name="mrz_line2",
            field=models.CharField(max_length=44, verbose_name="MRZ baris 2"),
        ),
        migrations.AlterField(
            model_name="passport",
            name="primary_identifier",
            field=models.CharField(max_length=200, verbose_name="identitas utama (MRZ)"),
        ),
        migrations.AlterField(
            model_name="passport",
            name="printed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dicetak oleh",
            ),
        ),
        migrations.AlterField(
            model_name="passport",
            name="secondary_identifier",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="identitas kedua (MRZ)"
            ),
        ),
        migrations.AlterField(
            model_name="qualitycheck",
            name="checked_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diperiksa oleh",
            ),
        ),
        migrations.AlterField(
            model_name="qualitycheck",
            name="passport",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="checks",
                to="issuance.passport",
                verbose_name="paspor",
            ),
        ),
    ]
