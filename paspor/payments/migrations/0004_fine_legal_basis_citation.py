"""The fines' legal basis becomes a citation: the old default carried an internal note.

The default written by 0003 for the lost/damaged passport fines read "PP 28/2019 (denda
paspor hilang/rusak; belum dikonfirmasi dalam PP 45/2024)": the public read our note to
headquarters as the legal basis. Fee rows that still carry exactly that text get the
regulation's title; a basis headquarters has since written itself is left alone. Whether PP
45/2024 keeps these fines stays unconfirmed (STANDARDS.md §4, docs/payments.md).

Bill items are not touched: a bill is the record of what was charged and on what basis, and
the database refuses any UPDATE of `payments_billitem` (0002). Bills issued before this
migration keep the old text.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

OLD = "PP 28/2019 (denda paspor hilang/rusak; belum dikonfirmasi dalam PP 45/2024)"
NEW = (
    "PP 28/2019 tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku "
    "pada Kementerian Hukum dan Hak Asasi Manusia"
)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Fee = apps.get_model("payments", "Fee")
    Fee.objects.filter(legal_basis=OLD).update(legal_basis=NEW)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Fee = apps.get_model("payments", "Fee")
    Fee.objects.filter(legal_basis=NEW).update(legal_basis=OLD)


class Migration(migrations.Migration):
    dependencies = [("payments", "0003_default_fees")]
    operations = [migrations.RunPython(forwards, backwards)]
