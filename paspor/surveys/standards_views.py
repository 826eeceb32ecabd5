"""Public service-standard pages (UU 25/2009 art. 21), built from the running configuration."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from paspor.cases.types import ApplicationType
from paspor.offices.selectors import public_offices
from paspor.surveys.standards import all_service_standards, service_standard


def index(request: HttpRequest) -> HttpResponse:
    services = all_service_standards(on=timezone.localdate())
    return render(request, "surveys/standards_index.html", {"services": services})


def detail(request: HttpRequest, service: str) -> HttpResponse:
    if service not in ApplicationType.values:
        raise Http404
    # ?kantor=<code>: one office's standard, because whether cuti bersama counts as a working
    # day is each office's decision (STANDARDS.md §3).
    offices = public_offices()
    office = None
    if code := request.GET.get("kantor"):
        office = offices.filter(code=code).first()
        if office is None:
            raise Http404
    standard = service_standard(service, on=timezone.localdate(), office=office)
    context = {"standard": standard, "office": office, "offices": offices}
    return render(request, "surveys/standards_detail.html", context)
