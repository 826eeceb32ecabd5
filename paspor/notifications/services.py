"""Writing to the outbox, and the messages the office sends on its own initiative.

`notify` runs inside the caller's transaction: a change that rolls back leaves no message, and
no send task (`message_send_enqueue`). docs/notifications.md lists every template with its
context variables.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, router, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from paspor.audit.services import audit_record
from paspor.lib.errors import Conflict
from paspor.lib.phone import phone_normalise
from paspor.notifications.models import (
    Channel,
    ChannelPreference,
    Language,
    Message,
    MessageStatus,
)

if TYPE_CHECKING:
    from django.db.models import Model
    from django.tasks import Task

    from paspor.accounts.models import User
    from paspor.cases.models import Case, CaseEvent, CaseStatus
    from paspor.offices.models import Office
    from paspor.queueing.models import Ticket

# "Your turn is near" goes out when at most this many tickets are ahead in the same line.
TURN_NEAR_AHEAD = 3


def _jsonable(context: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The context as stored: lazy translations (document labels…) become text in `language`."""
    with translation.override(language):
        encoded = json.dumps(dict(context), cls=DjangoJSONEncoder)
    result: dict[str, Any] = json.loads(encoded)
    return result


def public_url(path: str) -> str:
    """An absolute link for a message: `PASPOR_PUBLIC_URL` + a path from `reverse`."""
    return str(settings.PASPOR_PUBLIC_URL).rstrip("/") + path


def message_language(code: str | None) -> Language | None:
    """The message language for an interface language code ("en", "en-us", "id"); None for none."""
    if not code:
        return None
    return Language.ENGLISH if code.lower().startswith("en") else Language.INDONESIAN


def account_language(recipient: User | None) -> str:
    """The language the account chose for its messages; Indonesian without a choice."""
    if recipient is None:
        return Language.INDONESIAN
    preference = ChannelPreference.objects.filter(user=recipient).first()
    return preference.language if preference else Language.INDONESIAN


def notify(
    *,
    to_address: str,
    template: str,
    context: Mapping[str, Any],
    channel: Channel = Channel.EMAIL,
    recipient: User | None = None,
    office: Office | None = None,
    dedupe_key: str | None = None,
    language: str | None = None,
) -> Message | None:
    """Queue one message; None when `dedupe_key` was already used or there is no address.

    The language is the recipient's preference unless given (Indonesian by default); lazy
    translations in `context` are stored as text in that language.
    """
    if not to_address:
        return None
    language = language or account_language(recipient)
    fields = {
        "recipient": recipient,
        "to_address": to_address,
        "channel": channel,
        "template": template,
        "context": _jsonable(context, language),
        "office": office,
        "dedupe_key": dedupe_key,
        "language": language,
    }
    # No look-up first: the unique index on the dedupe key refuses a second message (an
    # earlier call, or a concurrent writer — it waits for the other's commit), and the
    # savepoint keeps the caller's transaction usable after the refusal.
    try:
        with transaction.atomic():
            message = Message.objects.create(**fields)
    except IntegrityError:
        if dedupe_key and _already_queued(dedupe_key):
            return None
        raise  # not the dedupe key
    message_send_enqueue(message.pk)
    return message


def _already_queued(dedupe_key: str) -> bool:
    return Message.objects.filter(dedupe_key=dedupe_key).exists()


def _task_row_in_this_transaction(backend: object, alongside: type[Model]) -> bool:
    """True when the task backend writes task rows through the connection whose transaction is
    open now and holds the rows of `alongside` (the database backend, inside `atomic`)."""
    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult

    alias = router.db_for_write(DBTaskResult)
    return (
        alias == router.db_for_write(alongside)
        and transaction.get_connection(alias).in_atomic_block
    )


def task_enqueue_with(task: Task[Any, Any], *, alongside: type[Model], **kwargs: Any) -> None:
    """Enqueue `task` for rows of `alongside` written in the current transaction.

    With the database task backend the task row goes into that same transaction: it commits or
    rolls back with them, and no worker sees it before they are visible. Any other backend is
    called after commit: an immediate or external backend would otherwise act on rows whose
    transaction may still roll back.
    """
    if _task_row_in_this_transaction(task.get_backend(), alongside):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def message_send_enqueue(message_id: int) -> None:
    """Enqueue the send task of a message written in the current transaction."""
    from paspor.notifications.tasks import message_send

    task_enqueue_with(message_send, alongside=Message, message_id=message_id)


@dataclass(frozen=True)
class Route:
    channel: Channel
    address: str
    language: str


