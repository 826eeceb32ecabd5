from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class IssuanceConfig(AppConfig):
    name = "paspor.issuance"
    # An admin section header: its own context, as English names a section in the plural.
    verbose_name = pgettext_lazy("admin section", "Penerbitan")

    def ready(self) -> None:
        from django.core import checks

        from paspor.issuance.conf import config_check

        checks.register(config_check)
