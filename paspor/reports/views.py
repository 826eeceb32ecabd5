"""The dashboards: today (one office, live) and any period (an office or the national roll-up).

Head of office: their own office. Headquarters and administrators: any office and the national
roll-up. Anonymous visitors are sent to the login page; other staff get 403; an office the user
does not head gets 404 (its existence is not confirmed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from paspor.accounts.access import (
    require_any_role,
    require_office_role,
    staff_offices,
    user_roles,
)
from paspor.accounts.models import NATIONAL_ROLES, Role, User
from paspor.offices.calendar import OfficeCalendar, office_today
from paspor.offices.models import Office
from paspor.offices.readiness import Readiness
from paspor.offices.selectors import PUBLIC_ORDER, office_choices_by_province
from paspor.queueing.selectors import queue_policy
from paspor.reports.capacity import SimulatedStation, plan_capacity, simulate_plan
from paspor.reports.charts import grouped_bar_chart
from paspor.reports.forms import NATIONAL, CapacityFilter, DashboardFilter, ReadinessFilter
from paspor.reports.navigation import CAPACITY_ROLES, READINESS_ROLES
from paspor.reports.readiness_table import readiness_table
from paspor.reports.selectors.readiness import (
    NationalReadiness,
    national_readiness,
    office_provinces,
)
from paspor.reports.selectors.today import today_summary
from paspor.reports.tables import TABLES, Table, all_tables, table_csv, table_xlsx
from paspor.routers import replica_reads

DASHBOARD_ROLES = (Role.HEAD, Role.HQ, Role.ADMIN)


def today(request: HttpRequest, office: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = require_office_role(request, office, DASHBOARD_ROLES)
    summary = today_summary(access.office, now=timezone.now())
    return render(request, "reports/today.html", {"office": access.office, "summary": summary})


def today_panel(request: HttpRequest, office: str) -> HttpResponse:
    """The part of the live page that htmx reloads every 15 seconds."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = require_office_role(request, office, DASHBOARD_ROLES)
    summary = today_summary(access.office, now=timezone.now())
    return render(
        request, "reports/_today_panel.html", {"office": access.office, "summary": summary}
    )


@dataclass(frozen=True)
class Scope:
    office: Office | None
    form: DashboardFilter
    start: dt.date
    end: dt.date

    @property
    def refused(self) -> bool:
        """The reader asked for a period the filter refuses."""
        return self.form.is_bound and not self.form.is_valid()

    @property
    def label(self) -> str:
        return self.office.name if self.office is not None else _("Nasional")


def _scope(request: HttpRequest) -> Scope:
    """The office (or national) and period asked for, checked against the user's roles."""
    user = require_any_role(request, DASHBOARD_ROLES)
    assert isinstance(user, User)
    national = bool(user_roles(user) & NATIONAL_ROLES)
    offices = staff_offices(user, DASHBOARD_ROLES).order_by(*PUBLIC_ORDER)
    choices = office_choices_by_province(offices)
    first = offices.first()
    # "This month" on the office's own calendar (an office in WIT starts its day two hours
    # before the server's WIB); headquarters read the country on the server's.
    local = office_today(first) if first is not None and not national else timezone.localdate()
    # On the 1st, "this month" is a morning with nothing in it yet: the month just ended.
    until = local if local.day > 1 else local - dt.timedelta(days=1)
    initial = {
        "kantor": NATIONAL if national else (first.code if first is not None else ""),
        "dari": until.replace(day=1),
        "sampai": until,
    }
    data = _filter_data(request, initial)
    form = DashboardFilter(data, initial=initial, offices=choices, national=national)
    code = str(request.GET.get("kantor") or initial["kantor"])
    if code == NATIONAL:
        if not national:
            raise Http404
        office = None
    else:
        office = require_office_role(request, code, DASHBOARD_ROLES).office
    if form.is_bound and form.is_valid():
        return Scope(office, form, form.cleaned_data["dari"], form.cleaned_data["sampai"])
    return Scope(office, form, initial["dari"], initial["sampai"])  # type: ignore[arg-type]


