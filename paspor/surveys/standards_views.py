"""Public service-standard pages (UU 25/2009 art. 21), built from the running configuration."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from paspor.cases.types import ApplicationType
from paspor.surveys.standards import all_service_standards, service_standard


def index(request: HttpRequest) -> HttpResponse:
    services = all_service_standards(on=timezone.localdate())
    return render(request, "surveys/standards_index.html", {"services": services})


def detail(request: HttpRequest, service: str) -> HttpResponse:
    if service not in ApplicationType.values:
        raise Http404
    standard = service_standard(service, on=timezone.localdate())
    return render(request, "surveys/standards_detail.html", {"standard": standard})
