from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ComplaintsConfig(AppConfig):
    name = "paspor.complaints"
    # An admin section header: its own context, as English names a section in the plural.
    verbose_name = pgettext_lazy("admin section", "Pengaduan")
