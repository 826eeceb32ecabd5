"""Failure injection for the write paths (docs/architecture.md, "What the failure tests prove").

`prove_all_or_nothing` runs one operation again and again, failing it at statement 1, 2, 3, …
of its SQL until it runs through:

* `raise` mode: the Nth statement raises (an `OperationalError`, as a dropped connection does);
* `kill` mode (PostgreSQL): before the Nth statement a second connection ends the operation's
  backend with `pg_terminate_backend`, so the statement meets a dead connection.

The COMMIT counts as one more step. After each failure every table must hold exactly what it
held before (no partial rows, no audit row, no outbox message), or — when the failure came after
the commit, in the work the commit set off — the whole operation, row for row as a clean run
writes it. The shared invariants of the office (`assert_invariants`) are checked every time.
A retry of the finished operation must succeed or be refused with 409 and a reason.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError, OperationalError, connection

from paspor.lib.errors import DomainError

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES, reason="ends a connection with pg_terminate_backend (PostgreSQL only)"
)
# Each failure both ways: the error a dropped connection raises, and (PostgreSQL) the
# connection really ended from a second one.
MODES = [pytest.param(False, id="raise"), pytest.param(True, id="kill", marks=postgres_only)]
# The operation must go as far as its end: bound the loop so a runaway never hangs the suite.
MAX_STEPS = 400


@pytest.fixture
def database_tasks(settings: Any) -> None:
    """As in production: a task row is written in the transaction of the change."""
    from paspor.booking.tests.conftest import DATABASE_TASKS

    settings.TASKS = DATABASE_TASKS


@dataclass
class Faults:
    """A `connection.execute_wrapper` that fails the operation at step `fail_at`."""

    fail_at: int
    kill: Callable[[], None] | None = None
    steps: int = 0
    fired: str = ""
    committed: bool = False  # a COMMIT went through before the failure
    after_commit: bool = False

    def _step(self, what: str) -> None:
        self.steps += 1
        if self.steps != self.fail_at:
            return
        self.fired = what
        self.after_commit = self.committed
        if self.kill is not None:
            self.kill()  # the statement itself then fails on the dead connection
        else:
            # What a dropped connection raises (a worker tells it from a bug by its class).
            raise OperationalError(f"injected at step {self.steps}: {what[:120]}")

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self._step(sql)
        return execute(sql, params, many, context)


@contextmanager
def faults_installed(faults: Faults) -> Iterator[None]:
    """The wrapper on every statement, and the COMMIT of the outermost transaction as a step."""
    original = connection.commit

    def commit() -> None:
        faults._step("COMMIT")  # the outermost transaction's, as `atomic` ends it
        original()
        faults.committed = True

    with mock.patch.object(connection, "commit", commit), connection.execute_wrapper(faults):
        yield


def _backend_killer() -> Callable[[], None]:
    """Ends this connection's backend from a second connection, and waits until it is gone."""
    import psycopg

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)

    def kill() -> None:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(500):  # bounded: about five seconds
                row = admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
                if row.fetchone() is None:
                    return
                time.sleep(0.01)
        raise AssertionError(f"backend {pid} did not end")

    return kill


# --- What the database holds ----------------------------------------------------------------

Snapshot = dict[str, list[tuple[Any, ...]]]


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    # Django's sessions and the tasks' result rows are not the operation's (on_commit work is
    # judged by the rows it writes); everything else is.
    return sorted(name for name in names if name not in {"django_session"})


def snapshot() -> Snapshot:
    """Every row of every table, as stored."""
    rows: Snapshot = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def row_counts(rows: Snapshot) -> Counter[str]:
    return Counter({table: len(found) for table, found in rows.items()})


def difference(before: Snapshot, after: Snapshot) -> dict[str, tuple[int, int]]:
    """Tables whose rows changed: (rows gone, rows new)."""
    changed = {}
    for table in after:
        old, new = Counter(before.get(table, [])), Counter(after[table])
        if old != new:
            changed[table] = (sum((old - new).values()), sum((new - old).values()))
    return changed


