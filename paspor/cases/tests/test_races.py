"""Two officers at once: only one takes a case, only one opens a ticket."""

import threading

import pytest
from django.db import connection

from conftest import make_user
from paspor.accounts.models import Role
from paspor.cases.models import Case
from paspor.cases.services import case_claim, case_open
from paspor.cases.tests.conftest import SITI, make_booking, make_ticket, open_case
from paspor.lib.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(*calls):
    """Run the calls in threads released together; returns what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # the outcome is what the test inspects
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_supervisors_pressing_open_at_once_one_takes_the_case(office, intake_officer):
    case = open_case(office, intake_officer)
    Case.objects.filter(pk=case.pk).update(assigned_to=None)
    # Both certified for intake, the case's step: only the race decides.
    first = make_user("kasi1", role=Role.SUPERVISOR, office=office, stations=("intake",))
    second = make_user("kasi2", role=Role.SUPERVISOR, office=office, stations=("intake",))
    results = _at_once(
        lambda: case_claim(case=case, by=first), lambda: case_claim(case=case, by=second)
    )
    assert sorted(type(r).__name__ for r in results) == ["Case", "Conflict"]
    winner = next(r for r in results if isinstance(r, Case))
    case.refresh_from_db()
    assert case.assigned_to_id == winner.assigned_to_id


def test_two_officers_opening_one_ticket_at_once_make_one_case(
    office, intake_officer, supervisor, applicant
):
    ticket = make_ticket(office, 12, booking=make_booking(office, applicant))
    results = _at_once(
        lambda: case_open(office=office, by=intake_officer, ticket=ticket),
        lambda: case_open(office=office, by=supervisor, ticket=ticket, data=SITI),
    )
    assert sum(isinstance(r, Case) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert Case.objects.count() == 1
