from django.apps import AppConfig


class QueueingConfig(AppConfig):
    name = "paspor.queueing"
    verbose_name = "Antrean kantor"
