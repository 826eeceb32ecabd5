"""The office's payments page lists its bills newest first, 50 a page: an index to read them in
that order without sorting every bill the office ever issued."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0005_flag_paid_before_issue_and_conflict"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="bill",
            index=models.Index(fields=["office", "-issued_at"], name="bill_office_issued_idx"),
        ),
    ]
