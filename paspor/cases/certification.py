"""A station's work is done only by officers certified for that station (PRODUCT.md).

Opening a counter already needs a certification valid that day
(`paspor.accounts.access.staff_can_work_station`); the work of the station's steps needs it
too, wherever it is done from (the case page, the API, the handover page). So does the
back-office work of issuance, which has no counter: printing a passport (`StationType.PRINTING`)
and checking it (`StationType.QUALITY_CONTROL`). The supervisor's own duties — the four-eyes
decision, clearing or confirming a travel-ban hit, reassigning — belong to no station and need
no certificate; a supervisor working a station's step (docs/cases.md: "intake officer (or
supervisor)") needs that station's certificate like anyone else.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paspor.accounts.access import staff_can_work_station
from paspor.accounts.models import Certification, User
from paspor.cases.models import CaseStatus
from paspor.lib.errors import Forbidden
from paspor.offices.calendar import office_today
from paspor.offices.models import BACK_OFFICE_STATIONS, Office, StationType

# The station whose work each step of a case is.
STEP_STATIONS: dict[CaseStatus, StationType] = {
    CaseStatus.INTAKE: StationType.INTAKE,
    CaseStatus.BIOMETRICS: StationType.BIOMETRICS,
    CaseStatus.INTERVIEW: StationType.BIOMETRICS,
}


class NotCertified(Forbidden):
    """The officer holds no certification for the step's station valid today: 403."""

    code = "not_certified"


def certificate_problem(
    *, user: User, office: Office, station_type: str, on: dt.date | None = None
) -> str:
    """Why `user` may not work `station_type` at `office` on `on` (today), naming the
    certificate; "" when they may."""
    on = on or office_today(office)
    if staff_can_work_station(user=user, office=office, station_type=station_type, on=on):
        return ""
    station = StationType(station_type).label
    latest = (
        Certification.objects.filter(user=user, station_type=station_type)
        .order_by("-expires_on", "-issued_on")
        .first()
    )
    back_office = station_type in BACK_OFFICE_STATIONS  # no case assigned: nothing to hand on
    if latest is None and back_office:
        return _(
            "Anda belum memiliki sertifikat %(station)s: pekerjaan ini hanya dikerjakan petugas "
            "yang bersertifikat untuk itu."
        ) % {"station": station}
    if latest is None:
        return _(
            "Anda belum memiliki sertifikat pos %(station)s: langkah ini hanya dikerjakan "
            "petugas bersertifikat. Minta supervisor mengalihkan permohonan ini."
        ) % {"station": station}
    if latest.issued_on > on:
        return _(
            "Sertifikat pos %(station)s Anda (nomor %(number)s) baru berlaku mulai %(date)s: "
            "langkah ini hanya dikerjakan petugas bersertifikat."
        ) % {
            "station": station,
            "number": latest.certificate_number,
            "date": date_format(latest.issued_on, "j F Y"),
        }
    if latest.expires_on < on and back_office:
        return _(
            "Sertifikat %(station)s Anda (nomor %(number)s) berakhir %(date)s: pekerjaan ini "
            "hanya dikerjakan petugas bersertifikat. Perbarui sertifikat dahulu."
        ) % {
            "station": station,
            "number": latest.certificate_number,
            "date": date_format(latest.expires_on, "j F Y"),
        }
    if latest.expires_on < on:
        return _(
            "Sertifikat pos %(station)s Anda (nomor %(number)s) berakhir %(date)s: langkah ini "
            "hanya dikerjakan petugas bersertifikat. Perbarui sertifikat, atau minta supervisor "
            "mengalihkan permohonan ini."
        ) % {
            "station": station,
            "number": latest.certificate_number,
            "date": date_format(latest.expires_on, "j F Y"),
        }
    # A valid certificate, but no role here that works this station.
    return _("Peran Anda di kantor ini tidak mengerjakan pos %(station)s.") % {"station": station}


def require_station_certificate(*, user: User, office: Office, station_type: str) -> None:
    problem = certificate_problem(user=user, office=office, station_type=station_type)
    if problem:
        raise NotCertified(problem)


def step_certificate_problem(*, user: User, office: Office, status: str) -> str:
    """`certificate_problem` for the station of a case's step ("" for a step of no station)."""
    station = STEP_STATIONS.get(CaseStatus(status))
    if station is None:
        return ""
    return certificate_problem(user=user, office=office, station_type=station)


def require_step_certificate(*, user: User, office: Office, status: str) -> None:
    problem = step_certificate_problem(user=user, office=office, status=status)
    if problem:
        raise NotCertified(problem)


def officer_certified_for_step(*, user: User, office: Office, status: str) -> bool:
    """Whether `user` may be handed a case at this step (a supervisor's reassignment)."""
    station = STEP_STATIONS.get(CaseStatus(status))
    return station is None or staff_can_work_station(
        user=user, office=office, station_type=station, on=office_today(office)
    )
