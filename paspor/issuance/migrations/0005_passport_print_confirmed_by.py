"""Who confirmed a print ("Tercetak baik"), kept beside the officer who allocated the booklet.

A passport waiting for quality control gets it from the case's move to PRINTED, whose actor
confirmed the print; older passports keep it empty (their quality control is done)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def confirmed_by_from_the_case_event(
    apps: StateApps, schema_editor: BaseDatabaseSchemaEditor
) -> None:
    passport = apps.get_model("issuance", "Passport")
    case_event = apps.get_model("cases", "CaseEvent")
    waiting = passport.objects.filter(status="printed", print_confirmed_by__isnull=True)
    for row in waiting.values("pk", "case_id", "passport_number"):
        actor = (
            case_event.objects.filter(
                case_id=row["case_id"],
                to_status="printed",
                data__passport_number=row["passport_number"],
                actor__isnull=False,
            )
            .order_by("-at", "-pk")
            .values_list("actor_id", flat=True)
            .first()
        )
        if actor is not None:
            passport.objects.filter(pk=row["pk"]).update(print_confirmed_by_id=actor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_field_names"),
        ("issuance", "0004_field_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="passport",
            name="print_confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dinyatakan tercetak oleh",
            ),
        ),
        migrations.RunPython(confirmed_by_from_the_case_event, migrations.RunPython.noop),
    ]
