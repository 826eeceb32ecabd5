from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "paspor.cases"
    verbose_name = "Permohonan"
