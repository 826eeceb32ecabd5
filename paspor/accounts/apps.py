from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "paspor.accounts"
    verbose_name = "Akun dan peran"
