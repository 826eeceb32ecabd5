from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class QueueingConfig(AppConfig):
    name = "paspor.queueing"
    # An admin section header: its own context, as English names a section in the plural.
    verbose_name = pgettext_lazy("admin section", "Antrean kantor")
