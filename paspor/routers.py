"""Sends report reads to the read replica when one is configured (DATABASE_REPLICA_URL).

Reports read other apps' tables (bookings, tickets), so routing by model alone is not enough:
report code wraps its reads in `replica_reads()`, and every read made inside goes to the
replica. Writes always go to the default database, inside or outside the block, and a read
inside an open transaction stays on the default database (it must see its own writes).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connections

REPLICA = "replica"
REPORT_APPS = frozenset({"reports"})
_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "paspor_replica_reads", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def on_replica[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of `replica_reads()` for report selectors."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return fn(*args, **kwargs)

    return wrapper


def _in_transaction() -> bool:
    return connections["default"].in_atomic_block


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if not replica_configured() or _in_transaction():
            return None
        if _replica_reads.get() or model._meta.app_label in REPORT_APPS:
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the default database

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # the replica follows the primary; never migrate it directly
