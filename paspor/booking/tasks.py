"""Background work of the booking app: thin wrappers that call services."""

from django.tasks import task

from paspor.booking import services


@task()
def booking_housekeeping() -> dict[str, int]:
    """The periodic work of `manage.py booking_tick`, for a scheduler that enqueues tasks."""
    return {
        "ballots_opened": services.ballots_open_released(),
        "ballots_drawn": services.ballots_draw_due(),
        "offers_expired": services.waitlist_expire_offers(),
        "waitlist_closed": services.waitlist_close_past(),
        "no_shows": services.booking_mark_no_shows(),
    }


@task()
def booking_flags_refresh_task() -> int:
    """The work of `manage.py booking_flags_refresh`, for a scheduler that enqueues tasks."""
    return services.booking_flags_refresh()


@task()
def booking_confirmation_send(
    *, booking_id: int, reschedule_count: int, language: str | None = None
) -> bool:
    """The confirmation of a booking just made (enqueued by its transaction)."""
    return services.booking_confirmation_queue(
        booking_id=booking_id, reschedule_count=reschedule_count, language=language
    )


@task()
def booking_notice_send(
    *,
    booking_id: int,
    notice: str,
    reschedule_count: int,
    language: str | None = None,
    previous: dict[str, str] | None = None,
) -> bool:
    """A booking moved, cancelled or declared invalid (enqueued by that change's transaction)."""
    return services.booking_notice_queue(
        booking_id=booking_id,
        notice=notice,
        reschedule_count=reschedule_count,
        language=language,
        previous=previous,
    )
