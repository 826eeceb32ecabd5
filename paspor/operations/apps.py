from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OperationsConfig(AppConfig):
    name = "paspor.operations"
    # An admin section header: its own context, as English names a section in the plural.
    verbose_name = pgettext_lazy("admin section", "Operasional")
