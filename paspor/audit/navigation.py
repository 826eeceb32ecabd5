from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import Role
from paspor.audit.views import PII_REVIEWERS
from paspor.portal.navigation import StaffLink

STAFF_LINKS = [
    StaffLink(
        label=_("Log akses data pribadi"),
        url_name="audit:pii_log",
        roles=PII_REVIEWERS - {Role.ADMIN},
        description=_("Siapa melihat data pribadi pemohon, kapan, dan data apa."),
    ),
]
