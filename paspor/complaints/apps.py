from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "paspor.complaints"
    verbose_name = "Pengaduan"