def recipient_route(
    *, user: User | None, email: str = "", phone: str = "", language: str | None = None
) -> Route | None:
    """Where a person wants to be told: their preferred channel, else e-mail, else SMS.

    The language is the person's preference; without one, `language` (the interface language
    a person without an account used, e.g. the complaint page's), else Indonesian.
    """
    preference = ChannelPreference.objects.filter(user=user).first() if user else None
    if preference is not None:
        chosen = preference.language
    else:
        chosen = message_language(language) or Language.INDONESIAN
    if preference is not None and preference.channel != Channel.EMAIL:
        number = preference.phone or phone
        if number:
            return Route(Channel(preference.channel), number, chosen)
    address = email or (user.email if user is not None else "")
    if address:
        return Route(Channel.EMAIL, address, chosen)
    if phone:
        return Route(Channel.SMS, phone, chosen)
    return None


def notify_person(
    *,
    user: User | None,
    template: str,
    context: Mapping[str, Any],
    email: str = "",
    phone: str = "",
    office: Office | None = None,
    dedupe_key: str | None = None,
    language: str | None = None,
) -> Message | None:
    """`notify` through the person's preferred channel and language (`language` when they have
    no preference: see `recipient_route`)."""
    route = recipient_route(user=user, email=email, phone=phone, language=language)
    if route is None:
        return None
    return notify(
        to_address=route.address,
        template=template,
        context=context,
        channel=route.channel,
        recipient=user,
        office=office,
        dedupe_key=dedupe_key,
        language=route.language,
    )


@transaction.atomic
def channel_preference_set(
    *,
    user: User,
    channel: Channel,
    phone: str = "",
    language: str = Language.INDONESIAN,
    by: User | None = None,
) -> ChannelPreference:
    """The person's own choice, or one an administrator sets for them (`by`: the audit names
    who made it)."""
    phone = phone_normalise(phone)  # +62…, as the gateways dial it; DomainError if not a number
    if channel != Channel.EMAIL and not phone:
        # Shown on the applicant's page as is: in the language of their request.
        raise Conflict(
            _("Nomor telepon wajib diisi untuk SMS atau WhatsApp."), code="phone_required"
        )
    preference, _created = ChannelPreference.objects.update_or_create(
        user=user, defaults={"channel": channel, "phone": phone, "language": language}
    )
    audit_record(
        actor=by or user,
        office=None,
        subject=preference,
        event="notifications.preference_set",
        new={"channel": channel, "language": language},
    )
    return preference


def channel_preference_default(*, user: User, language: str | None) -> ChannelPreference | None:
    """Record `language` (the interface's, at registration or a booking) as the person's
    message language when they have no preference yet; a preference already set is kept.

    Not audited: it is no one's choice, only the language the person was using; the choice made
    on the preferences page is (`channel_preference_set`).
    """
    chosen = message_language(language)
    if chosen is None:
        return None
    preference, _created = ChannelPreference.objects.get_or_create(
        user=user, defaults={"channel": Channel.EMAIL, "language": chosen}
    )
    return preference


# Messages about a booking's visit day: after that day they tell nothing one can act on.
VISIT_DAY_TEMPLATES = frozenset(
    {"booking_confirmed", "booking_rescheduled", "booking_reminder", "booking_office_closed"}
)


def _message_zone(message: Message) -> str:
    """The zone the message's times are read in: its office's, else the one its context
    names, else the server's."""
    if message.office is not None:
        return message.office.time_zone
    named = message.context.get("time_zone")
    return named if isinstance(named, str) and named else str(settings.TIME_ZONE)


def _complaint_answered_at(message: Message) -> dt.datetime | None:
    from paspor.complaints.models import Complaint

    code = message.context.get("tracking_code")
    if not isinstance(code, str):
        return None
    answered: dt.datetime | None = (
        Complaint.objects.filter(tracking_code=code, responded_at__isnull=False)
        .values_list("responded_at", flat=True)
        .first()
    )
    return answered


def message_moot_since(message: Message) -> dt.datetime | None:
    """When what the message offers ran out: the billing code's expiry, the waitlist offer's
    answer time, a code or link valid for `minutes`, the visit day, the queue day of "your
    turn is near", the answer to a complaint an overdue alert says is unanswered. None for a
    message that stays true."""
    context = message.context
    if message.template == "complaint_overdue_alert":
        return _complaint_answered_at(message)
    for key in ("expires_at", "respond_by"):
        if isinstance(context.get(key), str):
            try:
                return dt.datetime.fromisoformat(context[key])
            except ValueError:
                return None
    if isinstance(context.get("minutes"), int):
        return message.created_at + dt.timedelta(minutes=context["minutes"])
    zone = zoneinfo.ZoneInfo(_message_zone(message))
    if message.template == "turn_near":
        day = timezone.localtime(message.created_at, zone).date()
    elif message.template in VISIT_DAY_TEMPLATES and isinstance(context.get("date"), str):
        day = dt.date.fromisoformat(context["date"][:10])
    else:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)


