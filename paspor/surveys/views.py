"""The survey (public, by token) and the IKM report (head of office, headquarters)."""

from __future__ import annotations

import datetime as dt

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from paspor.accounts.access import require_office_role
from paspor.accounts.models import Role
from paspor.complaints.selectors import complaint_stats
from paspor.lib.errors import Conflict
from paspor.offices.models import Office
from paspor.surveys.chart import ikm_chart_svg
from paspor.surveys.exports import ikm_report_xlsx
from paspor.surveys.forms import PeriodForm, SurveyForm
from paspor.surveys.models import SurveyInvitation, SurveyResponse
from paspor.surveys.selectors import category_label, ikm_monthly, ikm_report, month_start
from paspor.surveys.services import survey_link, survey_submit

REPORT_ROLES = (Role.HEAD, Role.HQ, Role.ADMIN)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("office"), token=token)
    if SurveyResponse.objects.filter(invitation=invitation).exists():
        return render(request, "surveys/answered.html", {"office": invitation.office})
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                survey_submit(
                    invitation=invitation,
                    answers=form.answers(),
                    comment=form.cleaned_data["comment"],
                )
            except Conflict:
                return render(
                    request, "surveys/answered.html", {"office": invitation.office}, status=409
                )
            return redirect("surveys:thanks", token=token)
        status = 400
    context = {"form": form, "office": invitation.office}
    return render(request, "surveys/answer.html", context, status=status)


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("office"), token=token)
    return render(request, "surveys/thanks.html", {"office": invitation.office})


def qr(request: HttpRequest, token: str) -> HttpResponse:
    """The link as a QR code (SVG), for the counter screen or the ticket slip."""
    invitation = get_object_or_404(SurveyInvitation, token=token)
    code = segno.make(survey_link(invitation), error="m")
    svg = code.svg_inline(scale=6, title="Survei kepuasan")
    return HttpResponse(svg, content_type="image/svg+xml")


def _period(request: HttpRequest, office: Office) -> tuple[PeriodForm, dt.date, dt.date]:
    today = timezone.localtime(timezone.now(), office.tz).date()
    default = {"dari": month_start(today, 2), "sampai": today}
    form = PeriodForm(request.GET if "dari" in request.GET else None, initial=default)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["dari"], form.cleaned_data["sampai"]
    return form, default["dari"], default["sampai"]


def report(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, REPORT_ROLES)
    form, start, end = _period(request, access.office)
    result = ikm_report(office=access.office, start=start, end=end)
    months = ikm_monthly(office=access.office, until=end)
    context = {
        "office": access.office,
        "form": form,
        "report": result,
        "category_label": category_label(result.category),
        "weakest": [row for row in result.rows if row.weakest],
        "months": [(point, category_label(point.category)) for point in months],
        "chart": ikm_chart_svg(months),
        "complaints": complaint_stats(office=access.office, start=start, end=end),
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/report.html", context)


def report_xlsx(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, REPORT_ROLES)
    _form, start, end = _period(request, access.office)
    result = ikm_report(office=access.office, start=start, end=end)
    months = ikm_monthly(office=access.office, until=end)
    response = HttpResponse(
        ikm_report_xlsx(result, months),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"ikm-{access.office.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