# --- The run --------------------------------------------------------------------------------


@dataclass
class Report:
    steps: int = 0  # steps of a clean run, the COMMIT included
    rolled_back: list[int] = field(default_factory=list)
    finished_then_failed: list[tuple[int, dict[str, tuple[int, int]]]] = field(default_factory=list)
    clean_change: dict[str, tuple[int, int]] = field(default_factory=dict)
    result: Any = None


def _reconnect() -> None:
    """After a killed backend: drop the dead connection; the next query opens a new one."""
    connection.needs_rollback = False
    connection.close()


def prove_all_or_nothing(
    setup: Callable[[], Callable[[], Any]],
    *,
    invariants: Callable[[], None],
    kill: bool = False,
    retry: bool = True,
) -> Report:
    """Fails the operation `setup()` returns at each of its steps; see the module's text.

    `setup` makes a fresh world and returns the operation; it is called again only when a
    failure came after the commit (the world then moved on). With `retry`, the operation is
    sent once more after it finished: it must answer the same or be refused with 409.
    """
    report = Report()
    operation = setup()
    for n in range(1, MAX_STEPS):
        before = snapshot()
        faults = Faults(fail_at=n, kill=_backend_killer() if kill else None)
        raised = False
        try:
            with faults_installed(faults):
                result = operation()
        except DatabaseError:
            if not faults.fired:
                raise
            raised = True
        if kill and faults.fired:
            _reconnect()
        after = snapshot()
        invariants()
        if not faults.fired:  # ran through: the clean run
            report.steps, report.result = faults.steps, result
            report.clean_change = difference(before, after)
            break
        if after == before:
            # Failed before its commit: nothing of it stays, and the caller is told.
            assert raised, f"step {n} failed, nothing was written, yet it answered success"
            assert not faults.after_commit, ("a commit went through", n, faults.fired)
            report.rolled_back.append(n)
            continue
        # Rows changed: only a failure after the commit may leave them, and then the whole
        # operation (the work set off by the commit is retried by its own worker).
        assert faults.after_commit, (n, faults.fired, difference(before, after))
        report.finished_then_failed.append((n, difference(before, after)))
        operation = setup()
    else:
        raise AssertionError(f"the operation did not finish within {MAX_STEPS} steps")
    for n, changes in report.finished_then_failed:
        assert _shape(changes) == _shape(report.clean_change), (n, changes, report.clean_change)
    assert report.rolled_back, "no failure was injected inside the transaction"
    if retry:
        retry_answers_same_or_409(operation, invariants)
    return report


def _shape(changes: dict[str, tuple[int, int]]) -> dict[str, int]:
    """Rows written per table. The head row of an audit chain is new in a world whose first
    audited act this is and only updated after that: it counts as written either way."""
    return {table: max(counts) for table, counts in changes.items()}


def retry_answers_same_or_409(operation: Callable[[], Any], invariants: Callable[[], None]) -> None:
    """The client sends the same request again (its answer was lost after the commit)."""
    before = snapshot()
    try:
        operation()
    except DomainError as refused:
        assert refused.status == 409, (refused.status, refused.code, str(refused))
        assert refused.code and str(refused), "a refusal without its reason"
        assert snapshot() == before, "a refused retry changed rows"
    else:
        changes = difference(before, snapshot())
        # Answering the same again may touch a timestamp, never add a second outbox message or
        # audit row: that would be the operation done twice.
        for table in ("audit_auditentry", "notifications_message"):
            assert changes.get(table, (0, 0))[1] == 0, (table, changes)
    invariants()


# --- The promises, over every office ----------------------------------------------------------


def assert_invariants() -> None:
    """What no failure may break, anywhere in the database."""
    assert_seats_match_bookings()
    assert_ticket_numbers_contiguous()
    assert_each_bill_paid_once()
    assert_booklets_accounted_for()
    assert_audit_chains_whole()
    assert_outbox_once()