@transaction.atomic
def message_resend(*, message: Message, by: User | None) -> Message:
    """A failed message gets a fresh set of attempts; anything else is refused (409), and so
    is a message whose offer has run out (an expired billing code, a visit day gone by, an
    overdue alert for a complaint since answered): sent now, it would tell something that no
    longer holds. The refusal gives the time on the office's clock, with its zone."""
    from paspor.notifications.templatetags.message_format import waktu

    moot_since = message_moot_since(message)
    if moot_since is not None and moot_since <= timezone.now():
        raise Conflict(
            _("Pesan ini tidak dikirim ulang: isinya tidak berlaku lagi sejak %(when)s.")
            % {"when": waktu(moot_since, _message_zone(message))},
            code="moot",
        )
    previous = Message.objects.filter(pk=message.pk).values("attempts", "last_error").first()
    resent = Message.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
    )
    if not resent:
        raise Conflict(_("Hanya pesan yang gagal dapat dikirim ulang."), code="not_failed")
    audit_record(
        actor=by,
        office=message.office,
        subject=message,
        event="notifications.resend",
        old={"status": MessageStatus.FAILED, **(previous or {})},
        new={"status": MessageStatus.PENDING},
    )
    message_send_enqueue(message.pk)
    message.refresh_from_db()
    return message


# --- Case lifecycle -----------------------------------------------------------------

# Statuses the applicant is told about, with the template that tells them.
CASE_STATUS_TEMPLATES = {
    "deferred": "case_deferred",
    "rejected": "case_rejected",
    "billed": "billing_issued",
    "paid": "payment_received",
    "ready": "ready_for_pickup",
    "cancelled": "case_cancelled",
}
# Keys of the transition's `data` that reach the message (see docs/notifications.md).
CASE_DATA_KEYS = (
    "missing",
    "deadline",
    "billing_code",
    "amount",
    "expires_at",
    "time_zone",
    "status_url",
    "passport_number",
    "uncollected_days",
    "ready_on",
)


def _case_context(case: Case, event: CaseEvent, reason: str) -> dict[str, Any]:
    """The message's context: the case, and the data of the transition's own `event`."""
    data = event.data
    context: dict[str, Any] = {
        "case_code": case.code,
        "name": case.full_name,
        "reason": reason,
        "due_date": case.due_date,
        "office": case.office.name,
        "office_address": case.office.address,
    }
    context.update({key: data[key] for key in CASE_DATA_KEYS if key in data})
    if case.status == "deferred" and "deadline" not in context:
        context["deadline"] = case.deferred_until  # set by `case_defer` with the transition
    if case.status == "paid":
        context["receipt_url"] = public_url(reverse("payments:receipt", args=[case.code]))
    if case.status == "ready":
        context["pickup_deadline"] = case_pickup_deadline(case, ready_at=event.at)
    if case.status == "rejected":
        # "If you disagree, file a complaint": the message gives the page, not only its name.
        context["complaint_url"] = public_url(reverse("complaints:submit"))
    return context


# Messages that tell the applicant what to bring to the handover.
PICKUP_TEMPLATES = frozenset({"ready_for_pickup", "pickup_reminder"})


def case_pickup_facts(case: Case) -> dict[str, bool]:
    """What the handover asks of this case (docs/issuance.md, "Handover"): a child's passport
    goes only to a parent or guardian, and an old passport is cancelled (punched) there."""
    from paspor.issuance.services.handover import old_passport_expected

    return {"child": case.is_child, "old_passport": old_passport_expected(case)}


def case_pickup_deadline(case: Case, *, ready_at: dt.datetime | None = None) -> dt.date:
    """The last day to collect the case's passport, as the pickup rules count it: from the day
    its passport became ready (moved by a last reminder that went out late), else from
    `ready_at` (the case's move to ready)."""
    from paspor.issuance.services.pickup import pickup_deadline, pickup_deadline_from
    from paspor.offices.calendar import OfficeCalendar

    calendar = OfficeCalendar(case.office)
    passport = case.passports.filter(ready_on__isnull=False).order_by("-pk").first()
    deadline = pickup_deadline(passport, calendar) if passport is not None else None
    if deadline is not None:
        return deadline
    ready_on = timezone.localtime(ready_at or timezone.now(), case.office.tz).date()
    return pickup_deadline_from(ready_on, calendar)


def notify_case(
    *, case: Case, template: str, context: Mapping[str, Any], dedupe_key: str
) -> Message | None:
    """A message about a case to its applicant: through the account's preference when the case
    was booked, else to the contact typed at intake, in the case's language. A pickup message
    also says what this case's handover asks for (`case_pickup_facts`)."""
    if template in PICKUP_TEMPLATES:
        context = {**case_pickup_facts(case), **context}
    return notify_person(
        user=case.applicant_account,
        email=case.email,
        phone=case.phone,
        template=template,
        context=context,
        office=case.office,
        dedupe_key=dedupe_key,
        language=case.language,
    )


