from django.apps import AppConfig


class IssuanceConfig(AppConfig):
    name = "paspor.issuance"
    verbose_name = "Penerbitan"
