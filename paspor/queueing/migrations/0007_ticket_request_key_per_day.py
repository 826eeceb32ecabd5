from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("queueing", "0006_field_names"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="ticket",
            name="ticket_request_key_unique",
        ),
        migrations.AddConstraint(
            model_name="ticket",
            constraint=models.UniqueConstraint(
                condition=models.Q(("request_key", ""), _negated=True),
                fields=("office", "day", "request_key"),
                name="ticket_request_key_unique_per_day",
            ),
        ),
    ]
