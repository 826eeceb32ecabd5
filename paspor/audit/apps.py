from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "paspor.audit"
    verbose_name = "Jejak audit"
