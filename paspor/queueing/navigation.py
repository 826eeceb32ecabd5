"""Staff home links of the office queue."""

from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Kios antrean"),
        url_name="queueing:kiosk",
        roles=frozenset({Role.KIOSK}),
        description=_("Check-in booking dan nomor antrean tanpa booking."),
    ),
    StaffLink(
        label=_("Papan antrean"),
        url_name="queueing:board",
        roles=frozenset({Role.DISPLAY}),
        description=_("Panggilan nomor antrean dengan suara."),
    ),
    StaffLink(
        label=_("Konsol loket"),
        url_name="queueing:console",
        roles=frozenset({Role.INTAKE, Role.BIOMETRICS, Role.HANDOVER, Role.SUPERVISOR}),
        description=_("Buka loket, panggil, layani dan alihkan nomor antrean."),
    ),
    StaffLink(
        label=_("Ringkasan antrean"),
        url_name="queueing:overview",
        roles=frozenset({Role.HEAD, Role.SUPERVISOR}),
        description=_("Antrean per pos, loket yang buka dan perkiraan waktu tunggu."),
    ),
]