def notify_case_transition(
    *,
    case: Case,
    event: CaseEvent,
    from_status: CaseStatus,
    to_status: CaseStatus,
    reason: str = "",
) -> Message | None:
    """Called by `case_transition` inside its transaction with the event row it wrote: that
    row's data (what is missing, the billing code …) goes into the message, whatever the times
    of the case's other events (a clock set back puts an earlier event after it by time)."""
    template = CASE_STATUS_TEMPLATES.get(to_status.value)
    if template is None:
        return None
    return notify_case(
        case=case,
        template=template,
        context=_case_context(case, event, reason),
        dedupe_key=f"case:{case.pk}:{to_status.value}:{case.events.count()}",
    )


# --- The queue: "your turn is near" ------------------------------------------------------


def notify_turn_near(*, ticket: Ticket, ahead: int = 0) -> Message | None:
    """Tell the ticket's holder their turn is near — once per ticket, however often called."""
    booking = ticket.booking
    if booking is None:
        return None  # a walk-in ticket has no contact
    dedupe_key = f"turn-near:{ticket.pk}"
    if _already_queued(dedupe_key):
        return None  # the usual case: called after every call while the ticket waits
    profile = booking.profile
    return notify_person(
        user=profile.account,
        phone=profile.phone,
        template="turn_near",
        context={"ticket": ticket.display, "ahead": ahead, "office": ticket.office.name},
        office=ticket.office,
        dedupe_key=dedupe_key,
    )


# --- Reminders the office sends by the calendar (daily command `notify_reminders`) ---------


@dataclass(frozen=True)
class ReminderCounts:
    bookings: int


def _booking_context(booking: Any) -> dict[str, Any]:
    from paspor.booking.services.bookings import booking_documents

    documents = booking_documents(booking)
    return {
        "booking_code": booking.code,
        "office": booking.office.name,
        "office_address": booking.office.address,
        "date": booking.date,
        # Stored as "07:30"; the message writes it in its own language (`jam`).
        "window_start": booking.window_start.isoformat("minutes"),
        "window_end": booking.window_end.isoformat("minutes"),
        # The window is on the office's clock; the message names its zone (WIB, WITA, WIT).
        "time_zone": booking.office.time_zone,
        # Lazy labels: `notify` writes them in the recipient's language, not the worker's.
        "bring": [document.label for document in documents],
        # The same in a few words each, for the SMS.
        "bring_short": [document.short or document.label for document in documents],
    }


def notify_booking(
    *,
    booking: Any,
    template: str,
    extra: Mapping[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Message | None:
    """A message about a booking to the account that made it (booking_confirmed, reminders…)."""
    profile = booking.profile
    return notify_person(
        user=profile.account,
        phone=profile.phone,
        template=template,
        context={**_booking_context(booking), **dict(extra or {})},
        office=booking.office,
        dedupe_key=dedupe_key or f"{template}:{booking.pk}",
    )


@transaction.atomic
def reminders_send(*, now: dt.datetime | None = None) -> ReminderCounts:
    """The day-before booking reminder, once per booking and visit date: a booking moved to
    another date is reminded again for that date. Safe to run any number of times.

    A booking on a day its office has since declared closed is not reminded: the applicant is
    told to choose another date instead (`closed_day_tell`), unless the calendar change already
    told them (`closed_day_notify`) — a change that came another way, a new `holidays` package
    or a booking made while the change was committing, is told here at the latest.

    Pickup reminders (days 7, 21, 28) and the day-30 cancellation belong to the issuance app
    (`manage.py pickup_reminders`), which keeps a row per reminder sent.
    """
    from paspor.booking.models import Booking, BookingStatus
    from paspor.booking.services.closures import booking_day_closed, closed_day_tell
    from paspor.offices.calendar import OfficeCalendar
    from paspor.offices.models import Office

    now = now or timezone.now()
    bookings = 0
    for office in Office.objects.filter(is_active=True):
        today = timezone.localtime(now, office.tz).date()
        tomorrow = today + dt.timedelta(days=1)
        calendar: OfficeCalendar | None = None  # read once per office, only when needed
        for booking in Booking.objects.filter(
            office=office, date=tomorrow, status=BookingStatus.BOOKED
        ).select_related("profile__account", "office"):
            calendar = calendar or OfficeCalendar(office)
            if booking_day_closed(booking, calendar):
                closed_day_tell(booking)  # once per booking and date
                continue
            cancel_url = public_url(reverse("booking:cancel", args=[booking.code]))
            reminded = notify_booking(
                booking=booking,
                template="booking_reminder",
                extra={"cancel_url": cancel_url},
                dedupe_key=f"booking_reminder:{booking.pk}:{booking.date.isoformat()}",
            )
            bookings += reminded is not None
    return ReminderCounts(bookings=bookings)
