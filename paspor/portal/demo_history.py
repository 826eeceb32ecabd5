"""A history for the demo office, made by the real services at past moments.

`seed_demo_history` walks the office's last working days with the clock set back
(time-machine) and lives each day as the office would have: families book online a few days
ahead, check in at the kiosk, are called to the counters, give their documents, photo,
fingerprints and interview; the supervisor decides, the bank notifies the payments, the printer
prints on the stock's booklets and another officer checks them, and the families come back to
collect. Every row is written by the service that writes it in production, so every figure on
the dashboards is one the system produced itself. The last day is left unfinished (cases waiting
for the supervisor, paid passports waiting for the printer, passports waiting to be collected),
and the next working days have bookings, so every work list has something on it.

The draws are seeded: two runs give the same history (what the services draw themselves
differs: booking, case and billing codes, NTPN, and so which fingerprint scans the simulated
scanner smudges). The faces are drawn (`portrait`) so that they pass the photo checks.
Background tasks run at the moment they are queued and e-mails go to a mailer that keeps
nothing: what the outbox sent in the past is recorded as sent then, and nothing is left for the
worker to send when the demo starts.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
import simpy
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import override_settings
from django.utils import timezone, translation

from paspor.accounts.models import User
from paspor.booking.demo import DEMO_APPLICANT_PASSWORD
from paspor.booking.models import ApplicantProfile, ArrivalSession, EmailVerification, Pool
from paspor.booking.rules import Answers, OldPassport, age_on
from paspor.booking.services import (
    account_register,
    booking_create,
    booking_mark_no_shows,
    email_verify_token,
    profile_add,
)
from paspor.cases import biometrics, intake, interview
from paspor.cases import conf as case_conf
from paspor.cases.adjudication import (
    case_decide,
    case_defer,
    case_resume,
    cases_expire_deferred,
)
from paspor.cases.documents import required_documents
from paspor.cases.models import Case, CaseStatus, Recommendation
from paspor.cases.services import ApplicantData, case_claim, case_open
from paspor.cases.types import ApplicationType, PassportKind
from paspor.complaints.models import ComplaintCategory
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.issuance.models import CollectorBasis, Passport, PassportStatus
from paspor.issuance.selectors import print_queue, qc_queue
from paspor.issuance.services import (
    HandoverInput,
    handover_record,
    passport_mark_ready,
    pickup_reminders_run,
    print_confirm,
    print_start,
    qc_record,
)
from paspor.notifications.services import reminders_send
from paspor.offices.calendar import OfficeCalendar, office_today
from paspor.offices.models import Counter as OfficeCounter
from paspor.offices.models import Office, OfficeService, ServiceKind, Station, StationType
from paspor.payments.models import PaymentChannel, PaymentMethod
from paspor.payments.services import billing_code_current
from paspor.payments.simulator import SIMULATOR_CHANNEL, simulator_send
from paspor.payments.sla_alerts import sla_check
from paspor.queueing.models import CounterSession, Ticket, TicketStatus
from paspor.queueing.services import (
    counter_close,
    counter_open,
    queue_days_close_due,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_start,
    ticket_walk_in,
)
from paspor.reports.services import daily_summaries_refresh
from paspor.surveys.models import SurveyInvitation
from paspor.surveys.services import survey_submit

logger = logging.getLogger(__name__)
Process = Generator[Any, Any, None]

# The office's day (docs/queue.md): counters open before the first arrival window, the public
# counters close at 16.00, the photo counter finishes whoever is still in its line.
COUNTERS_OPEN = dt.time(7, 30)  # the kiosk checks in from 30 minutes before a window
COUNTERS_CLOSE = dt.time(16, 0)
LAST_PHOTO = dt.time(16, 45)
SUPERVISOR_ROUNDS = (dt.time(9, 45), dt.time(11, 15), dt.time(13, 15), dt.time(14, 45))
# On the last day the back office stops at 10.00 (a meeting at the office): the day's
# interviews, payments and prints wait for the supervisor, the printer and the checker when
# the demo opens.
LAST_DAY_BACK_OFFICE_UNTIL = dt.time(10)
PRINT_ROUNDS = (dt.time(9, 0), dt.time(13, 30))
QC_DELAY = dt.timedelta(minutes=75)
SLA_CHECKS = (dt.time(8, 5), dt.time(12, 5), dt.time(16, 35))
FUTURE_BOOKING_DAYS = 2  # working days after today with bookings (the counter plan's input)
SET_UP_LEAD = dt.timedelta(days=42)  # the demo office opened this long before today

MALE = ("Agus", "Andi", "Bambang", "Joko", "Hendra", "Yusuf", "Rudi", "Slamet", "Dedi",
        "Fajar", "Iwan", "Syahrul", "Rahmat", "Irfan", "Wahyu", "Gunawan", "Herman", "Firman",
        "Yohanes", "Stefanus", "Hasan", "Taufik", "Budiman", "Eko")  # fmt: skip
FEMALE = ("Siti", "Nur", "Rina", "Sri", "Lestari", "Yuliana", "Fitri", "Maria", "Ani", "Wulan",
          "Ratna", "Indah", "Putri", "Aisyah", "Halimah", "Yanti", "Novi", "Mega", "Nurul",
          "Fatimah", "Rosmawati", "Kartini", "Suryani", "Melati")  # fmt: skip
SURNAMES = ("Saputra", "Wijaya", "Santoso", "Hidayat", "Kurniawan", "Setiawan", "Nugroho",
            "Lim", "Tan", "Rahman", "Syahputra", "Hasibuan", "Siregar", "Gunadi", "Effendi",
            "Sulaiman", "Hamzah", "Anwar", "Harahap", "Wibowo", "Tanjung", "Lubis")  # fmt: skip
PLACES = ("Ketapang", "Ketapang", "Ketapang", "Sandai", "Marau", "Kendawangan", "Pontianak",
          "Sukadana", "Tumbang Titi")  # fmt: skip
DISTRICTS = ("01", "02", "03", "04", "05", "07", "08", "11", "12", "13", "16", "17", "18")
TRIPS = (  # weight, purpose, destinations
    (30, "religious", ("Arab Saudi",)),
    (28, "tourism", ("Malaysia", "Singapura", "Thailand")),
    (24, "family", ("Malaysia", "Brunei Darussalam")),
    (6, "work", ("Malaysia",)),
    (5, "study", ("Malaysia", "Jepang")),
    (5, "medical", ("Malaysia",)),
)
SHAPES = ((30, "single"), (18, "couple"), (24, "parent_children"), (16, "family"), (12, "elderly"))
METHODS = (
    (55, PaymentMethod.MOBILE_BANKING),
    (20, PaymentMethod.ATM),
    (15, PaymentMethod.TELLER),
    (10, PaymentMethod.POST_OFFICE),
)
OUTCOME_SHARES = (("defer", 0.06), ("reject", 0.04), ("sent_home", 0.03))  # of working age
DEFER_MISSING = (
    "Surat keterangan sponsor dari keluarga di luar negeri",
    "Surat izin orang tua atau suami yang dilegalisir",
    "Tiket pergi-pulang dan bukti pemesanan penginapan",
)
SURVEY_COMMENTS = (
    "Pelayanan cepat dan petugasnya ramah.",
    "Ruang tunggu agak panas, mohon kipas angin ditambah.",
    "Antrean foto cukup lama di sesi pagi.",
    "Petugas menjelaskan persyaratan dengan jelas.",
    "Terima kasih, paspor selesai sesuai janji.",
    "Tempat parkir motor kurang luas.",
    "Booking daring mudah, kuota sesi pagi cepat habis.",
    "Mohon disediakan ruang laktasi.",
)

# The look of a drawn portrait (BGR): skin, hair, clothes and head-scarf colours.
SKINS = ((150, 180, 215), (125, 155, 195), (105, 135, 175), (90, 118, 158), (160, 188, 222))
HAIRS = ((28, 28, 32), (20, 22, 30), (40, 45, 60), (55, 60, 70))
CLOTHES = ((90, 60, 40), (40, 40, 120), (60, 100, 40), (120, 120, 120), (30, 30, 30))
SCARVES = ((120, 60, 40), (60, 40, 110), (150, 140, 130), (70, 110, 60), (40, 40, 40))


@dataclass(frozen=True)
class HistoryMade:
    """What `seed_demo_history` made: days walked, applications opened, counts per step, and
    how long it took."""

    days: int
    first_day: dt.date
    last_day: dt.date
    applications: int
    steps: dict[str, int]
    seconds: float


@dataclass
class Person:
    full_name: str
    sex: str
    birth_date: dt.date
    nik: str
    birth_place: str
    pool: str = Pool.REGULAR
    outcome: str = "approve"  # approve, defer, reject or sent_home (documents missing)
    pays: bool = True
    qc_fails: bool = False
    look: int = 0
    booking_code: str = ""
    ready: bool = False
    collected: bool = False
    profile: ApplicantProfile | None = None
    case: Case | None = None

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0]


@dataclass
class Family:
    day: dt.date
    session: ArrivalSession | None  # None: a walk-in
    people: list[Person]  # the ones who apply
    father: Person | None
    mother: Person | None
    kk_number: str
    email: str
    language: str
    purpose: str
    destination: str
    passport_kind: str
    booked_at: dt.datetime
    arrives_at: dt.datetime
    no_show: bool = False
    proxy: Person | None = None  # collects with a power of attorney
    account: User | None = None
    pickup_planned: bool = False

    @property
    def contact(self) -> Person:
        return next(p for p in (self.mother, self.father, *self.people) if p is not None)


@dataclass
class Visit:
    kind: str  # booked, express, pickup, information
    person: Person | None = None
    family: Family | None = None


@dataclass
class Staff:
    intake: User
    biometrics: User
    supervisor: User
    printer: User
    checker: User
    handover: User
    kiosk: User


def seed_demo_history(
    office: Office, *, working_days: int = 10, per_day: int = 6, seed: int = 2026
) -> HistoryMade | None:
    """Make the office's history of its last `working_days` (about `per_day` applications a
    day); None when the office already has cases, or when the bank simulator is off."""
    if Case.objects.filter(office=office).exists():
        return None
    channel = PaymentChannel.objects.filter(code=SIMULATOR_CHANNEL, is_active=True).first()
    if channel is None:
        return None
    started = time.monotonic()
    history = History(office, channel=channel, rng=random.Random(seed))
    days = history.working_days_before(office_today(office), working_days)
    with background_at_its_moment(), translation.override("id"):
        history.run(days, per_day=per_day)
    return HistoryMade(
        days=len(days),
        first_day=days[0],
        last_day=days[-1],
        applications=history.steps["cases_opened"],
        steps=dict(history.steps),
        seconds=time.monotonic() - started,
    )


def history_set_up_moment() -> dt.datetime:
    """When the demo office is set up before a history is made: before its first booking."""
    return timezone.now() - SET_UP_LEAD


class DemoApplicantHasher(PBKDF2PasswordHasher):
    """PBKDF2 with a small work factor for the history's applicants, whose password is the
    published demo password anyway: a full hash costs a third of a second each. Django verifies
    it with its own PBKDF2 hasher and hashes it again at full strength on the first sign-in."""

    iterations = 10_000


@contextmanager
def background_at_its_moment() -> Iterator[None]:
    """Tasks run when they are queued (at the history's moment, not when the demo starts), and
    e-mails go to a mailer that keeps nothing; the task log stays quiet."""
    quiet = [logging.getLogger(name) for name in ("django.tasks", "paspor")]
    levels = [each.level for each in quiet]
    for each in quiet:
        each.setLevel(logging.WARNING)
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}},
            PASSWORD_HASHERS=[f"{__name__}.DemoApplicantHasher", *settings.PASSWORD_HASHERS],
        ):
            yield
    finally:
        for each, level in zip(quiet, levels, strict=True):
            each.setLevel(level)


def _weighted[T](rng: random.Random, options: tuple[tuple[int, T], ...]) -> T:
    return rng.choices([value for _w, value in options], [w for w, _v in options])[0]


class History:
    """One walk through the office's past days: a SimPy clock of minutes since `epoch`, and the
    real clock moved to it (time-machine) before every service call."""

    def __init__(self, office: Office, *, channel: PaymentChannel, rng: random.Random) -> None:
        self.office, self.channel, self.rng = office, channel, rng
        self.calendar = OfficeCalendar(office)
        self.staff = Staff(
            *(
                User.objects.get(username=name)
                for name in ("loket", "biometrik", "supervisor", "cetak", "cetak2", "serah", "kios")
            )
        )
        self.stations = {s.station_type: s for s in Station.objects.filter(office=office)}
        self.counters = {c.number: c for c in OfficeCounter.objects.filter(office=office)}
        self.services = {s.kind: s for s in OfficeService.objects.filter(office=office)}
        self.sessions = list(ArrivalSession.objects.filter(office=office, is_active=True))
        self.env = simpy.Environment()
        self.visits: dict[int, Visit] = {}
        self.people_by_case: dict[int, tuple[Person, Family]] = {}
        self.steps: Counter[str] = Counter()
        self.niks = set(ApplicantProfile.objects.values_list("nik", flat=True))
        self.emails = 0
        self.queues: dict[str, simpy.Store] = {}
        self.epoch = timezone.now()
        self.traveller: time_machine.Traveller | None = None

    # --- time --------------------------------------------------------------------------

    def working_days_before(self, today: dt.date, count: int) -> list[dt.date]:
        days: list[dt.date] = []
        day = today - dt.timedelta(days=1)
        while len(days) < count:
            if self.calendar.is_working_day(day):
                days.append(day)
            day -= dt.timedelta(days=1)
        return sorted(days)

    def local(self, day: dt.date, at: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, at, tzinfo=self.office.tz)

    def minutes(self, moment: dt.datetime) -> float:
        return (moment - self.epoch).total_seconds() / 60

    def now(self) -> dt.datetime:
        """The history's moment; the real clock is moved to it."""
        moment = self.epoch + dt.timedelta(minutes=self.env.now)
        if self.traveller is not None:
            self.traveller.move_to(moment)
        return moment

    def pause(self, minutes: float) -> Process:
        yield self.env.timeout(minutes)
        self.now()

    def until(self, moment: dt.datetime) -> Process:
        yield self.env.timeout(max(0.0, self.minutes(moment) - self.env.now))
        self.now()

    def at(self, moment: dt.datetime, action: Callable[..., Any], *args: Any) -> None:
        """Run `action` at `moment`: a plain call, or a process when it yields."""

        def process() -> Process:
            yield from self.until(moment)
            result = action(*args)
            if isinstance(result, Generator):
                yield from result

        self.env.process(process())

    # --- the walk ----------------------------------------------------------------------

    def run(self, days: list[dt.date], *, per_day: int) -> None:
        today = office_today(self.office)
        future = [
            self.calendar.working_days_after(today, n) for n in range(1, 1 + FUTURE_BOOKING_DAYS)
        ]
        self.epoch = self.local(days[0] - dt.timedelta(days=9), dt.time(0))
        end = self.local(today, dt.time(0))
        booked = [
            f for day in days for f in self.plan_day(day, per_day=per_day, last=day == days[-1])
        ]
        self.plan_outcomes(booked)
        for day in future:
            self.plan_bookings(day, per_day=per_day, before=end)
        self.plan_complaint(days[len(days) // 2])
        calendar_day = days[0] - dt.timedelta(days=8)
        while calendar_day < end.date():
            self.plan_office_jobs(calendar_day)
            calendar_day += dt.timedelta(days=1)
        with time_machine.travel(self.epoch, tick=False) as self.traveller:
            self.env.run(until=self.minutes(end))
        daily_summaries_refresh()  # the nightly summaries, through yesterday

    # --- planning ----------------------------------------------------------------------

    def plan_day(self, day: dt.date, *, per_day: int, last: bool) -> list[Family]:
        rng = self.rng
        families = self.plan_bookings(day, per_day=per_day, before=self.local(day, dt.time(0)))
        for family in families:
            if not family.no_show:
                self.at(family.arrives_at, self.arrive, family)
        self.at(self.local(day, COUNTERS_OPEN), self.open_counters, day)
        if rng.random() < 0.4:
            at = self.local(day, dt.time(8, rng.randrange(5, 40)))
            self.at(at, self.walk_in_express, self.express_applicant(day))
        for _n in range(rng.randint(1, 3)):
            asks = self.local(day, dt.time(rng.randint(8, 14), rng.randrange(60)))
            self.at(asks, self.walk_in, ServiceKind.INFORMATION, Visit("information"))
        until = LAST_DAY_BACK_OFFICE_UNTIL if last else dt.time(23, 59)
        for decides in (at for at in SUPERVISOR_ROUNDS if at < until):
            self.at(self.local(day, decides), self.supervisor_round)
        for prints in (at for at in PRINT_ROUNDS if at < until):
            self.at(self.local(day, prints), self.print_round)
            if (self.local(day, prints) + QC_DELAY).time() < until:
                self.at(self.local(day, prints) + QC_DELAY, self.qc_round)
        return families

    def plan_outcomes(self, families: list[Family]) -> None:
        """Mostly approved; a few of the adults deferred by the supervisor, sent home from intake
        for a missing original, or refused as non-procedural migrant workers."""
        adults = [
            person
            for family in families
            if not family.no_show
            for person in family.people
            if 17 <= age_on(person.birth_date, family.day) < 60
        ]
        for outcome, share in OUTCOME_SHARES:
            for person in self.rng.sample(adults, min(len(adults), round(len(adults) * share))):
                person.outcome = outcome
                adults.remove(person)

    def plan_bookings(self, day: dt.date, *, per_day: int, before: dt.datetime) -> list[Family]:
        """The families booked for `day`, each booking before `before`."""
        rng = self.rng
        wanted = max(1, per_day + rng.randint(-1, 1))
        families: list[Family] = []
        while (booked := sum(len(f.people) for f in families)) < wanted:
            # Mornings are wanted most: 45, 33, 21… per session in the day's order.
            weights = [max(1, 45 - 12 * n) for n in range(len(self.sessions))]
            session = rng.choices(self.sessions, weights=weights)[0]
            booked_at = self.local(
                day - dt.timedelta(days=rng.randint(1, 7)),
                dt.time(rng.randint(6, 21), rng.randrange(60)),
            )
            if booked_at >= before:
                booked_at = before - dt.timedelta(minutes=rng.randint(90, 1800))
            window = dt.datetime.combine(day, session.end) - dt.datetime.combine(day, session.start)
            arrival = self.local(day, session.start) + dt.timedelta(
                minutes=rng.uniform(-20, window.total_seconds() / 60 - 15)
            )
            shape = _weighted(rng, SHAPES) if wanted - booked > 2 else "single"
            family = self.family(day, session, shape, booked_at, arrival)
            family.no_show = rng.random() < 0.05
            families.append(family)
            self.at(booked_at - dt.timedelta(minutes=12), self.book, family)
        return families

    def plan_office_jobs(self, day: dt.date) -> None:
        """The scheduler's jobs of one calendar day (paspor/operations/jobs.py)."""
        self.at(self.local(day, dt.time(0, 30)), cases_expire_deferred)
        self.at(self.local(day, dt.time(7, 0)), reminders_send)
        self.at(self.local(day, dt.time(7, 30)), pickup_reminders_run)
        if self.calendar.is_working_day(day):
            for at in SLA_CHECKS:
                self.at(self.local(day, at), sla_check)
            for session in self.sessions:
                ends = self.local(day, session.end) + dt.timedelta(minutes=1)
                self.at(ends, booking_mark_no_shows)
        self.at(self.local(day, dt.time(23, 30)), queue_days_close_due)

    def plan_complaint(self, day: dt.date) -> None:
        def submit() -> None:
            complaint = complaint_submit(
                office=self.office,
                category=ComplaintCategory.WAITING,
                body=(
                    "Saya datang sesi pagi jam 08.00 tetapi baru dipanggil ke loket foto "
                    "hampir jam 10.00. Mohon loket foto ditambah pada jam ramai."
                ),
                name="Hendra Lubis",
                email="hendra.lubis@example.com",
                language="id",
            )
            self.steps["complaints"] += 1
            answer_at = self.local(self.calendar.working_days_after(day, 1), dt.time(10, 30))
            self.at(answer_at, respond, complaint)

        def respond(complaint: Any) -> None:
            complaint_respond(
                complaint=complaint,
                by=self.staff.supervisor,
                response=(
                    "Terima kasih atas masukan Bapak. Mulai pekan ini loket 4 dibuka untuk foto "
                    "dan wawancara pada sesi pagi."
                ),
            )
            self.steps["complaints_answered"] += 1

        self.at(self.local(day, dt.time(19, 40)), submit)

    # --- people ------------------------------------------------------------------------

    def person(self, sex: str, age: int, day: dt.date, *, surname: str = "") -> Person:
        rng = self.rng
        born = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))  # a day and month
        later = (born.month, born.day) > (day.month, day.day)
        birth = born.replace(year=day.year - age - later)  # exactly `age` on `day`
        first = rng.choice(MALE if sex == "M" else FEMALE)
        return Person(
            full_name=f"{first} {surname or rng.choice(SURNAMES)}",
            sex=sex,
            birth_date=birth,
            nik=self.nik(sex, birth),
            birth_place=rng.choice(PLACES),
            look=rng.randrange(1_000_000),
        )

    def nik(self, sex: str, birth: dt.date) -> str:
        """A Ketapang NIK (61.04): district, birth date (women: day + 40), serial."""
        day = birth.day + (40 if sex == "F" else 0)
        while True:
            serial = self.rng.randint(1, 400)
            district = self.rng.choice(DISTRICTS)
            nik = f"6104{district}{day:02d}{birth:%m%y}{serial:04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def family(
        self,
        day: dt.date,
        session: ArrivalSession | None,
        shape: str,
        booked_at: dt.datetime,
        arrives_at: dt.datetime,
    ) -> Family:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        father = mother = proxy = None
        if shape in ("single",):
            people = [self.person(rng.choice("MF"), rng.randint(19, 57), day)]
            if rng.random() < 0.25:
                proxy = self.person(rng.choice("MF"), rng.randint(25, 55), day)
        else:
            old = shape == "elderly"
            age = rng.randint(61, 70) if old else rng.randint(28, 50)
            father = self.person("M", age + rng.randint(0, 3), day, surname=surname)
            mother = self.person("F", age, day)
            people = [father, mother] if shape in ("couple", "family", "elderly") else []
            if shape == "elderly" and rng.random() < 0.4:
                people = [rng.choice(people)]
            if shape == "parent_children":
                people = [mother if rng.random() < 0.6 else father]
            if shape in ("parent_children", "family"):
                for _n in range(rng.choice((1, 1, 2))):
                    child_age = rng.choice((2, 3, 4, 6, 8, 10, 12, 14, 15))
                    people.append(self.person(rng.choice("MF"), child_age, day, surname=surname))
        trips = [t for t in TRIPS if t[1] != "work" or shape == "single"]
        _w, purpose, places = rng.choices(trips, weights=[t[0] for t in trips])[0]
        for person in people:
            age = age_on(person.birth_date, day)
            person.pool = Pool.PRIORITY if age < 5 or age >= 60 else Pool.REGULAR
            person.pays = rng.random() > 0.03
            person.qc_fails = rng.random() < 0.02
        self.emails += 1
        contact = next(p for p in (mother, father, *people) if p is not None)
        return Family(
            day=day,
            session=session,
            people=people,
            father=father,
            mother=mother,
            kk_number=f"6104{rng.randrange(10**11, 10**12)}",
            email=f"{contact.first_name.lower()}.{self.emails}@example.com",
            language="en" if rng.random() < 0.05 else "id",
            purpose=purpose,
            destination=rng.choice(places),
            passport_kind=PassportKind.ORDINARY if rng.random() < 0.25 else PassportKind.ELECTRONIC,
            booked_at=booked_at,
            arrives_at=arrives_at,
            proxy=proxy,
        )

    def express_applicant(self, day: dt.date) -> Family:
        """A walk-in for the same-day service (percepatan): a business trip at short notice."""
        morning = self.local(day, dt.time(8))
        family = self.family(day, None, "single", morning, morning)
        person = family.people[0]
        family.proxy, family.purpose, family.destination = None, "business", "Malaysia"
        person.outcome, person.pays, person.qc_fails = "approve", True, False
        return family

    def phone(self) -> str:
        operator = self.rng.choice(("12", "13", "21", "52", "57"))
        return f"08{operator}{self.rng.randrange(10**7, 10**8)}"

    # --- online booking ----------------------------------------------------------------

    def book(self, family: Family) -> Process:
        """Register the family's account, verify its e-mail, add each person and book them."""
        rng = self.rng
        contact = family.contact
        family.account = account_register(
            email=family.email,
            password=DEMO_APPLICANT_PASSWORD,
            full_name=contact.full_name,
            phone=self.phone(),
            language=family.language,
        )
        verification = EmailVerification.objects.filter(account=family.account).latest("pk")
        yield from self.pause(rng.uniform(1, 4))
        family.account = email_verify_token(token=verification.token)
        self.steps["accounts"] += 1
        for person in family.people:
            yield from self.pause(rng.uniform(1, 2.5))
            person.profile = profile_add(
                account=family.account,
                nik=person.nik,
                full_name=person.full_name,
                sex=person.sex,
                birth_date=person.birth_date,
                birth_place=person.birth_place,
                phone=self.phone() if person is contact else "",
            )
        for person in family.people:
            yield from self.pause(rng.uniform(0.5, 1.5))
            assert family.session is not None and person.profile is not None
            booking = booking_create(
                account=family.account,
                profile=person.profile,
                office=self.office,
                day=family.day,
                session=family.session,
                pool=person.pool,
                answers=Answers(
                    old_passport=OldPassport.NONE,
                    married=person in (family.father, family.mother),
                    passport_kind=family.passport_kind,
                ),
            )
            person.booking_code = booking.code
            self.steps["bookings"] += 1
            self.steps[f"bookings_{person.pool}"] += 1

    # --- the office day ----------------------------------------------------------------

    def open_counters(self, day: dt.date) -> None:
        """Three officers open their counters; each serves its line until closing time."""
        staff, close = self.staff, self.local(day, COUNTERS_CLOSE)
        for user, number, station_type, closes in (
            (staff.intake, 1, StationType.INTAKE, close),
            (staff.biometrics, 3, StationType.BIOMETRICS, self.local(day, LAST_PHOTO)),
            (staff.handover, 5, StationType.HANDOVER, close),
        ):
            line: simpy.Store = simpy.Store(self.env)
            self.queues[station_type] = line
            if station_type == StationType.HANDOVER:
                self.queues[StationType.INFORMATION] = line  # one counter serves both
            self.env.process(self.officer(user, self.counters[number], station_type, line, closes))

    def officer(
        self, user: User, counter: OfficeCounter, first: str, line: simpy.Store, closes: dt.datetime
    ) -> Process:
        session = counter_open(
            office=self.office, counter=counter, station=self.stations[first], by=user
        )
        while True:
            wanted = line.get()
            fired = yield wanted | self.env.timeout(max(0.0, self.minutes(closes) - self.env.now))
            if wanted not in fired:
                wanted.cancel()
                break
            self.now()
            station = self.stations[str(wanted.value)]
            if session.station_id != station.pk:  # the information desk shares the counter
                counter_close(session=session, by=user)
                session = counter_open(
                    office=self.office, counter=counter, station=station, by=user
                )
            ticket = ticket_call_next(session=session, by=user)
            if ticket is None:
                continue
            self.steps["calls"] += 1
            yield from self.serve(session, user, ticket)
        self.now()
        counter_close(session=session, by=user)

    def queue_for(self, station_type: str) -> None:
        self.queues[station_type].put(station_type)

    def arrive(self, family: Family) -> Process:
        """The family scans its booking proofs at the kiosk, one after another."""
        for person in family.people:
            ticket = ticket_check_in(
                office=self.office, code=person.booking_code, by=self.staff.kiosk
            )
            self.visits[ticket.pk] = Visit("booked", person, family)
            self.steps["check_ins"] += 1
            self.queue_for(StationType.INTAKE)
            yield from self.pause(self.rng.uniform(0.5, 1.5))

    def walk_in(self, kind: ServiceKind, visit: Visit) -> None:
        ticket = ticket_walk_in(
            office=self.office, service=self.services[kind], by=self.staff.kiosk
        )
        self.visits[ticket.pk] = visit
        self.steps[f"walk_ins_{kind}"] += 1
        self.queue_for(ticket.service.route[0])

    def walk_in_express(self, family: Family) -> None:
        self.walk_in(ServiceKind.EXPRESS, Visit("express", family.people[0], family))

    def serve(self, session: CounterSession, user: User, ticket: Ticket) -> Process:
        visit = self.visits[ticket.pk]
        yield from self.pause(self.rng.uniform(0.5, 2))
        ticket_start(session=session, by=user)
        station = session.station.station_type
        if station == StationType.INTAKE:
            yield from self.intake(user, ticket, visit)
        elif station == StationType.BIOMETRICS:
            yield from self.biometrics(user, visit)
        elif station == StationType.HANDOVER:
            yield from self.handover(user, visit)
        else:
            yield from self.pause(self.rng.uniform(2, 6))  # a question answered
        finished = ticket_finish(session=session, by=user)
        if finished.status == TicketStatus.WAITING and finished.station is not None:
            self.queue_for(finished.station.station_type)  # on to the photo counter
        elif finished.status == TicketStatus.DONE:
            self.after_visit(finished, visit)

    def intake(self, user: User, ticket: Ticket, visit: Visit) -> Process:
        person, family = visit.person, visit.family
        assert person is not None and family is not None
        rng = self.rng
        yield from self.pause(rng.uniform(0.5, 1.5))
        typed = None
        if visit.kind == "express":  # a walk-in: the officer types the data from the KTP
            typed = ApplicantData(
                nik=person.nik,
                full_name=person.full_name,
                sex=person.sex,
                birth_date=person.birth_date,
                birth_place=person.birth_place,
                application_type=ApplicationType.NEW_ADULT,
                passport_kind=family.passport_kind,
                phone=self.phone(),
                email=family.email,
            )
        case = case_open(office=self.office, by=user, ticket=ticket, data=typed)
        person.case = case
        self.people_by_case[case.pk] = (person, family)
        self.steps["cases_opened"] += 1
        yield from self.pause(rng.uniform(1, 2.5))
        child = case.application_type == ApplicationType.NEW_CHILD
        intake.case_data_verify(
            case=case,
            by=user,
            data=_case_data(case),
            is_married=person in (family.father, family.mother),
            validity_years=5 if child else 10,
            express=case.express,
        )
        if child:
            intake.case_parents_record(case=case, by=user, parents=_parents(family))
        yield from self.pause(rng.uniform(2, 4))
        codes = [r.code for r in required_documents(case.application_type, is_child=child)]
        if person.outcome == "sent_home":
            codes = [code for code in codes if code != "kk"]
        intake.case_documents_check(case=case, by=user, seen=codes)
        yield from self.pause(rng.uniform(0.5, 1.5))
        if person.outcome == "sent_home":
            case_defer(case=case, by=user, missing="Kartu Keluarga asli")
            self.steps["deferred_at_intake"] += 1
        else:
            intake.case_intake_complete(case=case, by=user)

    def biometrics(self, user: User, visit: Visit) -> Process:
        person, family = visit.person, visit.family
        assert person is not None and family is not None and person.case is not None
        rng = self.rng
        case = case_claim(case=Case.objects.get(pk=person.case.pk), by=user)
        photo = None
        for attempt in range(3):  # a drawn face the detector misses is taken again
            yield from self.pause(rng.uniform(1, 2))
            data = portrait(person.look + attempt, female=person.sex == "F")
            photo = biometrics.case_photo_add(case=case, by=user, data=data, source="webcam")
            self.steps["photos"] += 1
            if photo.passed:
                break
        assert photo is not None
        reason = "" if photo.passed else "Foto terbaik dari tiga pengambilan"
        biometrics.case_photo_accept(case=case, photo=photo, by=user, reason=reason)
        yield from self.pause(rng.uniform(2, 3))
        biometrics.case_fingerprints_capture(case=case, by=user)
        limit = case_conf.fingerprint_max_nfiq()
        poor = [fp.finger for fp in case.fingerprints.all() if fp.quality > limit]
        if poor:  # a smudged finger is scanned again (in the same minutes: the draws of the
            # history must not depend on the scanner's, or two runs would drift apart)
            biometrics.case_fingerprints_capture(case=case, by=user, fingers=poor)
            poor = [fp.finger for fp in case.fingerprints.all() if fp.quality > limit]
        biometrics.case_signature_add(
            case=case, by=user, data=signature_png(person.full_name), source="pad"
        )
        worn = "Sidik jari aus, sudah diambil ulang" if poor else ""
        biometrics.case_biometrics_complete(case=case, by=user, reason=worn)
        yield from self.pause(rng.uniform(3, 6))
        interview.case_interview_record(case=case, by=user, answers=_answers(person, family))
        self.steps["interviews"] += 1

    def handover(self, user: User, visit: Visit) -> Process:
        family = visit.family
        assert family is not None
        collector = self.collector(family)
        family.pickup_planned = False  # a passport ready after this visit brings them again
        for person in family.people:
            if not person.ready or person.collected or person.case is None:
                continue
            person.collected = True
            passport = Passport.objects.get(case=person.case, status=PassportStatus.READY)
            yield from self.pause(self.rng.uniform(2, 4))
            handover_record(
                passport=passport,
                by=user,
                data=self.handover_input(family, person, collector),
            )
            self.steps["handed_over"] += 1
            if person is not collector:
                self.steps["handed_over_to_proxy"] += 1

    def collector(self, family: Family) -> Person:
        if family.proxy is not None:
            return family.proxy
        adults = [p for p in family.people if p in (family.mother, family.father)]
        return adults[0] if adults else family.contact

    def handover_input(self, family: Family, person: Person, collector: Person) -> HandoverInput:
        base = HandoverInput(
            basis=CollectorBasis.HOLDER,
            nik_typed=collector.nik,
            collector_name=collector.full_name,
            face_matched=True,
            signature_png=signature_png(collector.full_name),
            documents_seen=frozenset({"ktp", "receipt"}),
        )
        if person is collector:
            return base
        with_kk = frozenset({"ktp", "receipt", "kk"})
        if person not in (family.father, family.mother) and family.proxy is None:
            return replace(
                base,
                basis=CollectorBasis.PARENT,
                documents_seen=with_kk,
                kk_number=family.kk_number,
                relationship="Ayah kandung" if collector is family.father else "Ibu kandung",
            )
        if family.proxy is None:
            spouse = "Suami" if collector is family.father else "Istri"
            return replace(
                base,
                basis=CollectorBasis.FAMILY_SAME_KK,
                documents_seen=with_kk,
                kk_number=family.kk_number,
                relationship=spouse,
            )
        return replace(
            base,
            basis=CollectorBasis.POWER_OF_ATTORNEY,
            documents_seen=frozenset({"ktp", "receipt", "attorney_letter"}),
            attorney_letter_date=office_today(self.office) - dt.timedelta(days=1),
            stamp_duty=True,
        )

    def after_visit(self, ticket: Ticket, visit: Visit) -> None:
        """The visit is over: some answer the survey whose link or QR code they were given."""
        invitation = SurveyInvitation.objects.filter(ticket=ticket).first()
        answers = {"booked": 0.6, "express": 0.6, "pickup": 0.45, "information": 0.3}
        if invitation is None or self.rng.random() > answers[visit.kind]:
            return
        later = self.rng.uniform(2, 8) if visit.kind in ("pickup", "information") else 0
        later = later or self.rng.uniform(20, 300)
        self.at(self.now() + dt.timedelta(minutes=later), self.answer_survey, invitation)

    def answer_survey(self, invitation: SurveyInvitation) -> None:
        rng = self.rng
        mood = rng.random()
        answers = []
        for element in range(9):
            if mood < 0.6:
                answer = 4 if rng.random() < 0.72 else 3
            elif mood < 0.92:
                answer = rng.choices((4, 3, 2), weights=(20, 70, 10))[0]
            else:
                answer = rng.choices((3, 2, 1), weights=(40, 50, 10))[0]
            if element in (2, 8) and answer > 1 and rng.random() < 0.15:
                answer -= 1  # completion time and facilities: the usual weak points
            answers.append(answer)
        comment = rng.choice(SURVEY_COMMENTS) if rng.random() < 0.25 else ""
        survey_submit(invitation=invitation, answers=answers, comment=comment)
        self.steps["survey_answers"] += 1

    # --- behind the counters -----------------------------------------------------------

    def supervisor_round(self) -> Process:
        """The supervisor decides the cases waiting for the four-eyes decision, oldest first."""
        rng, by = self.rng, self.staff.supervisor
        waiting = Case.objects.filter(office=self.office, status=CaseStatus.AWAITING_SUPERVISOR)
        for case in list(waiting.order_by("updated_at", "pk")):
            yield from self.pause(rng.uniform(2, 5))
            person, _family = self.people_by_case[case.pk]
            case = case_claim(case=case, by=by)
            if person.outcome == "defer":
                case_defer(case=case, by=by, missing=rng.choice(DEFER_MISSING))
                self.steps["deferred"] += 1
                if rng.random() < 0.7:  # most bring the paper within the deadline
                    day = self.calendar.working_days_after(self.now().date(), rng.randint(1, 3))
                    self.at(self.local(day, dt.time(10, rng.randrange(60))), self.resume, person)
            elif person.outcome == "reject":
                case_decide(case=case, by=by, approve=False, reason=REJECT_REASON)
                self.steps["rejected"] += 1
            else:
                case_decide(case=case, by=by, approve=True)
                self.steps["approved"] += 1
                if person.pays:
                    self.plan_payment(person, express=case.express)

    def resume(self, person: Person) -> None:
        """The applicant brings what was missing; the supervisor takes the case up again."""
        assert person.case is not None
        case_resume(case=Case.objects.get(pk=person.case.pk), by=self.staff.supervisor)
        person.outcome = "approve"
        self.steps["resumed"] += 1

    def plan_payment(self, person: Person, *, express: bool) -> None:
        rng, billed = self.rng, self.now()
        if express:
            at = billed + dt.timedelta(minutes=rng.uniform(20, 50))
        elif rng.random() < 0.65:
            at = billed + dt.timedelta(hours=rng.uniform(0.5, 6))
        else:
            at = billed + dt.timedelta(days=1)
        local = at.astimezone(self.office.tz)
        if not express and not dt.time(6) <= local.time() <= dt.time(21):
            at = self.local(local.date() + dt.timedelta(days=1), dt.time(rng.randint(7, 11)))
        self.at(at, self.pay, person)

    def pay(self, person: Person) -> None:
        """The applicant pays the billing code; the bank notifies the office's endpoint."""
        assert person.case is not None
        case = Case.objects.select_related("bill").get(pk=person.case.pk)
        answer = simulator_send(
            billing_code=billing_code_current(case.bill).code,
            channel=self.channel,
            method=_weighted(self.rng, METHODS),
        )
        if answer.status != 200:
            logger.warning("demo payment of %s answered %s", case.code, answer.body)
            return
        self.steps["paid"] += 1

    def print_round(self) -> Process:
        for case in list(print_queue(self.office)):
            yield from self.pause(self.rng.uniform(2, 4))
            passport = print_start(case=case, by=self.staff.printer)
            yield from self.pause(1.5)
            print_confirm(passport=passport, by=self.staff.printer)
            self.steps["printed"] += 1

    def qc_round(self) -> Process:
        """Quality control by the second print officer (four eyes), then ready for pickup."""
        by = self.staff.checker
        for passport in list(qc_queue(self.office)):
            yield from self.pause(self.rng.uniform(1.5, 3))
            person, family = self.people_by_case[passport.case_id]
            fails = person.qc_fails
            person.qc_fails = False  # the reprint passes
            qc_record(
                passport=passport,
                by=by,
                passed=not fails,
                data_matches=True,
                photo_ok=not fails,
                mrz_line1=passport.mrz_line1,
                mrz_line2=passport.mrz_line2,
                notes="Foto pada halaman data tercetak bergaris." if fails else "",
            )
            if fails:
                self.steps["spoiled"] += 1
                continue
            passport_mark_ready(passport=passport, by=by)
            person.ready = True
            self.steps["ready"] += 1
            self.when_ready(family)

    def when_ready(self, family: Family) -> None:
        """Once every passport the family waits for is ready, someone comes to collect."""
        waiting = [p for p in family.people if p.outcome == "approve" and p.pays and not p.ready]
        if waiting or family.pickup_planned:
            return
        family.pickup_planned = True
        rng, now = self.rng, self.now().astimezone(self.office.tz)
        if family.session is None and now.time() < dt.time(15):  # express: the same afternoon
            at = now + dt.timedelta(minutes=rng.uniform(15, 45))
        else:
            later = _weighted(rng, ((30, 1), (25, 2), (20, 3), (15, 4), (10, 6)))
            day = self.calendar.working_days_after(now.date(), later)
            at = self.local(day, dt.time(rng.randint(8, 15), rng.randrange(0, 60, 5)))
        self.at(at, self.walk_in, ServiceKind.PICKUP, Visit("pickup", family=family))


