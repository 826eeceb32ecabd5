from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import pgettext_lazy


class AccountsConfig(AppConfig):
    name = "paspor.accounts"
    # An admin section header: its own context, as English names a section in the plural.
    verbose_name = pgettext_lazy("admin section", "Akun dan peran")

    def ready(self) -> None:
        from paspor.accounts import sign_ins  # noqa: F401  (its sign-in and sign-out receivers)
        from paspor.accounts.groups import office_setup_group_ensure

        # Every app's post_migrate: the group is made once the permissions it holds all exist.
        post_migrate.connect(office_setup_group_ensure, dispatch_uid="paspor.office_setup_group")
