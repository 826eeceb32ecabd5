from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "paspor.portal"
    verbose_name = "Portal"
