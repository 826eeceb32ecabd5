"""The history's applicants: their names, places and trips, the families they come in, and
what the officers record from them (data confirmed, parents, interview answers)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from paspor.accounts.models import User
from paspor.booking.models import ApplicantProfile, ArrivalSession, Pool
from paspor.booking.rules import age_on
from paspor.cases import intake, interview
from paspor.cases.models import Case, Recommendation
from paspor.cases.services import ApplicantData
from paspor.cases.types import PassportKind

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

REJECT_REASON = (
    "Indikasi pekerja migran non-prosedural: tanpa perusahaan penempatan (P3MI), tanpa "
    "perjanjian kerja, biaya perjalanan ditanggung calo."
)


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


class Applicants:
    """Draws the history's applicants from the seeded `rng`: people with a NIK no profile has
    yet, and the families they book with."""

    def __init__(self, rng: random.Random, *, niks: set[str]) -> None:
        self.rng, self.niks = rng, niks
        self.emails = 0

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

    def phone(self) -> str:
        operator = self.rng.choice(("12", "13", "21", "52", "57"))
        return f"08{operator}{self.rng.randrange(10**7, 10**8)}"


def case_data(case: Case) -> ApplicantData:
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


def parents_data(family: Family) -> list[intake.ParentData]:
    parents = []
    for role, parent in (("father", family.father), ("mother", family.mother)):
        if parent is not None:
            present = parent in family.people or parent is family.contact
            parents.append(intake.ParentData(role, parent.full_name, parent.nik, present, ["ktp"]))
    return parents


def interview_answers(person: Person, family: Family) -> interview.InterviewAnswers:
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
