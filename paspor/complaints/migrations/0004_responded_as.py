"""Who answered a complaint: the office, or headquarters after the deadline (escalation).

Every complaint answered before this migration was answered by its office."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def answered_by_the_office(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    complaint = apps.get_model("complaints", "Complaint")
    complaint.objects.filter(status="answered").update(responded_as="office")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="responded_as",
            field=models.CharField(
                blank=True,
                choices=[("office", "Kantor"), ("hq", "Kantor pusat")],
                max_length=6,
                verbose_name="ditanggapi sebagai",
            ),
        ),
        migrations.RunPython(answered_by_the_office, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(
                condition=models.Q(("responded_as", ""), ("status", "open"))
                | models.Q(("responded_as__in", ["office", "hq"]), ("status", "answered")),
                name="complaint_answer_names_responder",
            ),
        ),
    ]
