"""Pushing board events to the display boards (server-sent events), across processes.

Design (docs/queue.md): events are rows (`BoardEvent`), so nothing is lost when a process or the
server restarts — a board reconnects with `Last-Event-ID` and reads what it missed. Each server
process runs ONE poller per office with connected boards (an asyncio task) that reads new rows
and fans them out to that process's boards. The poller sleeps until woken:

- by the same process, right after a commit that added an event (`board_wake`);
- by another process that committed an event: over Redis pub/sub when REDIS_URL is set, else
  over PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL (SQLite: one process only);
- or, at the latest, after QUEUE_BOARD_POLL_MS (the fallback that makes Redis optional).

All database reads of the pollers run in one thread per process, whose connection is closed
when the last board of the process disconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import math
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections
from django.utils import timezone

from paspor.queueing.models import BoardEvent
from paspor.queueing.selectors import events_after, latest_event_id

log = logging.getLogger(__name__)

REDIS_CHANNEL = "paspor:queue:board"
PG_CHANNEL = "paspor_queue_board"
HEARTBEAT_SECONDS = 15.0
BACKLOG_PAGE = 200
ACCESS_CHECKS_AT_ONCE = 8
# Events a board's stream may hold unsent. A board that stops reading (its connection stalled
# with the network, or a client that never reads) is dropped past this instead of keeping the
# office's whole day in memory; its stream ends and the browser resumes from the database.
SUBSCRIBER_BACKLOG = 500
T = TypeVar("T")
Frame = tuple[int, str]  # an event's id and its SSE text


def fanout_backend() -> str:
    """How a committed event reaches the boards of other processes: "redis", "postgres" or
    "local" (in-process only, the SQLite development set-up)."""
    if settings.REDIS_URL:
        return "redis"
    if connections["default"].vendor == "postgresql":
        return "postgres"
    return "local"


def _pg_conninfo() -> str:
    from psycopg.conninfo import make_conninfo

    params = connections["default"].get_connection_params()
    keep = {"dbname", "user", "password", "host", "port", "sslmode", "sslrootcert", "options"}
    return make_conninfo(**{k: v for k, v in params.items() if k in keep and v not in (None, "")})


def _poll_seconds() -> float:
    return int(getattr(settings, "QUEUE_BOARD_POLL_MS", 1000)) / 1000


class OfficeFeed:
    """The one poller of an office in this process, and the queues of its connected boards."""

    def __init__(self, hub: Hub, office_id: int, last_id: int) -> None:
        self.hub = hub
        self.office_id = office_id
        self.last_id = last_id
        self.subscribers: set[asyncio.Queue[Frame]] = set()
        self.wake = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        cancelled = False
        try:
            await self._poll()
        except asyncio.CancelledError:
            cancelled = True  # the server is shutting down
            raise
        finally:
            self.hub.feed_stopped(self, restart=not cancelled)

    async def _poll(self) -> None:
        poll = _poll_seconds()
        while self.subscribers:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=poll)
            self.wake.clear()
            try:
                events = await self.hub.db(events_after, self.office_id, self.last_id)
            except Exception:
                log.exception("board poller of office %s failed; retrying", self.office_id)
                await self.hub.db(_reset_connection)
                await asyncio.sleep(poll)
                continue
            for event in events:
                self.last_id = event.pk
                frame = (event.pk, sse_format(event))  # formatted once for all boards
                for queue in list(self.subscribers):
                    try:
                        queue.put_nowait(frame)
                    except asyncio.QueueFull:
                        self.subscribers.discard(queue)  # its stream ends once it drained
            if len(events) >= BACKLOG_PAGE:
                self.wake.set()  # a long backlog: read on at once


def _reset_connection() -> None:
    connections.close_all()


class Hub:
    """The pollers of one event loop (one server process)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.feeds: dict[int, OfficeFeed] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-db")
        _executors.append(self.executor)
        self.listener: asyncio.Task[None] | None = None
        # Boards reconnect all at once after a restart: their sign-in checks take a database
        # connection each, so only a few run at a time (PostgreSQL allows ~100 connections).
        self.gate = asyncio.Semaphore(ACCESS_CHECKS_AT_ONCE)

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.loop.run_in_executor(self.executor, lambda: fn(*args))

    async def subscribe(self, office_id: int) -> asyncio.Queue[Frame]:
        """A queue receiving the office's events committed from now on."""
        queue: asyncio.Queue[Frame] = asyncio.Queue(maxsize=SUBSCRIBER_BACKLOG)
        feed = self.feeds.get(office_id)
        if feed is None:
            # The feed's starting point is read BEFORE the subscriber reads its backlog, so
            # nothing falls between the two (duplicates are dropped by id).
            last = await self.db(latest_event_id, office_id)
            feed = self.feeds.setdefault(office_id, OfficeFeed(self, office_id, last))
        feed.subscribers.add(queue)
        feed.start()
        self._start_listener()
        return queue

    def subscribed(self, office_id: int, queue: asyncio.Queue[Frame]) -> bool:
        """False once the poller dropped the queue for falling too far behind."""
        feed = self.feeds.get(office_id)
        return feed is not None and queue in feed.subscribers

    def unsubscribe(self, office_id: int, queue: asyncio.Queue[Frame]) -> None:
        feed = self.feeds.get(office_id)
        if feed is not None:
            feed.subscribers.discard(queue)
            feed.wake.set()  # let an idle poller notice it has no boards left

    def feed_stopped(self, feed: OfficeFeed, *, restart: bool) -> None:
        if restart and feed.subscribers:  # a board arrived while the poller was finishing
            feed.task = None
            feed.start()
            return
        if self.feeds.get(feed.office_id) is feed:
            del self.feeds[feed.office_id]
        if not self.feeds:
            if self.listener is not None:
                self.listener.cancel()
                self.listener = None
            with contextlib.suppress(RuntimeError):  # the executor was shut down already
                self.executor.submit(_reset_connection)

    def wake(self, office_id: int) -> None:
        feed = self.feeds.get(office_id)
        if feed is not None:
            feed.wake.set()

    def _start_listener(self) -> None:
        if self.listener is not None and not self.listener.done():
            return
        backend = fanout_backend()
        if backend == "redis":
            self.listener = self.loop.create_task(self._listen_redis())
        elif backend == "postgres":
            self.listener = self.loop.create_task(self._listen_postgres())

    async def _listen_redis(self) -> None:
        """Wakes this process's pollers when another process publishes a new event."""
        import redis.asyncio as aioredis

        while True:
            try:
                client = aioredis.from_url(settings.REDIS_URL)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(REDIS_CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self.wake(int(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("Redis wake-up unavailable; boards fall back to polling")
                await asyncio.sleep(5)

    async def _listen_postgres(self) -> None:
        """Wakes this process's pollers on NOTIFY from another process (no Redis)."""
        import psycopg

        conninfo = _pg_conninfo()
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {PG_CHANNEL}")
                    async for notice in conn.notifies():
                        self.wake(int(notice.payload))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("LISTEN/NOTIFY wake-up unavailable; boards fall back to polling")
                await asyncio.sleep(5)


_executors: list[ThreadPoolExecutor] = []
_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()
_hubs_lock = threading.Lock()


def hub() -> Hub:
    loop = asyncio.get_running_loop()
    with _hubs_lock:
        found = _hubs.get(loop)
        if found is None:
            found = _hubs[loop] = Hub(loop)
    return found


def board_wake(office_id: int) -> None:
    """Called after the commit of a new event: wake the pollers here and in other processes."""
    with _hubs_lock:
        hubs = list(_hubs.values())
    for found in hubs:
        if not found.loop.is_closed():
            found.loop.call_soon_threadsafe(found.wake, office_id)
    backend = fanout_backend()
    if backend == "redis":
        try:
            _redis().publish(REDIS_CHANNEL, str(office_id))
        except Exception:
            log.warning("Redis publish failed; other processes will poll")
    elif backend == "postgres":
        try:
            with connections["default"].cursor() as cursor:
                # Inside a transaction PostgreSQL delivers it at commit; here it is after one.
                cursor.execute("SELECT pg_notify(%s, %s)", [PG_CHANNEL, str(office_id)])
        except Exception:
            log.warning("NOTIFY failed; other processes will poll")


_redis_client: Any = None


def _redis() -> Any:
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1)
    return _redis_client


# A board catching up after a reconnect shows older calls but does not speak them.
STALE_AFTER = dt.timedelta(seconds=60)


def sse_format(event: BoardEvent) -> str:
    stale = timezone.now() - event.at > STALE_AFTER
    data = json.dumps(
        {"id": event.pk, "kind": event.kind, "at": event.at.isoformat(), "stale": stale}
        | event.payload,
        ensure_ascii=False,
    )
    return f"id: {event.pk}\nevent: {event.kind}\ndata: {data}\n\n"


def _stream_seconds() -> float:
    return float(settings.QUEUE_BOARD_STREAM_SECONDS)


def _access_check_seconds() -> float:
    return float(settings.QUEUE_BOARD_ACCESS_CHECK_SECONDS)


async def _still_allowed(found: Hub, allowed: Callable[[], bool]) -> bool:
    try:
        return await found.db(allowed)
    except Exception:
        log.exception("board access check failed; ending the stream")
        await found.db(_reset_connection)
        return False


async def board_stream(
    office_id: int,
    after_id: int,
    *,
    max_events: int | None = None,
    allowed: Callable[[], bool] | None = None,
    lifetime: float | None = None,
) -> AsyncGenerator[str]:
    """The SSE body for one board: the backlog after `after_id`, then live events.

    `allowed` (the viewer may still watch) is asked again every QUEUE_BOARD_ACCESS_CHECK_SECONDS,
    not per event; the stream ends when it says no, and after `lifetime` seconds
    (QUEUE_BOARD_STREAM_SECONDS). The browser then reconnects with Last-Event-ID and misses
    nothing, or is refused and signs in again."""
    found = hub()
    queue = await found.subscribe(office_id)
    loop = asyncio.get_running_loop()
    ends = loop.time() + (_stream_seconds() if lifetime is None else lifetime)
    check_every = _access_check_seconds()
    next_check = loop.time() + check_every if allowed is not None else math.inf
    sent = 0
    try:
        yield "retry: 1000\n\n"
        last = after_id
        while True:  # the backlog, page by page
            backlog = await found.db(events_after, office_id, last)
            for event in backlog:
                yield sse_format(event)
                last, sent = event.pk, sent + 1
            if len(backlog) < BACKLOG_PAGE:
                break
        said = loop.time()
        while max_events is None or sent < max_events:
            now = loop.time()
            if now >= ends:
                return
            if queue.empty() and not found.subscribed(office_id, queue):
                return  # dropped for not reading: the browser resumes after what it got
            if allowed is not None and now >= next_check:
                if not await _still_allowed(found, allowed):
                    return
                next_check = loop.time() + check_every
            wait = min(ends, next_check, said + HEARTBEAT_SECONDS) - now
            try:
                event_id, text = await asyncio.wait_for(queue.get(), timeout=max(wait, 0.01))
            except TimeoutError:
                if loop.time() - said >= HEARTBEAT_SECONDS:
                    yield ": ping\n\n"
                    said = loop.time()
                continue
            if event_id <= last:
                continue
            yield text
            last, sent, said = event_id, sent + 1, loop.time()
    finally:
        found.unsubscribe(office_id, queue)


def close_board_connections() -> None:
    """Closes the pollers' database connections and threads (tests, before the database is
    dropped; a server process simply exits)."""
    with _hubs_lock:
        executors = list(_executors)
        _executors.clear()
        _hubs.clear()
    for executor in executors:
        with contextlib.suppress(RuntimeError):
            executor.submit(_reset_connection).result(timeout=5)
        executor.shutdown(wait=True)
