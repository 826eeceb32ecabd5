from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "paspor.notifications"
    verbose_name = "Notifikasi"
