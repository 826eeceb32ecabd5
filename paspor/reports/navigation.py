from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

DASHBOARD_ROLES = frozenset({Role.HEAD, Role.HQ, Role.ADMIN})

STAFF_LINKS = [
    StaffLink(
        label=_("Dasbor hari ini"),
        url_name="reports:today",
        roles=DASHBOARD_ROLES,
        description=_(
            "Antrean per pos, tunggu terlama, loket buka dan petugasnya; diperbarui sendiri."
        ),
    ),
    StaffLink(
        label=_("Dasbor periode"),
        url_name="reports:period",
        roles=DASHBOARD_ROLES,
        per_office=False,
        description=_(
            "Permohonan, keputusan, SLA, waktu tunggu, penerimaan, blanko, IKM; unduh XLSX/CSV."
        ),
    ),
]
