"""Writes of the booking app, one door per change (see the modules for the rules)."""

from paspor.booking.services.applicants import (
    account_register,
    api_token_account,
    api_token_issue,
    email_verify_code,
    email_verify_token,
    nik_check,
    profile_add,
    profile_delete,
    verification_send,
)
from paspor.booking.services.ballots import (
    ballot_draw,
    ballot_enter,
    ballot_open,
    ballot_verify,
    ballots_draw_due,
    ballots_open_released,
)
from paspor.booking.services.bookings import (
    Origin,
    booking_cancel,
    booking_confirmation_queue,
    booking_create,
    booking_documents,
    booking_invalidate,
    booking_mark_no_shows,
    booking_notice_queue,
    booking_reschedule,
)
from paspor.booking.services.quotas import quota_default_set, quota_exception_set, session_set
from paspor.booking.services.waitlist import (
    waitlist_accept,
    waitlist_expire_offers,
    waitlist_join,
    waitlist_leave,
)

__all__ = [
    "Origin",
    "account_register",
    "api_token_account",
    "api_token_issue",
    "ballot_draw",
    "ballot_enter",
    "ballot_open",
    "ballot_verify",
    "ballots_draw_due",
    "ballots_open_released",
    "booking_cancel",
    "booking_confirmation_queue",
    "booking_create",
    "booking_documents",
    "booking_invalidate",
    "booking_mark_no_shows",
    "booking_notice_queue",
    "booking_reschedule",
    "email_verify_code",
    "email_verify_token",
    "nik_check",
    "profile_add",
    "profile_delete",
    "quota_default_set",
    "quota_exception_set",
    "session_set",
    "verification_send",
    "waitlist_accept",
    "waitlist_expire_offers",
    "waitlist_join",
    "waitlist_leave",
]