def _filter_data(request: HttpRequest, initial: dict[str, object]) -> dict[str, str] | None:
    """The filter as asked for, what it leaves out taken from the default period; None when
    nothing is asked for.

    A lone `sampai` is the month up to that day, as the default period is this month up to
    today: the default start would lie after an end in an earlier month and refuse a period
    the reader never typed a start for. A lone `dari` runs to the default period's end."""
    asked = request.GET.dict()
    if not asked.keys() & {"kantor", "dari", "sampai"}:
        return None
    data = {key: str(value) for key, value in initial.items()} | asked
    if "sampai" in asked and "dari" not in asked:
        try:
            end = DashboardFilter.base_fields["sampai"].clean(asked["sampai"])
        except ValidationError:
            pass  # the form names what is wrong with the date, at its field
        else:
            data["dari"] = end.replace(day=1).isoformat()
    return data


def _form_refusal(form: DashboardFilter | ReadinessFilter) -> str:
    """The reasons a filter was refused, one sentence each: "Dari: Masukkan tanggal yang valid."."""
    reasons = list(form.non_field_errors())
    for name, field in form.fields.items():
        reasons += [f"{field.label}: {error}" for error in form.errors.get(name, [])]
    return " ".join(str(reason) for reason in reasons)


def period(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = _scope(request)
    refused = scope.refused
    # A refused period shows no figures: those of the default period, under a period the reader
    # typed, would pass for the ones asked for (as a download would).
    tables: list[Table] = []
    if not refused:
        with replica_reads():  # history: the read replica when one is configured
            tables = all_tables(scope.office, scope.start, scope.end)
    context = {
        "scope": scope,
        "form": scope.form,
        "tables": tables,
        "query": f"kantor={scope.office.code if scope.office else NATIONAL}"
        f"&dari={scope.start.isoformat()}&sampai={scope.end.isoformat()}",
        "today_office": scope.office,
        "refused": refused,
    }
    return render(request, "reports/period.html", context, status=400 if refused else 200)


def export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = _scope(request)
    build = TABLES.get(key)
    if build is None or fmt not in ("csv", "xlsx"):
        raise Http404
    if scope.refused:
        # A refused period is refused here too: a file of another period, named by it, would
        # pass for the one asked for.
        return HttpResponse(
            _form_refusal(scope.form), status=400, content_type="text/plain; charset=utf-8"
        )
    with replica_reads():
        table = build(scope.office, scope.start, scope.end)
    # In the reader's language, as the sheet inside is; the office code and the dates stay as
    # they are, so files of several offices and periods sort and tell apart in a folder.
    where = scope.office.code if scope.office is not None else pgettext("file name", "nasional")
    filename = f"{table.file_stem}-{where}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            table_xlsx(table, scope=scope.label, start=scope.start, end=scope.end),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Days the page's simulation plays: the command's default, enough for stable averages.
SIMULATED_DAYS = 20


def capacity(request: HttpRequest, office: str) -> HttpResponse:
    """Counters to open per station and hour on a day (Erlang C, docs/capacity.md)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = require_office_role(request, office, CAPACITY_ROLES)
    found = access.office
    tomorrow = OfficeCalendar(found).next_working_day(office_today(found) + dt.timedelta(days=1))
    # A link may name only the day (or only the target): what it leaves out keeps its default.
    fields = CapacityFilter.base_fields
    defaults = {
        "tanggal": tomorrow.isoformat(),
        "tunggu": str(fields["tunggu"].initial),
        "persen": str(fields["persen"].initial),
    }
    data = {**defaults, **request.GET.dict()} if request.GET else None
    form = CapacityFilter(data, initial={"tanggal": tomorrow})
    day, wait, share = tomorrow, 15.0, 0.8
    status = 200
    if request.GET:
        if form.is_valid():
            day = form.cleaned_data["tanggal"]
            wait = form.cleaned_data["tunggu"]
            share = form.cleaned_data["persen"] / 100
        else:
            status = 400
    plan = plan_capacity(office=found, day=day, target_wait_minutes=wait, target_fraction=share)
    # Stations nobody is expected at get one line, not a table and a chart series of zeros.
    busy = [s for s in plan.stations if any(h.arrivals for h in s.hours)]
    idle = [s.label for s in plan.stations if s not in busy]
    chart = ""
    if plan.opening_hours and busy:
        chart = grouped_bar_chart(
            title=_("Loket per jam — %(office)s %(date)s")
            % {"office": found.name, "date": formats.date_format(day, "j F Y")},
            categories=[f"{hour:02d}" for hour in plan.opening_hours],
            series=[(s.label, [h.counters for h in s.hours]) for s in busy],
            y_label=pgettext("number of counters", "loket"),
        )
    expected = sum(sum(by_hour.values()) for by_hour in plan.arrivals.values())
    # The simulation only when asked for (0.6 s for 20 days of about 1,070 applicants), on a plan
    # it can play.
    labels = {s.station_type: s.label for s in plan.stations}
    aging = queue_policy(found).aging_minutes  # read once: the page names it, the counters use it
    simulated: list[tuple[str, SimulatedStation]] = []
    if request.GET.get("simulasi") == "1" and status == 200 and plan.opening_hours and expected:
        played = simulate_plan(plan, runs=SIMULATED_DAYS, aging_minutes=aging)
        simulated = [(labels[s.station_type], s) for s in played]
    context = {
        "office": found,
        "form": form,
        "plan": plan,
        "busy": busy,
        "idle": idle,
        "short": any(s.short_of_counters for s in busy),
        "chart": mark_safe(chart),  # noqa: S308 - our own SVG; labels escaped by the chart
        "expected": expected,
        "share_percent": round(share * 100),
        "simulated": simulated,
        "simulated_days": SIMULATED_DAYS,
        "aging_minutes": aging,
    }
    return render(request, "reports/capacity.html", context, status=status)


READINESS_PAGE_SIZE = 25


def _readiness_filter(request: HttpRequest) -> ReadinessFilter:
    return ReadinessFilter(request.GET or None, provinces=office_provinces())


def _readiness_rows(form: ReadinessFilter) -> tuple[NationalReadiness, list[Readiness]]:
    """Every office of the filter's province, and those the list shows (only the ones not
    ready when asked)."""
    chosen = form.cleaned_data if form.is_bound else {}
    national = national_readiness(province=chosen.get("provinsi") or "")
    return national, national.waiting if chosen.get("belum_siap") else national.rows


def _office_pages_open(request: HttpRequest) -> bool:
    """Whether the reader may open an office's own page in the admin (its readiness list):
    administrators, and headquarters officers given the office setup group (onboarding.md)."""
    user = request.user
    return admin.site.has_permission(request) and (
        user.has_perm("offices.view_office") or user.has_perm("offices.change_office")
    )


def readiness(request: HttpRequest) -> HttpResponse:
    """Every office of the country, whether it serves the public, and each setup step: those
    not ready first (docs/reports.md)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_any_role(request, READINESS_ROLES)
    form = _readiness_filter(request)
    context: dict[str, object] = {"form": form, "page": None}
    if form.is_bound and not form.is_valid():
        # No rows rather than the whole country read as the province asked for.
        return render(request, "reports/readiness.html", context, status=400)
    national, rows = _readiness_rows(form)
    query = request.GET.copy()
    query.pop("halaman", None)
    context |= {
        "national": national,
        "page": Paginator(rows, READINESS_PAGE_SIZE).get_page(request.GET.get("halaman")),
        "query": query.urlencode(),
        "office_pages": _office_pages_open(request),
    }
    return render(request, "reports/readiness.html", context)


def readiness_export(request: HttpRequest) -> HttpResponse:
    """The list as CSV, every office the filter gives (not one page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_any_role(request, READINESS_ROLES)
    form = _readiness_filter(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            _form_refusal(form), status=400, content_type="text/plain; charset=utf-8"
        )
    _national, rows = _readiness_rows(form)
    table = readiness_table(rows)
    filename = f"{table.file_stem}-{timezone.localdate():%Y%m%d}.csv"
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
