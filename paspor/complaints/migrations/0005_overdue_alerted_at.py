"""When the office was told that a complaint passed its deadline unanswered.

Complaints already open past their deadline are left empty: the first overdue check tells
their office about them once, as it does for every later one."""

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
