# The case, office, bill, channel, reviewer and bank-notification columns of the payments admin are
# named in the reader's language. Names only: no change to the tables.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_field_names"),
        ("offices", "0003_calendar_messages"),
        ("payments", "0006_bill_office_issued_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="bill",
            name="case",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bill",
                to="cases.case",
                verbose_name="permohonan",
            ),
        ),
        migrations.AlterField(
            model_name="bill",
            name="issued_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diterbitkan oleh",
            ),
        ),
        migrations.AlterField(
            model_name="bill",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="bill",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="kode unik (UUID)"
            ),
        ),
        migrations.AlterField(
            model_name="billingcode",
            name="bill",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="codes",
                to="payments.bill",
                verbose_name="tagihan",
            ),
        ),
        migrations.AlterField(
            model_name="billitem",
            name="bill",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="items",
                to="payments.bill",
                verbose_name="tagihan",
            ),
        ),
        migrations.AlterField(
            model_name="billitem",
            name="fee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="payments.fee",
                verbose_name="tarif PNBP",
            ),
        ),
        migrations.AlterField(
            model_name="billitem",
            name="item",
            field=models.CharField(
                choices=[
                    ("ordinary_5", "Paspor biasa non-elektronik 5 tahun"),
                    ("ordinary_10", "Paspor biasa non-elektronik 10 tahun"),
                    ("electronic_5", "Paspor elektronik 5 tahun"),
                    ("electronic_10", "Paspor elektronik 10 tahun"),
                    ("express", "Layanan percepatan (selesai hari yang sama)"),
                    ("fine_lost", "Denda paspor hilang"),
                    ("fine_damaged", "Denda paspor rusak"),
                ],
                max_length=20,
                verbose_name="jenis tarif",
            ),
        ),
        migrations.AlterField(
            model_name="billitem",
            name="position",
            field=models.PositiveSmallIntegerField(verbose_name="nomor urut"),
        ),
        migrations.AlterField(
            model_name="fee",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="body_sha256",
            field=models.CharField(max_length=64, verbose_name="SHA-256 isi"),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="detail",
            field=models.TextField(blank=True, verbose_name="isi jawaban"),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="http_status",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="kode status HTTP jawaban"
            ),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="payment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="notifications",
                to="payments.payment",
                verbose_name="pembayaran",
            ),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="remote_addr",
            field=models.CharField(blank=True, max_length=64, verbose_name="alamat IP pengirim"),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="signature_header",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="tanda tangan (header)"
            ),
        ),
        migrations.AlterField(
            model_name="notificationlog",
            name="timestamp_header",
            field=models.CharField(
                blank=True, max_length=40, verbose_name="stempel waktu (header)"
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="billing_code",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payments",
                to="payments.billingcode",
                verbose_name="kode billing",
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="channel",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="payments",
                to="payments.paymentchannel",
                verbose_name="saluran pembayaran",
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="office",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="resolved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ditinjau pada"),
        ),
        migrations.AlterField(
            model_name="payment",
            name="resolved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ditinjau oleh",
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="source",
            field=models.CharField(
                choices=[
                    ("notification", "Notifikasi bank"),
                    ("reconciliation", "Rekonsiliasi rekening koran"),
                ],
                max_length=20,
                verbose_name="sumber",
            ),
        ),
        migrations.AlterField(
            model_name="payment",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="kode unik (UUID)"
            ),
        ),
    ]
