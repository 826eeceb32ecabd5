"""Bills and bill items refuse changes at the database, whoever connects."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from paspor.payments.migrations import _triggers


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_triggers.POSTGRES_UP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in _triggers.SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_triggers.POSTGRES_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in _triggers.SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
