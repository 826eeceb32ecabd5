"""Whether an office is ready to be put into service, step by step (docs/onboarding.md).

An office is shown to the public and takes bookings once it is active. Opened half set up, it
offers dates nobody can book, or bookings its kiosk cannot check in, tickets no counter calls,
cases no supervisor may decide. The steps below are what headquarters sets up, in order; a
step marked `blocking` must be done before `office_open` lets the office go public, the others
are needed in the first days (printing, handover, stock) and are shown as reminders.

`offices_readiness` reads what the steps need for any number of offices in a fixed number of
statements (one per kind of row, never one per office): the national readiness page lists
every office of the country, and the admin's office list one page of them. `office_readiness`
is the same for one office (the office's page in the admin, `office_open`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from paspor.lib.clock import clock_window
from paspor.offices.models import (
    Counter,
    Office,
    OfficeService,
    OpeningHours,
    ServiceKind,
    Station,
    StationType,
)


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

    @property
    def unfinished(self) -> list[Step]:
        """The steps not done, blocking or not."""
        return [step for step in self.steps if not step.done]

    @property
    def finished(self) -> list[Step]:
        return [step for step in self.steps if step.done]


@dataclass
class _Setup:
    """What the steps read of one office, loaded for many offices at once (`_setups`)."""

    today: dt.date
    hours: list[tuple[dt.time, dt.time]] = field(default_factory=list)
    routes: dict[str, list[str]] = field(default_factory=dict)  # active service → its route
    stations: set[str] = field(default_factory=set)
    pools: set[str] = field(default_factory=set)  # pools with a quota above 0 in a session
    counters: bool = False  # an active counter
    counter_types: set[str] = field(default_factory=set)  # stations its active counters serve
    sessions: list[tuple[dt.time, dt.time]] = field(default_factory=list)  # active ones
    policy: bool = False
    booklets: bool = False  # booklets in stock
    held: dict[str, set[int]] = field(default_factory=dict)  # role → accounts that can sign in
    # station type → accounts holding a certificate for it valid on `today`
    certified: dict[str, set[int]] = field(default_factory=dict)

    @property
    def route_types(self) -> set[str]:
        return {t for route in self.routes.values() for t in route}


def office_readiness(office: Office, *, today: dt.date | None = None) -> Readiness:
    """Each setup step of `office` and whether it is done, in the order it is set up."""
    return offices_readiness([office], today=today)[0]


def offices_readiness(
    offices: Sequence[Office], *, today: dt.date | None = None
) -> list[Readiness]:
    """`office_readiness` of each of `offices`, in their order, in a fixed number of statements.

    "Today" (for certificates) is each office's own date unless `today` is given."""
    setups = _setups(offices, today)
    return [_readiness(office, setups[office.pk]) for office in offices]


def readiness_steps() -> list[tuple[str, str, bool]]:
    """Every step's key, label and whether it blocks opening, in order: the columns of a table
    of offices, an empty one too. Read off an office with nothing set up (no statement)."""
    blank = _readiness(Office(pk=0, code="kantor"), _Setup(today=dt.date.min))
    return [(step.key, step.label, step.blocking) for step in blank.steps]


def _readiness(office: Office, setup: _Setup) -> Readiness:
    route_types = setup.route_types
    steps = [
        _opening_hours(office, setup),
        _stations(office, setup.stations, route_types),
        _services(office, setup),
        _counters(office, setup, route_types & setup.stations),
        *_booking_steps(office, setup),
        *_staff_steps(office, setup, route_types),
        _booklets(office, setup),
    ]
    return Readiness(office=office, steps=tuple(steps))


