# mypy: disable-error-code="union-attr"
"""Board events: rows in order, streamed as server-sent events, resumed after Last-Event-ID,
delivered across processes (polling, and Redis when configured)."""

import asyncio
import json
import os
import re

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


@override_settings(QUEUE_BOARD_POLL_MS=50)
def test_a_board_that_stops_reading_is_dropped_and_resumes_from_the_database(
    queue_office, monkeypatch
):
    from paspor.queueing import broadcast

    monkeypatch.setattr(broadcast, "SUBSCRIBER_BACKLOG", 2)
    before = issue(queue_office)
    start = BoardEvent.objects.get(payload__ticket=before.display).pk

    async def scenario():
        stream = board_stream(queue_office.pk, start)
        try:
            assert (await asyncio.wait_for(stream.__anext__(), 5)).startswith("retry:")
            await sync_to_async(issue)(queue_office)
            await next_event(stream)  # the board reads: its stream is live
            # Then it reads nothing while three events commit: more than it may hold.
            for _ in range(3):
                await sync_to_async(issue)(queue_office)
            feeds = broadcast.hub().feeds
            async with asyncio.timeout(10):
                while feeds.get(queue_office.pk) and feeds[queue_office.pk].subscribers:
                    await asyncio.sleep(0.05)
                # It gets what it held, then its stream ends instead of waiting for more.
                return [parse(chunk)[0] async for chunk in stream if chunk.startswith("id:")]
        finally:
            await stream.aclose()

    held = asyncio.run(scenario())
    unread = list(BoardEvent.objects.order_by("-id").values_list("id", flat=True)[:3])[::-1]
    # Nothing out of order and no gap: the rest is read from the database after Last-Event-ID.
    assert held == unread[: len(held)]
    assert len(held) < len(unread)


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


def test_an_event_committed_while_the_board_page_is_read_reaches_the_board(
    client_for, queue_office, display, monkeypatch
):
    from paspor.queueing import selectors

    read_state = selectors.board_state
    committed = []

    def state_then_an_event(office):
        state = read_state(office)
        committed.append(issue(queue_office))  # an officer's action commits meanwhile
        return state

    monkeypatch.setattr(selectors, "board_state", state_then_an_event)
    body = client_for(display).get(reverse("queueing:board", args=["ketapang"])).content.decode()
    after = int(re.search(r'data-after="(\d+)"', body).group(1))
    event = BoardEvent.objects.filter(office=queue_office).latest("id")
    assert committed
    assert after < event.pk  # the stream starts before it: the event is not lost


