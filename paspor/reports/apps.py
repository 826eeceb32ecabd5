from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "paspor.reports"
    verbose_name = "Laporan"