def _setups(offices: Sequence[Office], today: dt.date | None) -> dict[int, _Setup]:
    """What every step reads, for all `offices`: one statement per kind of row."""
    from paspor.accounts.models import Certification, StaffAssignment
    from paspor.booking.models import ArrivalSession, BookingPolicy, QuotaDefault
    from paspor.issuance.models import Booklet, BookletStatus
    from paspor.offices.calendar import office_today

    setups = {office.pk: _Setup(today=today or office_today(office)) for office in offices}
    ids = list(setups)
    if not ids:
        return setups
    flags = Office.objects.filter(pk__in=ids).annotate(
        has_policy=Exists(BookingPolicy.objects.filter(office=OuterRef("pk"))),
        has_booklets=Exists(
            Booklet.objects.filter(office=OuterRef("pk"), status=BookletStatus.IN_STOCK)
        ),
    )
    for pk, policy, booklets in flags.values_list("pk", "has_policy", "has_booklets"):
        setups[pk].policy, setups[pk].booklets = policy, booklets
    hours = OpeningHours.objects.filter(office_id__in=ids).order_by()
    for office_id, opens, closes in hours.values_list("office_id", "opens", "closes"):
        setups[office_id].hours.append((opens, closes))
    services = OfficeService.objects.filter(office_id__in=ids, is_active=True).order_by()
    for office_id, kind, route in services.values_list("office_id", "kind", "route"):
        setups[office_id].routes[kind] = [str(t) for t in route or []]
    stations = Station.objects.filter(office_id__in=ids).order_by()
    for office_id, station_type in stations.values_list("office_id", "station_type"):
        setups[office_id].stations.add(station_type)
    quotas = QuotaDefault.objects.filter(
        office_id__in=ids, capacity__gt=0, session__is_active=True
    ).order_by()
    for office_id, pool in quotas.values_list("office_id", "pool").distinct():
        setups[office_id].pools.add(pool)
    counters = Counter.objects.filter(office_id__in=ids, is_active=True).order_by()
    for office_id, station_type in counters.values_list("office_id", "stations__station_type"):
        setups[office_id].counters = True
        if station_type is not None:  # a counter that serves no station yet
            setups[office_id].counter_types.add(station_type)
    sessions = ArrivalSession.objects.filter(office_id__in=ids, is_active=True)
    for office_id, start, end in sessions.order_by("start").values_list(
        "office_id", "start", "end"
    ):
        setups[office_id].sessions.append((start, end))
    # Only accounts that can sign in count: an inactive one, or one whose password sign-in
    # was switched off, would leave the kiosk dark or the counter closed on the first day.
    staffing = StaffAssignment.objects.filter(
        office_id__in=ids, is_active=True, user__is_active=True
    ).exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    staff_offices: dict[int, set[int]] = defaultdict(set)
    for office_id, role, user_id in staffing.order_by().values_list("office_id", "role", "user_id"):
        setups[office_id].held.setdefault(role, set()).add(user_id)
        staff_offices[user_id].add(office_id)
    days = [setup.today for setup in setups.values()]
    certificates = Certification.objects.filter(
        user_id__in=staffing.values("user_id"),
        issued_on__lte=max(days),
        expires_on__gte=min(days),
    ).order_by()
    # A certificate is the person's, not the office's: it counts at each office they staff,
    # on that office's own date (at 23.30 in Jakarta it is already tomorrow in Jayapura).
    for user_id, station_type, issued_on, expires_on in certificates.values_list(
        "user_id", "station_type", "issued_on", "expires_on"
    ):
        for office_id in staff_offices[user_id]:
            setup = setups[office_id]
            if issued_on <= setup.today <= expires_on:
                setup.certified.setdefault(station_type, set()).add(user_id)
    return setups


def _names(station_types: set[str] | list[str]) -> str:
    return ", ".join(str(StationType(t).label) for t in sorted(station_types))


def _admin_add(model: str, office: Office) -> str:
    return f"{reverse(f'admin:offices_{model}_add')}?office={office.pk}"


def _opening_hours(office: Office, setup: _Setup) -> Step:
    done = bool(setup.hours)
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


def _services(office: Office, setup: _Setup) -> Step:
    from paspor.booking.models import Pool
    from paspor.queueing.services import POOL_SERVICE

    routes = setup.routes
    wanted = {ServiceKind.REGULAR} | {POOL_SERVICE[Pool(pool)] for pool in setup.pools}
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


def _counters(office: Office, setup: _Setup, needed: set[str]) -> Step:
    lacking = needed - setup.counter_types
    if not setup.counters:
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


def _booking_steps(office: Office, setup: _Setup) -> list[Step]:
    quota_page = reverse("booking:staff_quota", kwargs={"office": office.code})
    sessions = bool(setup.sessions)
    quota = bool(setup.pools)
    policy = setup.policy
    hours = setup.hours
    outside = [
        clock_window(start, end)
        for start, end in setup.sessions
        if hours and not any(opens <= start and end <= closes for opens, closes in hours)
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


def _staff_steps(office: Office, setup: _Setup, route_types: set[str]) -> list[Step]:
    from paspor.accounts.models import ROLE_STATIONS, Role

    held = setup.held
    unstaffed = {
        station_type
        for station_type in route_types
        if not any(
            users & setup.certified.get(station_type, set())
            for role, users in held.items()
            if station_type in ROLE_STATIONS.get(Role(role), frozenset())
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
        _print_qc_step(setup, held.get(Role.PRINT_QC, set()), users_page),
        role_step(
            "handover",
            Role.HANDOVER,
            _("Petugas penyerahan paspor"),
            _("Belum ada petugas penyerahan paspor."),
        ),
        role_step("head", Role.HEAD, _("Kepala kantor"), _("Belum ada kepala kantor.")),
    ]


def _print_qc_step(setup: _Setup, officers: set[int], url: str) -> Step:
    """Someone certified to print, and someone else certified to check it (four eyes)."""
    printers = officers & setup.certified.get(StationType.PRINTING, set())
    checkers = officers & setup.certified.get(StationType.QUALITY_CONTROL, set())
    done = bool(printers) and bool(checkers) and len(printers | checkers) >= 2
    missing = _(
        "Perlu paling sedikit dua petugas cetak/kendali mutu dengan sertifikat berlaku hari ini: "
        "satu bersertifikat %(printing)s dan satu lagi bersertifikat %(qc)s (kendali mutu "
        "empat mata)."
    ) % {"printing": StationType.PRINTING.label, "qc": StationType.QUALITY_CONTROL.label}
    return Step(
        key="print_qc",
        label=_("Petugas cetak dan kendali mutu"),
        done=done,
        missing="" if done else missing,
        blocking=False,
        url=url,
    )


def _booklets(office: Office, setup: _Setup) -> Step:
    done = setup.booklets
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