def test_event_stream_answers_with_server_sent_events(client_for, queue_office, display):
    response = client_for(display).get(reverse("queueing:board_events", args=["ketapang"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    response.close()


def _async_client(client_for, user):
    """An async client with the session of `user` signed in (as the board's browser has)."""
    from django.test import AsyncClient

    signed_in = client_for(user)
    client = AsyncClient()
    client.cookies = signed_in.cookies
    return client


async def _read(response, timeout=5.0):
    """The stream's chunks (as text) until it ends by itself within `timeout` seconds."""
    chunks = []
    async with asyncio.timeout(timeout):
        async for chunk in response.streaming_content:
            chunks.append(chunk.decode())
    return chunks


def _signed_out(user):
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()


def _role_taken(user):
    from paspor.accounts.models import StaffAssignment

    StaffAssignment.objects.filter(user=user).update(is_active=False)


def _deactivated(user):
    type(user).objects.filter(pk=user.pk).update(is_active=False)


def _device_signed_out(user):
    from paspor.accounts.models import SignIn

    SignIn.objects.filter(user=user).update(ended_at=timezone.now())


def _password_changed(user):
    user.set_password("kata-sandi-baru-2026")
    user.save(update_fields=["password"])


@pytest.mark.parametrize(
    "revoke", [_signed_out, _role_taken, _deactivated, _device_signed_out, _password_changed]
)
@override_settings(QUEUE_BOARD_ACCESS_CHECK_SECONDS=0.2)
def test_a_board_stream_ends_once_its_viewer_may_no_longer_watch(
    client_for, queue_office, display, revoke
):
    client = _async_client(client_for, display)
    url = reverse("queueing:board_events", args=["ketapang"])

    async def scenario():
        response = await client.get(url)
        assert response.status_code == 200
        stream = aiter(response.streaming_content)
        assert (await asyncio.wait_for(anext(stream), 5)).startswith(b"retry:")
        following = asyncio.ensure_future(anext(stream))
        await asyncio.sleep(1)  # several checks: a viewer still allowed keeps the stream
        assert not following.done()
        await sync_to_async(revoke)(display)
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(following, 5)
        # Opened again, it is refused: the board then signs in again.
        refused = await client.get(url)
        assert refused.status_code == 403

    asyncio.run(scenario())


@override_settings(QUEUE_BOARD_ACCESS_CHECK_SECONDS=0.5)
def test_the_access_check_runs_on_a_clock_not_per_event(
    client_for, queue_office, display, monkeypatch
):
    import time

    from paspor.queueing import views

    checks: list[views.BoardViewer] = []
    allowed = views.board_viewer_allowed

    def counted(viewer: views.BoardViewer) -> bool:
        checks.append(viewer)
        return allowed(viewer)

    monkeypatch.setattr(views, "board_viewer_allowed", counted)
    client = _async_client(client_for, display)
    url = reverse("queueing:board_events", args=["ketapang"]) + "?max=20"

    async def scenario():
        response = await client.get(url)
        for _ in range(20):
            await sync_to_async(issue)(queue_office)
        return await _read(response, timeout=30)

    started = time.monotonic()
    chunks = asyncio.run(scenario())
    elapsed = time.monotonic() - started
    assert sum(chunk.startswith("id:") for chunk in chunks) == 20
    assert len(checks) <= elapsed / 0.5 + 1  # once per half second at most, whatever the events


@override_settings(QUEUE_BOARD_STREAM_SECONDS=0.5)
def test_a_board_stream_ends_after_its_lifetime_and_resumes_from_the_last_event(
    client_for, queue_office, display
):
    client = _async_client(client_for, display)
    url = reverse("queueing:board_events", args=["ketapang"])
    seen = issue(queue_office)

    async def scenario():
        first = await _read(await client.get(url + "?after=0"))  # ends by itself
        missed = await sync_to_async(issue)(queue_office)  # while the browser reconnects
        last_id = [parse(chunk) for chunk in first if chunk.startswith("id:")][-1][0]
        again = await client.get(url + "?after=0", headers={"Last-Event-ID": str(last_id)})
        resumed = [parse(chunk) for chunk in await _read(again) if chunk.startswith("id:")]
        return first, missed, resumed

    first, missed, resumed = asyncio.run(scenario())
    assert [parse(c)[2]["ticket"] for c in first if c.startswith("id:")] == [seen.display]
    assert [data["ticket"] for _id, _kind, data in resumed] == [missed.display]


def test_a_board_replays_no_further_back_than_today(client_for, queue_office, display):
    import datetime as dt

    BoardEvent.objects.create(
        office=queue_office,
        kind="call",
        at=timezone.now() - dt.timedelta(days=2),
        payload={"ticket": "A-007", "text": "x"},
    )
    today = issue(queue_office)
    client = _async_client(client_for, display)
    url = reverse("queueing:board_events", args=["ketapang"])

    async def scenario():
        return await _read(await client.get(url + "?after=0&max=1"))

    events = [parse(chunk) for chunk in asyncio.run(scenario()) if chunk.startswith("id:")]
    assert [data["ticket"] for _id, _kind, data in events] == [today.display]  # not A-007


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 40, "-1", "abc"])
def test_a_strange_event_id_or_limit_is_ignored_not_a_server_error(
    client_for, queue_office, display, value
):
    issue(queue_office)
    client = _async_client(client_for, display)
    url = reverse("queueing:board_events", args=["ketapang"])

    async def scenario():
        answers = [await client.get(url, {"after": value, "max": "0"})]
        if value.isascii() or value == "²":  # a header carries Latin-1 only (b"\xb2" is "²")
            answers.append(await client.get(url + "?max=0", headers={"Last-Event-ID": value}))
        for response in answers:
            assert response.status_code == 200
            # Started at the latest event: nothing replayed, and max=0 ends the stream.
            assert not [c for c in await _read(response) if c.startswith("id:")]
        limited = await client.get(url, {"after": "0", "max": value})
        assert limited.status_code == 200
        stream = limited.streaming_content
        assert (await asyncio.wait_for(anext(stream), 5)).startswith(b"retry:")
        await stream.aclose()

    asyncio.run(scenario())
