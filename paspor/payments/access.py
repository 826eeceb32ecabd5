"""Who may see a case's bill, slip and receipt.

The applicant (their own account, or a browser that proved the case code and birth date on
the status form) and staff of the case's office. Everyone else gets 404: a guessed case code
must not reveal that the case exists.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from paspor.accounts.access import user_roles
from paspor.accounts.models import Role, User
from paspor.audit.services import pii_access_record
from paspor.cases.models import Case

SESSION_KEY = "payments_cases"
# Staff who work on cases may see their bills; kiosks and display boards may not.
CASE_VIEW_ROLES = frozenset(
    {
        Role.INTAKE,
        Role.BIOMETRICS,
        Role.SUPERVISOR,
        Role.PRINT_QC,
        Role.HANDOVER,
        Role.HEAD,
        Role.HQ,
        Role.ADMIN,
    }
)
# Reconciliation, flagged payments and the SLA board.
PAYMENT_STAFF_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})
SIMULATOR_ROLES = frozenset({Role.INTAKE, Role.SUPERVISOR, Role.HEAD, Role.HQ, Role.ADMIN})


def session_remember_case(request: HttpRequest, case: Case) -> None:
    codes = [code for code in request.session.get(SESSION_KEY, []) if code != case.code]
    request.session[SESSION_KEY] = [case.code, *codes][:10]


def require_case_viewer(request: HttpRequest, case_code: str) -> Case:
    case = Case.objects.select_related("office").filter(code=case_code.upper()).first()
    if case is None:
        raise Http404
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        if case.applicant_account_id == user.pk:
            return case
        if user_roles(user, case.office) & CASE_VIEW_ROLES:
            match = request.resolver_match
            what = f"payments.{match.url_name}" if match is not None else "payments"
            pii_access_record(user=user, case=case, what=what)
            return case
    if case.code in request.session.get(SESSION_KEY, []):
        return case
    raise Http404
