"""Whether an office is ready to be put into service, step by step (docs/onboarding.md).

An office is shown to the public and takes bookings once it is active. Opened half set up, it
offers dates nobody can book, or bookings its kiosk cannot check in, tickets no counter calls,
cases no supervisor may decide. The steps below are what headquarters sets up, in order; a
step marked `blocking` must be done before `office_open` lets the office go public, the others
are needed in the first days (printing, handover, stock) and are shown as reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.urls import reverse
from django.utils.translation import gettext as _

from paspor.offices.models import Counter, Office, OfficeService, ServiceKind, Station, StationType


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # what the step sets up
    done: bool
    missing: str  # what is still missing, in words; empty when done
    blocking: bool  # the office cannot be opened while this step is not done
    url: str  # the screen where the step is done


@dataclass(frozen=True)
class Readiness:
    office: Office
    steps: tuple[Step, ...]

    @property
    def blocking(self) -> list[Step]:
        return [step for step in self.steps if step.blocking and not step.done]

    @property
    def ready(self) -> bool:
        return not self.blocking


def _names(station_types: set[str] | list[str]) -> str:
    return ", ".join(str(StationType(t).label) for t in sorted(station_types))


def _admin_add(model: str, office: Office) -> str:
    return f"{reverse(f'admin:offices_{model}_add')}?office={office.pk}"


def _routes(office: Office) -> dict[str, list[str]]:
    """The station types each active service of the office passes through."""
    return {
        service.kind: [str(t) for t in service.route or []]
        for service in OfficeService.objects.filter(office=office, is_active=True)
    }


def office_readiness(office: Office, *, today: dt.date | None = None) -> Readiness:
    """Each setup step of `office` and whether it is done, in the order it is set up."""
    from paspor.offices.calendar import office_today

    today = today or office_today(office)
    routes = _routes(office)
    route_types = {t for route in routes.values() for t in route}
    stations = set(Station.objects.filter(office=office).values_list("station_type", flat=True))
    steps = [
        _opening_hours(office),
        _stations(office, stations, route_types),
        _services(office, routes),
        _counters(office, route_types & stations),
        *_booking_steps(office),
        *_staff_steps(office, route_types, today),
        _booklets(office),
    ]
    return Readiness(office=office, steps=tuple(steps))


def _opening_hours(office: Office) -> Step:
    done = office.opening_hours.exists()
    return Step(
        key="opening_hours",
        label=_("Jam layanan"),
        done=done,
        missing="" if done else _("Belum ada jam layanan; pemohon melihatnya di halaman depan."),
        blocking=True,
        url=reverse("admin:offices_office_change", args=[office.pk]),
    )


def _stations(office: Office, stations: set[str], route_types: set[str]) -> Step:
    lacking = route_types - stations
    if not stations:
        missing = _("Belum ada pos layanan.")
    elif lacking:
        missing = _("Rute layanan melewati pos yang belum ada: %(stations)s.") % {
            "stations": _names(lacking)
        }
    else:
        missing = ""
    return Step(
        key="stations",
        label=_("Pos layanan"),
        done=not missing,
        missing=missing,
        blocking=True,
        url=_admin_add("station", office),
    )


def _services(office: Office, routes: dict[str, list[str]]) -> Step:
    from paspor.booking.models import Pool, QuotaDefault
    from paspor.queueing.services import POOL_SERVICE

    pools = set(
        QuotaDefault.objects.filter(office=office, capacity__gt=0, session__is_active=True)
        .values_list("pool", flat=True)
        .distinct()
    )
    wanted = {ServiceKind.REGULAR} | {POOL_SERVICE[Pool(pool)] for pool in pools}
    lacking = sorted(kind for kind in wanted if kind not in routes)
    no_route = sorted(kind for kind, route in routes.items() if not route)
    problems = []
    if lacking:
        problems.append(
            _("Layanan untuk kuota yang dibuka belum ada atau tidak aktif: %(services)s.")
            % {"services": ", ".join(str(ServiceKind(k).label) for k in lacking)}
        )
    if no_route:
        problems.append(
            _("Layanan tanpa rute pos: %(services)s.")
            % {"services": ", ".join(str(ServiceKind(k).label) for k in no_route)}
        )
    return Step(
        key="services",
        label=_("Layanan antrean dan huruf tiketnya"),
        done=not problems,
        missing=" ".join(problems),
        blocking=True,
        url=_admin_add("officeservice", office),
    )


def _counters(office: Office, needed: set[str]) -> Step:
    served = set(
        Counter.objects.filter(office=office, is_active=True).values_list(
            "stations__station_type", flat=True
        )
    )
    lacking = needed - served
    if not Counter.objects.filter(office=office, is_active=True).exists():
        missing = _("Belum ada loket aktif.")
    elif lacking:
        missing = _("Pos tanpa loket aktif: %(stations)s.") % {"stations": _names(lacking)}
    else:
        missing = ""
    return Step(
        key="counters",
        label=_("Loket"),
        done=not missing,
        missing=missing,
        blocking=True,
        url=_admin_add("counter", office),
    )


def _booking_steps(office: Office) -> list[Step]:
    from paspor.booking.models import ArrivalSession, BookingPolicy, QuotaDefault

    quota_page = reverse("booking:staff_quota", kwargs={"office": office.code})
    active = list(ArrivalSession.objects.filter(office=office, is_active=True))
    sessions = bool(active)
    quota = QuotaDefault.objects.filter(
        office=office, capacity__gt=0, session__is_active=True
    ).exists()
    policy = BookingPolicy.objects.filter(office=office).exists()
    hours = list(office.opening_hours.all())
    outside = [
        str(session)
        for session in active
        if hours and not any(h.opens <= session.start and session.end <= h.closes for h in hours)
    ]
    return [
        Step(
            key="sessions",
            label=_("Sesi kedatangan"),
            done=sessions,
            missing="" if sessions else _("Belum ada sesi kedatangan aktif."),
            blocking=True,
            url=quota_page,
        ),
        Step(
            key="sessions_in_hours",
            label=_("Sesi kedatangan di dalam jam layanan"),
            done=not outside,
            missing=""
            if not outside
            else _("Sesi di luar jam layanan kantor: %(sessions)s.")
            % {"sessions": ", ".join(outside)},
            blocking=False,
            url=quota_page,
        ),
        Step(
            key="quota",
            label=_("Kuota baku per hari, sesi dan jenis kuota"),
            done=quota,
            missing=""
            if quota
            else _("Belum ada kuota baku di atas 0: tidak ada yang bisa dipesan."),
            blocking=True,
            url=quota_page,
        ),
        Step(
            key="policy",
            label=_("Pembukaan kuota dan cara alokasi"),
            done=policy,
            missing=""
            if policy
            else _(
                "Belum diatur: berlaku aturan baku (bulanan, hari kerja terakhir pukul 09.00 "
                "waktu kantor; siapa cepat dia dapat)."
            ),
            blocking=False,
            url=quota_page,
        ),
    ]


def _staff_steps(office: Office, route_types: set[str], today: dt.date) -> list[Step]:
    from paspor.accounts.models import ROLE_STATIONS, Certification, Role, StaffAssignment

    # Only accounts that can sign in count: an inactive one, or one whose password sign-in
    # was switched off, would leave the kiosk dark or the counter closed on the first day.
    held: dict[str, set[int]] = {}
    for role, user_id in (
        StaffAssignment.objects.filter(office=office, is_active=True, user__is_active=True)
        .exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .values_list("role", "user_id")
    ):
        held.setdefault(role, set()).add(user_id)
    certified = set(
        Certification.objects.filter(
            user_id__in={u for users in held.values() for u in users},
            issued_on__lte=today,
            expires_on__gte=today,
        ).values_list("user_id", "station_type")
    )
    unstaffed = {
        station_type
        for station_type in route_types
        if not any(
            (user_id, station_type) in certified
            for role, users in held.items()
            if station_type in ROLE_STATIONS.get(Role(role), frozenset())
            for user_id in users
        )
    }
    users_page = reverse("admin:accounts_user_changelist")

    def role_step(key: str, role: Role, label: str, missing: str, *, at_least: int = 1) -> Step:
        done = len(held.get(role, set())) >= at_least
        blocking = role in (Role.KIOSK, Role.SUPERVISOR)
        return Step(key, label, done, "" if done else missing, blocking, users_page)

    if not route_types:
        officers_missing = _("Belum ada layanan dengan rute pos: atur layanannya dulu.")
    elif unstaffed:
        officers_missing = _(
            "Tidak ada petugas berperan dan bersertifikat (berlaku hari ini) untuk: %(s)s."
        ) % {"s": _names(unstaffed)}
    else:
        officers_missing = ""
    return [
        Step(
            key="officers",
            label=_("Petugas bersertifikat untuk setiap pos"),
            done=not officers_missing,
            missing=officers_missing,
            blocking=True,
            url=users_page,
        ),
        role_step(
            "supervisor",
            Role.SUPERVISOR,
            _("Supervisor"),
            _("Belum ada supervisor: permohonan tidak dapat diputuskan (empat mata)."),
        ),
        role_step(
            "kiosk",
            Role.KIOSK,
            _("Akun perangkat kios"),
            _("Belum ada akun kios: booking tidak dapat check-in dan tiket tidak tercetak."),
        ),
        role_step(
            "display",
            Role.DISPLAY,
            _("Akun papan tampilan"),
            _("Belum ada akun papan tampilan: panggilan hanya terdengar di loket."),
        ),
        role_step(
            "print_qc",
            Role.PRINT_QC,
            _("Petugas cetak dan kendali mutu"),
            _("Perlu paling sedikit dua petugas cetak/kendali mutu (kendali mutu empat mata)."),
            at_least=2,
        ),
        role_step(
            "handover",
            Role.HANDOVER,
            _("Petugas penyerahan paspor"),
            _("Belum ada petugas penyerahan paspor."),
        ),
        role_step("head", Role.HEAD, _("Kepala kantor"), _("Belum ada kepala kantor.")),
    ]


def _booklets(office: Office) -> Step:
    from paspor.issuance.models import Booklet, BookletStatus

    done = Booklet.objects.filter(office=office, status=BookletStatus.IN_STOCK).exists()
    return Step(
        key="booklets",
        label=_("Stok buku paspor"),
        done=done,
        missing=""
        if done
        else _("Belum ada buku paspor di gudang: dicatat petugas cetak saat kiriman diterima."),
        blocking=False,
        url=reverse("issuance:stock", kwargs={"office": office.code}),
    )
