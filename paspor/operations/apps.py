from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "paspor.operations"
    verbose_name = "Operasional"
