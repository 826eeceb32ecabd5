from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_certification_printing_quality_control"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_generation",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="generasi sesi"
            ),
        ),
    ]
