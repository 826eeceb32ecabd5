from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "paspor.booking"
    verbose_name = "Pemesanan antrean"
