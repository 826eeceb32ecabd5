"""The PII access log page: the head of office reviews who looked at which applicant's data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from paspor.accounts.access import require_office_role
from paspor.accounts.models import Role
from paspor.audit.forms import PiiFilterForm
from paspor.audit.selectors import pii_accesses

# The head of office answers for the office's handling of personal data; headquarters and
# administrators may review any office.
PII_REVIEWERS = frozenset({Role.HEAD, Role.HQ, Role.ADMIN})
PAGE_SIZE = 100


@login_required
def pii_log(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, PII_REVIEWERS)
    form = PiiFilterForm(request.GET or None)
    context: dict[str, object] = {"office": access.office, "form": form, "page": None}
    if form.is_bound and not form.is_valid():
        # No rows rather than the whole log: an unfiltered list read as the filtered one would
        # clear an officer, or accuse one, by mistake. The fields say what to correct.
        return render(request, "audit/pii_log.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    rows = pii_accesses(
        office=access.office,
        officer=filters.get("petugas", ""),
        case_code=filters.get("permohonan", ""),
        date_from=filters.get("dari"),
        date_to=filters.get("sampai"),
    )
    query = request.GET.copy()
    query.pop("halaman", None)
    context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context["query"] = query.urlencode()
    return render(request, "audit/pii_log.html", context)
