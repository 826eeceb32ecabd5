from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Indeks Kepuasan Masyarakat (IKM)"),
        url_name="surveys:report",
        roles=frozenset({Role.HEAD, Role.HQ, Role.ADMIN}),
        description=_("Nilai per unsur, indeks, mutu pelayanan dan tren bulanan; unduh XLSX."),
    ),
]
