"""When the office was told that a complaint passed its deadline unanswered.

Complaints already open past their deadline are marked by the next migration (0006), so the
first overdue check does not e-mail a whole backlog at once."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_responded_as"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="overdue_alerted_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="peringatan lewat batas dikirim pada"
            ),
        ),
    ]