def assert_seats_match_bookings() -> None:
    """A quota counter counts the bookings holding its seats and the seats offered to the
    waitlist; nothing else."""
    from paspor.booking.models import Booking, BookingStatus, QuotaCounter, WaitlistEntry

    holding = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW)
    for counter in QuotaCounter.objects.all():
        slot = dict(office_id=counter.office_id, date=counter.date, pool=counter.pool)
        bookings = Booking.objects.filter(session=counter.session_id, status__in=holding, **slot)
        offers = WaitlistEntry.objects.filter(
            offered_session=counter.session_id, status="offered", **slot
        )
        assert counter.booked == bookings.count() + offers.count(), (
            counter.date,
            counter.session_id,
            counter.pool,
            counter.booked,
            bookings.count(),
            offers.count(),
        )


def assert_ticket_numbers_contiguous() -> None:
    """The tickets of a day and prefix are numbered 1…n with no gap and no double, and the
    day's number row says n."""
    from paspor.queueing.models import Ticket, TicketNumber

    numbers: dict[tuple[int, Any, str], list[int]] = {}
    for office_id, day, prefix, number in Ticket.objects.values_list(
        "office_id", "day", "prefix", "number"
    ):
        numbers.setdefault((office_id, day, prefix), []).append(number)
    last = {
        (row.office_id, row.day, row.prefix): row.last_number for row in TicketNumber.objects.all()
    }
    for key, taken in numbers.items():
        assert sorted(taken) == list(range(1, len(taken) + 1)), (key, sorted(taken))
        assert last.get(key) == len(taken), (key, last.get(key), len(taken))
    for key, number in last.items():
        assert number == len(numbers.get(key, [])), (key, number)


def assert_each_bill_paid_once() -> None:
    """A billing code is paid by exactly one applied payment, and a bill through one code."""
    from paspor.payments.models import BillingCode, Payment

    for code in BillingCode.objects.all():
        applied = Payment.objects.filter(billing_code=code, status="applied").count()
        if code.status == "paid":
            assert applied == 1, (code.code, applied)
        else:
            assert applied == 0, (code.code, code.status, applied)
    paid = BillingCode.objects.filter(status="paid").values_list("bill_id", flat=True)
    assert len(list(paid)) == len(set(paid)), "a bill paid twice"


def assert_booklets_accounted_for() -> None:
    """Every booklet received is in stock, in one passport, or recorded as used up; the stock
    count is received − used − spoiled − returned."""
    from paspor.issuance.models import Booklet, BookletDelivery, Passport

    for delivery in BookletDelivery.objects.all():
        assert delivery.booklets.count() == delivery.quantity, delivery.document_number
    holders = list(Passport.objects.values_list("booklet_id", flat=True))
    assert len(holders) == len(set(holders)), "a booklet in two passports"
    for booklet in Booklet.objects.all():
        has_passport = booklet.pk in holders
        if booklet.status == "in_stock":
            assert not has_passport and not booklet.consumption, booklet.number
        if booklet.status in {"allocated", "printed", "issued"}:
            assert has_passport, booklet.number
    received = sum(BookletDelivery.objects.values_list("quantity", flat=True))
    gone = Booklet.objects.exclude(status="in_stock").count()
    assert Booklet.objects.filter(status="in_stock").count() == received - gone


def assert_audit_chains_whole() -> None:
    from paspor.audit.services import audit_verify_all

    assert audit_verify_all() == []


def assert_outbox_once() -> None:
    """No message twice for the same event (its de-duplication key)."""
    from paspor.notifications.models import Message

    keys = [key for key in Message.objects.values_list("dedupe_key", flat=True) if key]
    assert len(keys) == len(set(keys)), "an outbox message written twice"


def worker_run() -> None:
    """The database task worker until no task is ready (`manage.py db_worker --batch`)."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
