"""A crash at printing, quality control or handover: a booklet is never given twice nor lost,
and the stock count stays received − used − spoiled (booking/tests/faults.py).

Each write is failed at every one of its SQL statements and at its COMMIT — by an exception,
and on PostgreSQL by ending its connection — then sent again as a second click would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from paspor.booking.tests.faults import (
    MODES,
    assert_invariants,
    database_tasks,  # noqa: F401 - the fixture
    prove_all_or_nothing,
)
from paspor.cases.models import Case
from paspor.issuance.models import Booklet, Passport, PassportStatus
from paspor.issuance.services import (
    handover_record,
    passport_mark_ready,
    print_confirm,
    print_spoil,
    print_start,
)
from paspor.issuance.tests.conftest import make_paid_case
from paspor.issuance.tests.helpers import holder_input, qc, ready_passport

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("frozen", "database_tasks"),
]


def passport(pk: int) -> Passport:
    return Passport.objects.select_related("case__office", "booklet").get(pk=pk)


def case(pk: int) -> Case:
    return Case.objects.select_related("office").get(pk=pk)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_when_printing_starts_allocates_one_booklet_or_none(
    kill, office, intake_officer, stock, printer
):
    def setup() -> Callable[[], Passport]:
        paid = make_paid_case(office, intake_officer)
        return lambda: print_start(case=case(paid.pk), by=printer)

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert report.result.booklet.status == "allocated"
    assert Booklet.objects.filter(status="in_stock").count() == 10 - Passport.objects.count()


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_when_printing_is_confirmed_or_spoiled_keeps_the_booklet_counted(
    kill, office, intake_officer, stock, printer, checker
):
    def setup() -> Callable[[], Passport]:
        started = print_start(case=make_paid_case(office, intake_officer), by=printer)
        return lambda: print_confirm(passport=passport(started.pk), by=printer)

    prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)

    def spoil() -> Callable[[], Passport | None]:
        started = print_start(case=make_paid_case(office, intake_officer), by=printer)
        return lambda: print_spoil(
            passport=passport(started.pk), by=printer, witness=checker, reason="Tinta luntur"
        )

    report = prove_all_or_nothing(spoil, invariants=assert_invariants, kill=kill)
    # The spoiled booklet is recorded and the next one allocated, in the same transaction.
    assert report.result.booklet.status == "allocated"
    assert Booklet.objects.filter(status="spoiled").count() == 1 + len(report.finished_then_failed)


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_at_quality_control_and_ready_for_pickup_leaves_one_state(
    kill, office, intake_officer, stock, printer, checker
):
    def printed() -> Passport:
        started = print_start(case=make_paid_case(office, intake_officer), by=printer)
        return print_confirm(passport=started, by=printer)

    def check() -> Callable[[], Any]:
        done = printed()
        return lambda: qc(passport(done.pk), checker)

    prove_all_or_nothing(check, invariants=assert_invariants, kill=kill)

    def ready() -> Callable[[], Passport]:
        done = printed()
        qc(done, checker)
        return lambda: passport_mark_ready(passport=passport(done.pk), by=checker)

    report = prove_all_or_nothing(ready, invariants=assert_invariants, kill=kill)
    assert report.result.status == PassportStatus.READY


@pytest.mark.parametrize("kill", MODES)
def test_a_crash_at_handover_hands_the_passport_over_whole_or_not_at_all(
    kill, office, intake_officer, stock, printer, checker, handover_officer
):
    def setup() -> Callable[[], Any]:
        paid = make_paid_case(office, intake_officer)
        ready = ready_passport(paid, printer, checker)
        return lambda: handover_record(
            passport=passport(ready.pk), by=handover_officer, data=holder_input(paid)
        )

    report = prove_all_or_nothing(setup, invariants=assert_invariants, kill=kill)
    assert Passport.objects.get(pk=report.result.passport_id).status == PassportStatus.ISSUED
