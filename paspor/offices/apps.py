from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "paspor.offices"
    verbose_name = "Kantor"
