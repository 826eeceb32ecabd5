"""The reports over JSON (/api/reports/): the national readiness of the offices (headquarters)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import P, QueryEx, Router, Schema
from pydantic import Field

from paspor.accounts.access import require_any_role
from paspor.lib.api_auth import session_auth
from paspor.offices.readiness import Readiness
from paspor.reports.navigation import READINESS_ROLES
from paspor.reports.selectors.readiness import national_readiness

router = Router(tags=["reports"])

ProvinceQuery = QueryEx[
    str,
    P(
        description="Only the offices of this province, written as in the offices' records "
        "(`Kalimantan Barat`); empty for every province. A province without an office gives "
        "an empty list.",
        max_length=100,
        pattern=r"^[^\x00-\x1f\x7f]*$",  # no control characters (PostgreSQL refuses a NUL)
    ),
]
NotReadyQuery = QueryEx[
    bool,
    P(description="`true`: only the offices with a required step still missing."),
]


class ReadinessStepOut(Schema):
    """One setup step of an office (docs/onboarding.md)."""

    key: str = Field(
        description="The step, for programs: `opening_hours`, `stations`, `services`, "
        "`counters`, `sessions`, `sessions_in_hours`, `quota`, `policy`, `officers`, "
        "`supervisor`, `kiosk`, `display`, `print_qc`, `handover`, `head`, `booklets`.",
        examples=["kiosk"],
    )
    label: str = Field(description="What the step sets up, in the reader's language.")
    done: bool = Field(description="The step is done.")
    blocking: bool = Field(
        description="The office cannot be opened to the public while this step is not done; "
        "`false`: needed in the first days (a reminder)."
    )
    missing: str = Field(
        description="What is still missing, in words in the reader's language; empty when done."
    )


class OfficeReadinessOut(Schema):
    """An office and how far its setup is."""

    code: str = Field(description="The office's code.", examples=["ketapang"])
    name: str = Field(description="The office's name.")
    city: str = Field(description="The city or regency (kota/kabupaten).")
    province: str = Field(description="The province.")
    in_service: bool = Field(
        description="The office is open to the public: in the office list, taking bookings."
    )
    ready: bool = Field(description="Every required (`blocking`) step is done.")
    blocking_missing: int = Field(description="How many required steps are not done.")
    steps: list[ReadinessStepOut] = Field(
        description="Every setup step, in the order it is set up."
    )
    page: str = Field(
        description="The office's own page in the admin, where each step is set up (a path "
        "on this site; administrators, and headquarters officers given the setup group)."
    )


class ReadinessOut(Schema):
    """The offices of the country and their readiness."""

    offices: int = Field(description="Offices (of the province, when one is given).")
    in_service: int = Field(description="Of those, open to the public.")
    not_ready: int = Field(description="Of those, with a required step still missing.")
    rows: list[OfficeReadinessOut] = Field(
        description="The offices asked for (only those not ready with `not_ready`), those not "
        "ready first, then by province, city and name. Not paged: the whole country is about "
        "125 offices."
    )


def _office(row: Readiness) -> OfficeReadinessOut:
    office = row.office
    return OfficeReadinessOut(
        code=office.code,
        name=office.name,
        city=office.city,
        province=office.province,
        in_service=office.is_active,
        ready=row.ready,
        blocking_missing=len(row.blocking),
        steps=[
            ReadinessStepOut(
                key=step.key,
                label=step.label,
                done=step.done,
                blocking=step.blocking,
                missing=step.missing,
            )
            for step in row.steps
        ],
        page=reverse("admin:offices_office_change", args=[office.pk]),
    )


@router.get(
    "/readiness",
    response=ReadinessOut,
    auth=session_auth,
    summary="List the offices and how far each one's setup is",
)
def readiness(
    request: HttpRequest, province: ProvinceQuery = "", not_ready: NotReadyQuery = False
) -> ReadinessOut:
    """Staff (session) with the role `hq` or `admin`. Every office of the country (or of
    `province`), whether it is open to the public, and each setup step: done, or what is
    missing in words, as on the national readiness page (`/laporan/kesiapan-kantor/`).

    - 401 not signed in (`not_signed_in`); 403 `token_not_accepted` for an applicant's bearer
      token.
    - 403 `forbidden`: neither role (a head of office or a supervisor included)."""
    require_any_role(request, READINESS_ROLES)
    national = national_readiness(province=province.strip())
    rows = national.waiting if not_ready else national.rows
    return ReadinessOut(
        offices=len(national.rows),
        in_service=national.in_service,
        not_ready=national.not_ready,
        rows=[_office(row) for row in rows],
    )
