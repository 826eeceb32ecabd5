from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "paspor.payments"
    verbose_name = "Pembayaran"
