"""The fee schedule of PP 45/2024 (STANDARDS.md §4), loaded once; headquarters edits it later."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from paspor.payments.fees import DEFAULT_EFFECTIVE_FROM, DEFAULT_FEES


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Fee = apps.get_model("payments", "Fee")
    for item, amount, basis in DEFAULT_FEES:
        if not Fee.objects.filter(item=item.value).exists():
            Fee.objects.create(
                item=item.value,
                amount=amount,
                effective_from=DEFAULT_EFFECTIVE_FROM,
                legal_basis=basis,
            )


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_bills_insert_only")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
