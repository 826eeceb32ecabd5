"""Personas and factories of the issuance rulebook: printers, checkers, handover officers."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
import time_machine

from conftest import make_user
from paspor.accounts.models import Role
from paspor.cases.models import Case, CaseStatus
from paspor.cases.types import ApplicationType, PassportKind
from paspor.issuance.models import BookletKind
from paspor.issuance.services import booklet_delivery_receive
from paspor.offices.models import StationType


def make_paid_case(office, opened_by, **overrides):
    values = dict(
        office=office,
        opened_by=opened_by,
        nik="6104015708900001",
        full_name="Siti Aminah",
        sex="F",
        birth_date=dt.date(1990, 8, 17),
        birth_place="Ketapang",
        email="siti@example.com",
        application_type=ApplicationType.NEW_ADULT,
        passport_kind=PassportKind.ELECTRONIC,
        validity_years=10,
        status=CaseStatus.PAID,
        paid_at=dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC),
        due_date=dt.date(2026, 3, 19),
    )
    values.update(overrides)
    return Case.objects.create(**values)


def receive(office, by, first, last, kind=BookletKind.ELECTRONIC, on=None, document=None):
    return booklet_delivery_receive(
        office=office,
        kind=kind,
        document_number=document or f"BAST-{first}",
        received_on=on or dt.date(2026, 3, 2),
        first_number=first,
        last_number=last,
        by=by,
    )


def signature_png() -> bytes:
    """A small valid PNG (a 20×8 grey stroke), as the signature canvas sends."""
    width, height = 20, 8
    raw = b"".join(b"\x00" + bytes([0 if 3 <= y <= 4 else 255] * width) for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# Print/QC officers hold the certificates of their work (docs/issuance.md): the printer prints,
# the checker checks what the printer printed.
PRINTING = (StationType.PRINTING,)
QUALITY_CONTROL = (StationType.QUALITY_CONTROL,)
PRINT_AND_QC = (StationType.PRINTING, StationType.QUALITY_CONTROL)


@pytest.fixture
def printer(office):
    return make_user(
        "petugas_cetak",
        role=Role.PRINT_QC,
        office=office,
        email="cetak@example.com",
        stations=PRINT_AND_QC,
    )


@pytest.fixture
def checker(office):
    return make_user("petugas_qc", role=Role.PRINT_QC, office=office, stations=PRINT_AND_QC)


@pytest.fixture
def handover_officer(office):
    return make_user(
        "petugas_serah", role=Role.HANDOVER, office=office, stations=(StationType.HANDOVER,)
    )


@pytest.fixture
def stock(office, printer):
    """Ten electronic booklets C1000001–C1000010 received on 2 March 2026."""
    return receive(office, printer, "C1000001", "C1000010")


@pytest.fixture
def paid_case(office, intake_officer):
    return make_paid_case(office, intake_officer)


@pytest.fixture
def frozen():
    """10:00 in Ketapang (WIB) on Tuesday 17 March 2026 (tests that use it by name)."""
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        yield
