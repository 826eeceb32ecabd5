from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from paspor.accounts.models import Role
from paspor.cases.models import CaseStatus
from paspor.cases.selectors import queue_waiting
from paspor.offices.models import Office
from paspor.portal.navigation import Attention, StaffAttention, StaffLink

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


def _decisions_waiting(office: Office) -> list[Attention]:
    """The supervisor's section of the work queue, by status."""
    waiting = queue_waiting(office=office, role=Role.SUPERVISOR)
    decide = waiting[CaseStatus.AWAITING_SUPERVISOR]
    held = waiting[CaseStatus.ON_HOLD]
    return [
        Attention(
            decide,
            ngettext(
                "permohonan menunggu keputusan supervisor",
                "permohonan menunggu keputusan supervisor",
                decide,
            ),
        ),
        Attention(
            held,
            ngettext(
                "permohonan ditahan karena cocok dengan daftar cegah tangkal",
                "permohonan ditahan karena cocok dengan daftar cegah tangkal",
                held,
            ),
        ),
    ]


# Only the supervisor's queue holds these cases; the head of office has no work queue.
STAFF_ATTENTION = [
    StaffAttention("cases:work_queue", frozenset({Role.SUPERVISOR}), _decisions_waiting),
]
