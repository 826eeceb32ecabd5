"""Moving a case through printing and quality control in one call, and the inputs of the
printing, quality-control and handover tests."""

import dataclasses

from paspor.issuance.models import CollectorBasis
from paspor.issuance.services import (
    HandoverInput,
    passport_mark_ready,
    print_confirm,
    print_start,
    qc_record,
)
from paspor.issuance.tests.conftest import signature_png


def qc(passport, by, passed=True, **overrides):
    """Quality control of `passport` with every box ticked and its own MRZ read back, unless
    `overrides` say otherwise."""
    values = dict(
        passport=passport,
        by=by,
        passed=passed,
        data_matches=True,
        photo_ok=True,
        mrz_line1=passport.mrz_line1,
        mrz_line2=passport.mrz_line2,
    )
    values.update(overrides)
    return qc_record(**values)


def holder_input(case, **changes):
    """The holder collecting in person, with KTP and receipt seen and a signature."""
    data = HandoverInput(
        basis=CollectorBasis.HOLDER,
        nik_typed=case.nik,
        collector_name="",
        face_matched=True,
        signature_png=signature_png(),
        documents_seen=frozenset({"ktp", "receipt"}),
    )
    return dataclasses.replace(data, **changes)


def ready_passport(case, printer, checker):
    passport = print_confirm(passport=print_start(case=case, by=printer), by=printer)
    qc(passport, checker)
    passport.refresh_from_db()
    return passport_mark_ready(passport=passport, by=checker)