REJECT_REASON = (
    "Indikasi pekerja migran non-prosedural: tanpa perusahaan penempatan (P3MI), tanpa "
    "perjanjian kerja, biaya perjalanan ditanggung calo."
)


def _case_data(case: Case) -> ApplicantData:
    """The case's data as the officer confirms them against the originals."""
    return ApplicantData(
        nik=case.nik,
        full_name=case.full_name,
        sex=case.sex,
        birth_date=case.birth_date,
        birth_place=case.birth_place,
        application_type=case.application_type,
        passport_kind=case.passport_kind,
        phone=case.phone,
        email=case.email,
        language=case.language,
    )


def _parents(family: Family) -> list[intake.ParentData]:
    parents = []
    for role, parent in (("father", family.father), ("mother", family.mother)):
        if parent is not None:
            present = parent in family.people or parent is family.contact
            parents.append(intake.ParentData(role, parent.full_name, parent.nik, present, ["ktp"]))
    return parents


def _answers(person: Person, family: Family) -> interview.InterviewAnswers:
    if person.outcome == "reject":
        return interview.InterviewAnswers(
            purpose="work",
            destination="Malaysia",
            trip_paid_by="agent",
            employer_abroad="Kebun sawit di Sarawak (ditawari kenalan)",
            recommendation=Recommendation.REJECT,
            recommendation_reason=REJECT_REASON,
        )
    if family.purpose == "work":
        return interview.InterviewAnswers(
            purpose="work",
            destination=family.destination,
            trip_paid_by="employer",
            employer_abroad="Perkebunan sawit, Sarawak",
            placement_agency="PT Borneo Karya Mandiri (P3MI)",
            pmi_registration=f"PMI-{person.nik[-8:]}",
            employment_contract=True,
            recommendation=Recommendation.APPROVE,
        )
    return interview.InterviewAnswers(
        purpose=family.purpose,
        destination=family.destination,
        trip_paid_by="self",
        recommendation=Recommendation.APPROVE,
    )


