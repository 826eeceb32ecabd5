"""Who may see a case's bill, slip and receipt.

The applicant (their own account, or a browser that proved the case code and birth date on
the status form) and staff of the case's office. Everyone else is refused without learning
whether the case exists: the API answers 404, and the pages send the reader to the status form
with the code filled in (the link in the billing e-mail is opened on browsers that have not
proved anything yet), whether or not the code is real.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

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
# The applicant's pages of a case that a link may open (the status form returns to them).
CASE_PAGES = ("status", "slip_pdf", "receipt", "receipt_pdf")
# What the status form accepts as a case code (`CaseLookupForm`).
CASE_CODE = re.compile(r"[0-9A-Z]{1,12}")


class CaseNotProven(Http404):
    """This browser has not shown it may see the case (or there is no such case).

    A 404 wherever it is not caught, so an endpoint that forgets to handle it still refuses.
    """

    def __init__(self, case_code: str) -> None:
        super().__init__()
        self.case_code = case_code


def session_remember_case_code(request: HttpRequest, case_code: str) -> None:
    """This browser proved the case (its code and the applicant's birth date)."""
    codes = [code for code in request.session.get(SESSION_KEY, []) if code != case_code]
    request.session[SESSION_KEY] = [case_code, *codes][:10]


def require_case_viewer(request: HttpRequest, case_code: str) -> Case:
    """The case, for its applicant, a browser that proved it, or staff of its office.

    Anyone else: `CaseNotProven` (a 404) for a code the status form could take, 404 otherwise.
    """
    code = case_code.strip().upper()
    if not CASE_CODE.fullmatch(code):
        raise Http404
    case = Case.objects.select_related("office").filter(code=code).first()
    if case is None:
        raise CaseNotProven(code)
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
    raise CaseNotProven(code)


def case_page_urls(case_code: str) -> set[str]:
    """The applicant's pages of one case: where the status form may send the reader on."""
    return {reverse(f"payments:{name}", kwargs={"case_code": case_code}) for name in CASE_PAGES}


def lookup_url(case_code: str, next_url: str) -> str:
    query = urlencode({"kode": case_code, "next": next_url})
    return f"{reverse('payments:lookup')}?{query}"


def case_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An applicant's page of a case: a reader not (yet) allowed goes to the status form with
    the code filled in, and comes back to this page once the birth date (or sign-in) proves it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, case_code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, case_code, *args, **kwargs)
        except CaseNotProven as refused:
            match = request.resolver_match
            name = match.url_name if match is not None else None
            # A form sent from a page that is gone: back to that case's status page.
            if request.method != "GET" or name not in CASE_PAGES:
                name = "status"
            back = reverse(f"payments:{name}", kwargs={"case_code": refused.case_code})
            return HttpResponseRedirect(lookup_url(refused.case_code, back))

    return wrapped
