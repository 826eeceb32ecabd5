from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

DASHBOARD_ROLES = frozenset({Role.HEAD, Role.HQ, Role.ADMIN})
# Who plans the counters of a day: the head of office and the supervisors who open them.
CAPACITY_ROLES = frozenset({Role.HEAD, Role.SUPERVISOR, Role.HQ, Role.ADMIN})
# Headquarters brings offices into service; a head of office sees only their own office's.
READINESS_ROLES = frozenset({Role.HQ, Role.ADMIN})

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
    StaffLink(
        label=_("Rencana loket"),
        url_name="reports:capacity",
        roles=CAPACITY_ROLES,
        description=_(
            "Berapa loket dibuka per pos dan jam agar pemohon dilayani dalam target (Erlang C)."
        ),
    ),
    StaffLink(
        label=_("Kesiapan kantor"),
        url_name="reports:readiness",
        roles=READINESS_ROLES,
        per_office=False,
        description=_(
            "Semua kantor: sudah melayani publik atau belum, dan langkah penyiapan yang belum "
            "selesai; unduh CSV."
        ),
    ),
]
