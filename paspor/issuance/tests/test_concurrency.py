"""Concurrent printers never get the same booklet (threads; meant for PostgreSQL, runs on both).

On PostgreSQL each thread has its own connection and transaction: SKIP LOCKED and the
conditional UPDATE decide. On SQLite the IMMEDIATE transactions serialise the writers.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from conftest import make_user
from paspor.accounts.models import Role
from paspor.issuance.models import Booklet, BookletStatus, Passport
from paspor.issuance.services import print_start
from paspor.issuance.tests.conftest import PRINT_AND_QC, make_paid_case, receive
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)
PRINTERS = 6


def _race(jobs):
    """Run each job in its own thread, all released at once; returns results or errors."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def printers(office):
    return [
        make_user(f"cetak_{n}", role=Role.PRINT_QC, office=office, stations=PRINT_AND_QC)
        for n in range(PRINTERS)
    ]


def test_concurrent_printers_never_get_the_same_booklet(office, intake_officer, printers):
    receive(office, printers[0], "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    cases = [
        make_paid_case(
            office, intake_officer, nik=f"610401010190{n:04d}", full_name=f"Orang Ke {chr(65 + n)}"
        )
        for n in range(PRINTERS)
    ]
    jobs = [
        (lambda case=case, printer=printer: print_start(case=case, by=printer).booklet_id)
        for case, printer in zip(cases, printers, strict=True)
    ]
    results = _race(jobs)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == PRINTERS
    assert Booklet.objects.filter(status=BookletStatus.ALLOCATED).count() == PRINTERS
    assert Booklet.objects.filter(status=BookletStatus.IN_STOCK).count() == 10 - PRINTERS
    assert connection.vendor in ("postgresql", "sqlite")


def test_two_printers_on_the_same_case_make_one_passport(office, intake_officer, printers):
    receive(office, printers[0], "C1000001", "C1000010", on=dt.date(2026, 1, 5))
    case = make_paid_case(office, intake_officer)
    results = _race([(lambda p=p: print_start(case=case, by=p).pk) for p in printers[:4]])
    passports = [r for r in results if isinstance(r, int)]
    assert all(isinstance(r, int | Conflict) for r in results), results
    assert Passport.objects.filter(case=case).count() == 1
    assert set(passports) == {Passport.objects.get(case=case).pk}
    assert Booklet.objects.filter(status=BookletStatus.ALLOCATED).count() == 1


def test_more_printers_than_booklets_get_a_clear_refusal(office, intake_officer, printers):
    receive(office, printers[0], "C1000001", "C1000003", on=dt.date(2026, 1, 5))
    cases = [
        make_paid_case(office, intake_officer, nik=f"610401010190{n:04d}") for n in range(PRINTERS)
    ]
    results = _race(
        [
            (lambda c=c, p=p: print_start(case=c, by=p).booklet_id)
            for c, p in zip(cases, printers, strict=True)
        ]
    )
    allocated = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(allocated) == 3 and len(set(allocated)) == 3
    assert len(refused) == PRINTERS - 3
    assert all(r.code == "out_of_stock" for r in refused)