# --- pictures ------------------------------------------------------------------------------


def portrait(look: int, *, female: bool, width: int = 520, height: int = 440) -> bytes:
    """A drawn passport photo (JPEG) that passes the automatic checks (STANDARDS.md §9):
    frontal face on a light plain background, head about 75 % of the height, eyes level."""
    rng = np.random.default_rng(look)

    def pick(colours: tuple[tuple[int, int, int], ...]) -> tuple[float, ...]:
        return tuple(float(v) for v in colours[int(rng.integers(len(colours)))])

    skin, hair = pick(SKINS), pick(HAIRS)
    image = np.full((height, width, 3), 244, np.float32)
    head = height * rng.uniform(0.73, 0.77)
    eye_y = height * rng.uniform(0.41, 0.44)
    cx = width / 2 + width * rng.uniform(-0.015, 0.015)
    fw, fh = head * rng.uniform(0.34, 0.37), head * 0.5
    cy, crown, d = eye_y + head * 0.02, eye_y - head / 2, head / 3.46

    def shade(colour: tuple[float, ...], factor: float) -> tuple[float, ...]:
        return tuple(v * factor for v in colour)

    def oval(x: float, y: float, a: float, b: float, colour: Any, start: int = 0) -> None:
        cv2.ellipse(image, (int(x), int(y)), (int(a), int(b)), 0, start, 360, colour, -1)

    oval(width / 2, height + head * 0.1, fw * 2.2, head * 0.32, pick(CLOTHES))
    neck = (int(cx - fw * 0.45), int(eye_y + head * 0.44)), (int(cx + fw * 0.45), height)
    cv2.rectangle(image, *neck, shade(skin, 0.9), -1)
    if female and rng.random() < 0.5:  # a head scarf, allowed for religious reasons
        scarf = pick(SCARVES)
        oval(cx, cy - head * 0.03, fw * 1.22, fh * 1.12, scarf)
        oval(width / 2, height + head * 0.05, fw * 1.9, head * 0.3, scarf)
        oval(cx, cy + head * 0.02, fw * 0.98, fh * 0.97, skin)
    else:
        oval(cx, cy - head * 0.06, fw * 1.05, fh * 0.98, hair, 180)
        if female:
            top, bottom = int(cy - head * 0.06), int(cy + head * 0.28)
            cv2.rectangle(
                image, (int(cx - fw * 1.05), top), (int(cx + fw * 1.05), bottom), hair, -1
            )
        oval(cx, cy, fw, fh, skin)
        oval(cx, crown + head * 0.12, fw * 0.95, head * 0.1, hair, 180)
    for side in (-1, 1):
        ex = cx + side * d / 2
        oval(ex, eye_y - d * 0.28, d * 0.28, d * 0.06, (40, 45, 55), 180)
        oval(ex, eye_y, d * 0.3, d * 0.16, shade(skin, 0.75))
        oval(ex, eye_y, d * 0.2, d * 0.09, (235, 235, 235))
        cv2.circle(image, (int(ex), int(eye_y)), int(d * 0.08), (40, 30, 25), -1)
        cv2.circle(image, (int(ex), int(eye_y)), int(d * 0.035), (5, 5, 5), -1)
    oval(cx, eye_y + d * 0.55, d * 0.18, d * 0.08, shade(skin, 0.7))
    oval(cx, eye_y + d * 0.95, d * 0.3, d * 0.07, (90, 90, 160) if female else shade(skin, 0.6))
    blurred = cv2.GaussianBlur(image, (0, 0), 3 * height / 800)  # a lens, not a drawing
    pixels = np.clip(blurred + rng.normal(0, 2.0, image.shape), 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(encoded.tobytes())


def signature_png(name: str) -> bytes:
    """A signature as the pad sends it: the name in a handwriting-like stroke."""
    image = np.full((140, 480), 255, np.uint8)
    cv2.putText(image, name.split()[0], (30, 95), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.2, 0, 3)
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return bytes(encoded.tobytes())
