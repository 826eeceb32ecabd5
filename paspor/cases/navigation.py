from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Antrean kerja permohonan"),
        url_name="cases:work_queue",
        roles=frozenset({Role.INTAKE, Role.BIOMETRICS, Role.SUPERVISOR}),
        description=_("Pemeriksaan berkas, foto dan wawancara, persetujuan dan cegah tangkal."),
    ),
    StaffLink(
        label=_("Daftar cegah tangkal"),
        url_name="cases:travel_bans",
        roles=frozenset({Role.HQ, Role.ADMIN}),
        per_office=False,
        description=_("Impor CSV dan daftar orang yang dicegah atau ditangkal."),
    ),
]
