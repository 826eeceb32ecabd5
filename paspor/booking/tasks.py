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
        "no_shows": services.booking_mark_no_shows(),
    }


@task()
def booking_confirmation_send(*, booking_id: int, reschedule_count: int) -> bool:
    """The confirmation of a booking just made or moved (enqueued by its transaction)."""
    return services.booking_confirmation_queue(
        booking_id=booking_id, reschedule_count=reschedule_count
    )
