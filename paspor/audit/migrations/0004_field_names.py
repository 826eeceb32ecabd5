# The hash columns of the audit trail are named in the reader's language in the admin.
# Names only: no change to the table.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_pii_access"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(max_length=64, verbose_name="hash catatan"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(max_length=64, verbose_name="hash catatan sebelumnya"),
        ),
    ]
