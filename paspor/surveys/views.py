"""The survey (public, by token) and the IKM report (head of office, headquarters)."""

from __future__ import annotations

import datetime as dt
import io

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paspor.accounts.access import require_office_role
from paspor.accounts.models import Role
from paspor.complaints.selectors import complaint_stats
from paspor.lib.errors import Conflict
from paspor.offices.calendar import office_today
from paspor.offices.models import Office
from paspor.surveys.chart import ikm_chart_svg
from paspor.surveys.exports import ikm_report_xlsx
from paspor.surveys.forms import PeriodForm, SurveyForm
from paspor.surveys.models import SurveyInvitation, SurveyResponse
from paspor.surveys.selectors import (
    MonthPoint,
    category_label,
    ikm_monthly,
    ikm_report,
    month_start,
    survey_link_days,
    survey_link_expired,
    survey_link_last_day,
    weakest_summary,
)
from paspor.surveys.services import (
    SurveyLinkExpired,
    survey_link,
    survey_link_expired_message,
    survey_submit,
)

REPORT_ROLES = (Role.HEAD, Role.HQ, Role.ADMIN)


def _unknown_link(request: HttpRequest) -> HttpResponse:
    # A link cut short in a message or typed by hand: say what to do, not just "not found".
    return render(request, "surveys/unknown.html", status=404)


def _expired_link(request: HttpRequest, invitation: SurveyInvitation) -> HttpResponse:
    # Past its period the link records nothing; the page says so and where to go instead: the
    # office's complaint form takes a judgement, a suggestion or a complaint at any time.
    office = invitation.office
    context = {
        "office": office,
        "last_day": survey_link_last_day(invitation),
        "days": survey_link_days(),
        "complaint_days": settings.PASPOR_COMPLAINT_RESPONSE_DAYS,
        "complaint_url": reverse("complaints:submit") + f"?kantor={office.code}",
    }
    return render(request, "surveys/expired.html", context, status=410)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = SurveyInvitation.objects.select_related("office").filter(token=token).first()
    if invitation is None:
        return _unknown_link(request)
    if SurveyResponse.objects.filter(invitation=invitation).exists():
        return render(request, "surveys/answered.html", {"office": invitation.office})
    if survey_link_expired(invitation):
        return _expired_link(request, invitation)  # a POST too: nothing is written
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
            except SurveyLinkExpired:
                return _expired_link(request, invitation)  # the period ended while answering
            except Conflict:
                return render(
                    request, "surveys/answered.html", {"office": invitation.office}, status=409
                )
            return redirect("surveys:thanks", token=token)
        status = 400
    context = {
        "form": form,
        "office": invitation.office,
        "last_day": survey_link_last_day(invitation),
    }
    return render(request, "surveys/answer.html", context, status=status)


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = SurveyInvitation.objects.select_related("office").filter(token=token).first()
    if invitation is None:
        return _unknown_link(request)
    if not SurveyResponse.objects.filter(invitation=invitation).exists():
        return redirect("surveys:answer", token=token)  # no thanks for a survey not answered
    return render(request, "surveys/thanks.html", {"office": invitation.office})


def qr(request: HttpRequest, token: str) -> HttpResponse:
    """The link as a QR code: a standalone SVG file, for the counter screen or the ticket slip;
    410 with a sentence once the link has expired."""
    invitation = get_object_or_404(SurveyInvitation, token=token)
    if survey_link_expired(invitation):
        # No code to print or show for a link that would only say it has expired.
        return HttpResponse(
            survey_link_expired_message(), status=410, content_type="text/plain; charset=utf-8"
        )
    code = segno.make(survey_link(invitation), error="m")
    svg = io.BytesIO()
    # A file of its own (an <img>, a download) needs the SVG namespace and may carry the XML
    # declaration; svg_inline() leaves both out, for pasting into a page.
    code.save(svg, kind="svg", scale=6, title=_("Survei kepuasan"), encoding="utf-8")
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml; charset=utf-8")


Period = tuple[dt.date, dt.date]


def _period(request: HttpRequest, office: Office) -> tuple[PeriodForm, Period | None]:
    """The period asked for, or the last three months; None when the one asked for is refused
    (the page then shows no figures, rather than another period's under the refused dates)."""
    today = office_today(office)
    default = {"dari": month_start(today, 2), "sampai": today}
    asked = "dari" in request.GET or "sampai" in request.GET
    form = PeriodForm(request.GET if asked else None, initial=default)
    if not form.is_bound:
        return form, (default["dari"], default["sampai"])
    if form.is_valid():
        return form, (form.cleaned_data["dari"], form.cleaned_data["sampai"])
    return form, None


def _months(office: Office, end: dt.date) -> list[MonthPoint]:
    """The monthly trend up to the period's end, or up to this month when the period runs on
    past today: a month still to come has no answers yet, not zero respondents."""
    return ikm_monthly(office=office, until=min(end, office_today(office)))


def report(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, REPORT_ROLES)
    form, period = _period(request, access.office)
    if period is None:
        context = {"office": access.office, "form": form, "report": None}
        return render(request, "surveys/report.html", context, status=400)
    start, end = period
    result = ikm_report(office=access.office, start=start, end=end)
    months = _months(access.office, end)
    context = {
        "office": access.office,
        "form": form,
        "report": result,
        "category_label": category_label(result.category),
        "weakest": weakest_summary(result.rows),
        "months": [(point, category_label(point.category)) for point in months],
        "chart": ikm_chart_svg(months),
        "months_answered": any(point.respondents for point in months),
        "months_span": (months[0].month, months[-1].month),
        "complaints": complaint_stats(office=access.office, start=start, end=end),
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/report.html", context)


def report_xlsx(request: HttpRequest, office: str) -> HttpResponse:
    access = require_office_role(request, office, REPORT_ROLES)
    _form, period = _period(request, access.office)
    if period is None:
        return HttpResponse(
            _("Periode tidak sah; pilih tanggal di halaman laporan."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    start, end = period
    result = ikm_report(office=access.office, start=start, end=end, comments_limit=None)
    months = _months(access.office, end)
    response = HttpResponse(
        ikm_report_xlsx(result, months),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"ikm-{access.office.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
