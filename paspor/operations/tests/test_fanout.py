"""How a board event reaches the boards of other processes, by set-up."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from paspor.queueing.broadcast import fanout_backend


@override_settings(REDIS_URL="redis://127.0.0.1:6379/15")
def test_with_redis_boards_fan_out_over_redis() -> None:
    assert fanout_backend() == "redis"


@override_settings(REDIS_URL="")
def test_without_redis_postgresql_uses_listen_notify_and_sqlite_stays_in_process() -> None:
    expected = "postgres" if connection.vendor == "postgresql" else "local"
    assert fanout_backend() == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@override_settings(REDIS_URL="")
def test_a_wake_is_sent_as_a_notify_on_the_board_channel() -> None:
    import psycopg

    from paspor.queueing.broadcast import PG_CHANNEL, _pg_conninfo, board_wake

    with psycopg.connect(_pg_conninfo(), autocommit=True) as listener:
        listener.execute(f"LISTEN {PG_CHANNEL}")
        board_wake(42)
        received = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    assert received == ["42"]
