# mypy: disable-error-code="union-attr"
"""Board events: rows in order, streamed as server-sent events, resumed after Last-Event-ID,
delivered across processes (polling, and Redis when configured)."""

import asyncio
import json
import os

import pytest
from asgiref.sync import sync_to_async
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from paspor.offices.models import OfficeService, ServiceKind
from paspor.queueing.broadcast import REDIS_CHANNEL, board_stream
from paspor.queueing.models import BoardChannel, BoardEvent
from paspor.queueing.selectors import board_state
from paspor.queueing.services import ticket_walk_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("board_connections_closed"),
]


def issue(office, kind=ServiceKind.INFORMATION):
    return ticket_walk_in(
        office=office, service=OfficeService.objects.get(office=office, kind=kind), by=None
    )


def parse(chunk):
    fields = dict(line.split(": ", 1) for line in chunk.strip().splitlines() if ": " in line)
    return int(fields["id"]), fields["event"], json.loads(fields["data"])


async def next_event(stream, timeout=5.0):
    while True:
        chunk = await asyncio.wait_for(stream.__anext__(), timeout)
        if chunk.startswith("id:"):
            return parse(chunk)


def test_every_change_appends_an_event_with_waiting_counts(queue_office):
    issue(queue_office)
    issue(queue_office, ServiceKind.PICKUP)
    events = list(BoardEvent.objects.order_by("id"))
    assert [e.kind for e in events] == ["queue", "queue"]
    waiting = {row["prefix"]: row["waiting"] for row in events[-1].payload["waiting"]}
    assert waiting["E"] == 1 and waiting["D"] == 1
    assert BoardChannel.objects.get(office=queue_office).last_event_id == events[-1].pk


def test_a_reconnecting_board_resumes_after_its_last_event_then_gets_live_ones(queue_office):
    first = issue(queue_office)
    issue(queue_office)
    ids = list(BoardEvent.objects.order_by("id").values_list("id", flat=True))

    async def scenario():
        stream = board_stream(queue_office.pk, ids[0])
        try:
            assert (await asyncio.wait_for(stream.__anext__(), 5)).startswith("retry:")
            backlog = await next_event(stream)
            await sync_to_async(issue)(queue_office)
            live = await next_event(stream)
            return backlog, live
        finally:
            await stream.aclose()

    backlog, live = asyncio.run(scenario())
    assert backlog[0] == ids[1]  # the missed one, not the one already shown
    assert live[0] > ids[1] and live[1] == "queue"
    assert live[2]["ticket"] == "E-003"
    assert first.display == "E-001"


@override_settings(QUEUE_BOARD_POLL_MS=50, REDIS_URL="")
def test_events_written_by_another_process_arrive_by_polling(queue_office):
    async def scenario():
        stream = board_stream(queue_office.pk, 0)
        try:
            await stream.__anext__()
            # Another process: a row appears without this process being told.
            await sync_to_async(BoardEvent.objects.create)(
                office=queue_office, kind="call", at=timezone.now(), payload={"ticket": "A-009"}
            )
            return await next_event(stream)
        finally:
            await stream.aclose()

    _, kind, data = asyncio.run(scenario())
    assert (kind, data["ticket"], data["stale"]) == ("call", "A-009", False)


def _redis_url():
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/2")
    try:
        redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis not reachable at {url}")
    return url


def test_redis_wakes_the_poller_of_another_process_at_once(queue_office):
    url = _redis_url()
    import redis

    async def scenario():
        stream = board_stream(queue_office.pk, 0)
        try:
            await stream.__anext__()
            await asyncio.sleep(0.3)  # the Redis subscription is up
            await sync_to_async(BoardEvent.objects.create)(
                office=queue_office, kind="call", at=timezone.now(), payload={"ticket": "A-010"}
            )
            redis.Redis.from_url(url).publish(REDIS_CHANNEL, str(queue_office.pk))
            # The fallback poll is 60 s away: only the Redis message can deliver it in time.
            return await next_event(stream, timeout=5)
        finally:
            await stream.aclose()

    with override_settings(QUEUE_BOARD_POLL_MS=60_000, REDIS_URL=url):
        _, _, data = asyncio.run(scenario())
    assert data["ticket"] == "A-010"


def test_catch_up_after_a_long_absence_shows_but_marks_old_calls_stale(queue_office):
    import datetime as dt

    BoardEvent.objects.create(
        office=queue_office,
        kind="call",
        at=timezone.now() - dt.timedelta(minutes=10),
        payload={"ticket": "A-001", "text": "x"},
    )

    async def scenario():
        stream = board_stream(queue_office.pk, 0)
        try:
            await stream.__anext__()
            return await next_event(stream)
        finally:
            await stream.aclose()

    assert asyncio.run(scenario())[2]["stale"] is True


def test_board_page_renders_the_current_state(client_for, queue_office, display):
    issue(queue_office)
    response = client_for(display).get(reverse("queueing:board", args=["ketapang"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert queue_office.name in body
    assert 'data-events="/antrian/ketapang/papan/events/"' in body
    assert board_state(queue_office)["waiting"][4]["waiting"] == 1


def test_event_stream_answers_with_server_sent_events(client_for, queue_office, display):
    response = client_for(display).get(reverse("queueing:board_events", args=["ketapang"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    response.close()
