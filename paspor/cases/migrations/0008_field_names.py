# The office, ticket, booking, people, statuses and timestamps of a case, its history and its
# travel-ban checks are named in the reader's language in the admin. Names only: no change to the
# tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0011_field_names"),
        ("cases", "0007_travel_ban_resolver_is_not_opener"),
        ("offices", "0003_calendar_messages"),
        ("queueing", "0005_queue_policy_office_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="applicant_account",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="applicant_cases",
                to=settings.AUTH_USER_MODEL,
                verbose_name="akun pemohon",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="booking",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="booking.booking",
                verbose_name="booking",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
        migrations.AlterField(
            model_name="case",
            name="deferred_from",
            field=models.CharField(
                blank=True,
                choices=[
                    ("intake", "Pemeriksaan berkas"),
                    ("on_hold", "Ditahan (cegah tangkal)"),
                    ("biometrics", "Foto dan sidik jari"),
                    ("interview", "Wawancara"),
                    ("awaiting_supervisor", "Menunggu persetujuan"),
                    ("deferred", "Ditangguhkan (melengkapi berkas)"),
                    ("approved", "Disetujui"),
                    ("billed", "Menunggu pembayaran"),
                    ("paid", "Sudah dibayar"),
                    ("printed", "Dicetak"),
                    ("qc_passed", "Lulus kendali mutu"),
                    ("ready", "Siap diambil"),
                    ("handed_over", "Sudah diserahkan"),
                    ("rejected", "Ditolak"),
                    ("cancelled", "Dibatalkan"),
                ],
                max_length=20,
                verbose_name="status sebelum ditangguhkan",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="offices.office",
                verbose_name="kantor",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="opened_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="opened_cases",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dibuka oleh",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="status_before_hold",
            field=models.CharField(
                blank=True,
                choices=[
                    ("intake", "Pemeriksaan berkas"),
                    ("on_hold", "Ditahan (cegah tangkal)"),
                    ("biometrics", "Foto dan sidik jari"),
                    ("interview", "Wawancara"),
                    ("awaiting_supervisor", "Menunggu persetujuan"),
                    ("deferred", "Ditangguhkan (melengkapi berkas)"),
                    ("approved", "Disetujui"),
                    ("billed", "Menunggu pembayaran"),
                    ("paid", "Sudah dibayar"),
                    ("printed", "Dicetak"),
                    ("qc_passed", "Lulus kendali mutu"),
                    ("ready", "Siap diambil"),
                    ("handed_over", "Sudah diserahkan"),
                    ("rejected", "Ditolak"),
                    ("cancelled", "Dibatalkan"),
                ],
                max_length=20,
                verbose_name="status sebelum ditahan",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="ticket",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="queueing.ticket",
                verbose_name="nomor antrean",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="diperbarui pada"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="pelaku",
            ),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="cases.case",
                verbose_name="permohonan",
            ),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="rincian"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="from_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("intake", "Pemeriksaan berkas"),
                    ("on_hold", "Ditahan (cegah tangkal)"),
                    ("biometrics", "Foto dan sidik jari"),
                    ("interview", "Wawancara"),
                    ("awaiting_supervisor", "Menunggu persetujuan"),
                    ("deferred", "Ditangguhkan (melengkapi berkas)"),
                    ("approved", "Disetujui"),
                    ("billed", "Menunggu pembayaran"),
                    ("paid", "Sudah dibayar"),
                    ("printed", "Dicetak"),
                    ("qc_passed", "Lulus kendali mutu"),
                    ("ready", "Siap diambil"),
                    ("handed_over", "Sudah diserahkan"),
                    ("rejected", "Ditolak"),
                    ("cancelled", "Dibatalkan"),
                ],
                max_length=20,
                verbose_name="dari status",
            ),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="to_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("intake", "Pemeriksaan berkas"),
                    ("on_hold", "Ditahan (cegah tangkal)"),
                    ("biometrics", "Foto dan sidik jari"),
                    ("interview", "Wawancara"),
                    ("awaiting_supervisor", "Menunggu persetujuan"),
                    ("deferred", "Ditangguhkan (melengkapi berkas)"),
                    ("approved", "Disetujui"),
                    ("billed", "Menunggu pembayaran"),
                    ("paid", "Sudah dibayar"),
                    ("printed", "Dicetak"),
                    ("qc_passed", "Lulus kendali mutu"),
                    ("ready", "Siap diambil"),
                    ("handed_over", "Sudah diserahkan"),
                    ("rejected", "Ditolak"),
                    ("cancelled", "Dibatalkan"),
                ],
                max_length=20,
                verbose_name="ke status",
            ),
        ),
        migrations.AlterField(
            model_name="travelbancheck",
            name="by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diperiksa oleh",
            ),
        ),
        migrations.AlterField(
            model_name="travelbancheck",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="travel_ban_checks",
                to="cases.case",
                verbose_name="permohonan",
            ),
        ),
        migrations.AlterField(
            model_name="travelbancheck",
            name="resolved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="diputus pada"),
        ),
        migrations.AlterField(
            model_name="travelbancheck",
            name="resolved_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="diputus oleh",
            ),
        ),
        migrations.AlterField(
            model_name="travelbanentry",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada"),
        ),
    ]
