"""The database work of one online booking, pinned: the quota rush is bound by it."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from paspor.booking.models import Booking
from paspor.booking.services import api_token_issue
from paspor.booking.tests.conftest import DATABASE_TASKS, DAY
from paspor.notifications.models import Message

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen")]

ANSWERS = {"old_passport": "none", "passport_kind": "electronic"}

# The token's device with its account, profile, NIK block; then in one transaction (BEGIN … COMMIT): month cap with
# the account row lock, the booking, the confirmation's task row (the worker writes the message),
# the seat.
STATEMENTS_PER_BOOKING = 9


def _booking_request(client, office, profile):
    """A booking request as the app sends it, ready to be posted."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(account=profile.account)}"}
    body = {
        "profile": str(profile.public_id),
        "office": office.code,
        "date": DAY.isoformat(),
        "session": "10:00",
        "answers": ANSWERS,
    }
    return lambda: client.post(
        "/api/booking/bookings", body, content_type="application/json", **headers
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_one_booking_takes_a_fixed_number_of_statements(client, office, sessions, budi, lain):
    # The session's first booking creates its seat counter and fills the caches; the rush
    # meets a counter that exists.
    assert _booking_request(client, office, lain)().status_code == 201
    book = _booking_request(client, office, budi)
    with CaptureQueriesContext(connection) as captured:
        response = book()
    assert response.status_code == 201, response.content
    statements = [query["sql"] for query in captured.captured_queries]
    listing = "\n".join(statements)
    assert len(statements) == STATEMENTS_PER_BOOKING, listing
    assert statements[-1] == "COMMIT", listing  # nothing left for after the commit
    assert not any(sql.startswith("SAVEPOINT") for sql in statements), listing
    token = 'FROM "accounts_signin" INNER JOIN "accounts_user"'
    assert sum(token in sql for sql in statements) == 1, listing  # device and account in one
    assert sum('FROM "accounts_user"' in sql for sql in statements) == 1, listing  # the lock
    booking = Booking.objects.get(code=response.json()["code"])
    task = DBTaskResult.objects.get(args_kwargs__kwargs__booking_id=booking.pk)
    assert task.task_path == "paspor.booking.tasks.booking_confirmation_send"
    assert not Message.objects.filter(template="booking_confirmed").exists()


def test_a_request_for_a_session_just_sold_out_is_refused_before_any_transaction(
    client, office, sessions, budi, lain
):
    from paspor.booking.services import booking_cancel
    from paspor.booking.tests.conftest import make_profile

    family = [make_profile(budi.account, serial) for serial in (3, 4)]
    assert _booking_request(client, office, lain)().status_code == 201
    assert _booking_request(client, office, budi)().status_code == 201  # the last seat
    # The first refusal finds the session full inside its transaction and leaves a hint.
    first = _booking_request(client, office, family[0])()
    assert (first.status_code, first.json()["code"]) == (409, "full")
    ask_again = _booking_request(client, office, family[1])  # its token signed in before
    with CaptureQueriesContext(connection) as captured:
        again = ask_again()
    assert (again.status_code, again.json()["code"]) == (409, "full")
    statements = [query["sql"] for query in captured.captured_queries]
    listing = "\n".join(statements)
    # The token's device and account, profile, NIK block, the counter: no transaction, nothing
    # written.
    assert len(statements) == 4, listing
    assert not any(sql.startswith(("BEGIN", "INSERT", "UPDATE", "SAVEPOINT")) for sql in statements)
    # A seat given back is found at once: the hint only sends the request to the check.
    booking_cancel(booking=Booking.objects.get(profile=lain), by=lain.account)
    taken = _booking_request(client, office, family[1])()
    assert taken.status_code == 201, taken.content
    assert Booking.objects.filter(status="booked").count() == 2
