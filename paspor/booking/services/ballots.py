"""Ballots: entries during the window, then a verifiable draw (rules in `booking/ballot.py`)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.booking import ballot as draw
from paspor.booking import rules
from paspor.booking.models import (
    ApplicantProfile,
    ArrivalSession,
    Ballot,
    BallotEntry,
    BallotResult,
    BallotStatus,
    Booking,
    BookingSource,
    BookingStatus,
    QuotaCounter,
)
from paspor.booking.selectors import (
    DayState,
    active_block,
    day_state,
    policy_for,
    pool_modes,
)
from paspor.booking.services.bookings import (
    Origin,
    booking_insert,
    check_person,
    check_pool,
    nik_conflict,
)
from paspor.booking.services.seats import counter_ensure, seat_take
from paspor.booking.services.waitlist import waitlist_join
from paspor.lib.clock import moment
from paspor.lib.errors import Conflict, DomainError
from paspor.notifications.services import notify_person, public_url
from paspor.offices.calendar import is_working_day
from paspor.offices.models import Office


def ballot_open(
    *, office: Office, day: dt.date, pool: str, now: dt.datetime | None = None
) -> Ballot:
    """The ballot of a released date, created with its seed commitment (idempotent)."""
    now = now or timezone.now()
    if pool_modes(office)[pool] != "ballot":
        raise DomainError(_("Kuota ini tidak memakai undian."), code="not_ballot")
    state, opens = day_state(office, day, now=now)
    if state != DayState.OPEN:
        raise Conflict(_("Pendaftaran undian untuk tanggal ini belum dibuka."), code="not_open")
    policy = policy_for(office)
    # The window starts when the ballot does: a date released before its pool became a ballot
    # (or before the first visitor) gets a whole window from now, never one already past, and
    # its seed hash is public before anyone can enter. It closes before the visit day at the
    # latest, so the draw always comes first.
    starts = max(opens, now)
    closes = min(starts + dt.timedelta(hours=policy.ballot_window_hours), _day_start(office, day))
    if closes <= starts:
        raise Conflict(
            _(
                "Tanggal ini terlalu dekat untuk undian: tidak ada waktu pendaftaran sebelum "
                "hari H."
            ),
            code="too_late_for_ballot",
        )
    seed = draw.new_seed()
    # Race: two first visitors open the same ballot — ON CONFLICT DO NOTHING keeps the first
    # seed, so the published hash never changes.
    Ballot.objects.bulk_create(
        [
            Ballot(
                office=office,
                date=day,
                pool=pool,
                opens_at=starts,
                closes_at=closes,
                seed=seed,
                seed_hash=draw.seed_commitment(seed),
            )
        ],
        ignore_conflicts=True,
    )
    return Ballot.objects.get(office=office, date=day, pool=pool)


def _day_start(office: Office, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=office.tz)


def ballot_enter(
    *,
    account: User,
    profile: ApplicantProfile,
    office: Office,
    day: dt.date,
    pool: str,
    session: ArrivalSession,
    answers: rules.Answers,
    now: dt.datetime | None = None,
) -> BallotEntry:
    now = now or timezone.now()
    check_person(account=account, profile=profile, now=now)
    check_pool(
        office=office, day=day, pool=pool, profile=profile, answers=answers, allow_ballot=True
    )
    if session.office_id != office.pk or not session.is_active:
        raise DomainError(_("Sesi kedatangan tidak ditemukan."), code="session")
    ballot = ballot_open(office=office, day=day, pool=pool, now=now)
    if ballot.status != BallotStatus.OPEN or now >= ballot.closes_at:
        raise Conflict(_("Pendaftaran undian sudah ditutup."), code="ballot_closed")
    refusal = nik_conflict(profile.nik, account)  # said as the booking page says it
    if refusal is not None:
        raise refusal
    child = rules.is_child(birth_date=profile.birth_date, on=day, married=answers.married)
    try:
        with transaction.atomic():
            return BallotEntry.objects.create(
                ballot=ballot,
                account=account,
                profile=profile,
                nik=profile.nik,
                session=session,
                application_type=rules.application_type(answers, child=child).value,
                passport_kind=answers.passport_kind,
                answers=answers.to_dict(),
            )
    except IntegrityError:
        # One entry per NIK, whichever account enters it.
        raise Conflict(
            _("NIK ini sudah terdaftar dalam undian ini."), code="ballot_entered"
        ) from None


def _free_seats(ballot: Ballot) -> dict[str, int]:
    sessions = ArrivalSession.objects.filter(office=ballot.office, is_active=True)
    free = {}
    for session in sessions:
        counter_ensure(ballot.office, ballot.date, session, ballot.pool)
        counter = QuotaCounter.objects.get(
            office=ballot.office, date=ballot.date, session=session, pool=ballot.pool
        )
        free[session.key] = counter.capacity - counter.booked
    return free


def ballot_draw(
    *, ballot: Ballot, by: User | None = None, now: dt.datetime | None = None
) -> Ballot:
    """Publish the seed, order the entries, give seats in order, waitlist the rest.

    A date the office's calendar has closed since the ballot opened (a holiday or cuti bersama
    added, a closure) is not drawn: the ballot is cancelled and every entrant told
    (`_cancel_closed_day`)."""
    now = now or timezone.now()
    with transaction.atomic():
        ballot = (
            Ballot.objects.select_for_update(of=("self",))
            .select_related("office")
            .get(pk=ballot.pk)
        )
        if ballot.status != BallotStatus.OPEN:
            return ballot  # drawn or cancelled already: repeat-safe
        if now < ballot.closes_at:
            raise Conflict(_("Pendaftaran undian belum ditutup."), code="ballot_open")
        # Read afresh, not from the booking pages' cache: the date may have closed a minute ago.
        if not is_working_day(ballot.office, ballot.date):
            return _cancel_closed_day(ballot, by=by)
        entries = {e.nik: e for e in ballot.entries.select_related("profile", "account", "session")}
        order = draw.draw_order(ballot.seed, entries)
        void = {
            nik
            for nik in order
            if active_block(nik, now=now) is not None
            or Booking.objects.filter(nik=nik, status=BookingStatus.BOOKED).exists()
        }
        eligible = [nik for nik in order if nik not in void]
        seats = draw.allocate(
            eligible, {nik: entries[nik].session.key for nik in eligible}, _free_seats(ballot)
        )
        sessions = {s.key: s for s in ArrivalSession.objects.filter(office=ballot.office)}
        for rank, nik in enumerate(order, start=1):
            entry = entries[nik]
            entry.rank = rank
            entry.result = _settle(
                ballot, entry, seats.get(nik), sessions, void=nik in void, now=now
            )
            entry.save(update_fields=["rank", "result", "booking"])
            _result_notify(ballot, entry)
        ballot.status = BallotStatus.DRAWN
        ballot.drawn_at = now
        ballot.save(update_fields=["status", "drawn_at"])
        audit_record(
            actor=by,
            actor_label="" if by else "system:ballot",
            office=ballot.office,
            subject=ballot,
            event="ballot.drawn",
            new={
                "date": ballot.date,
                "pool": ballot.pool,
                "seed": ballot.seed,
                "seed_hash": ballot.seed_hash,
                "entries": len(order),
                "won": sum(1 for e in entries.values() if e.result == BallotResult.WON),
            },
        )
    return ballot


def _cancel_closed_day(ballot: Ballot, *, by: User | None) -> Ballot:
    """The office does not serve on the ballot's date: no seat and no waitlist place is given
    for it. Every entrant is told the date is closed, so they can enter another date's ballot;
    the seed stays unpublished (there is no order to check)."""
    entries = list(ballot.entries.select_related("profile", "account"))
    ballot.entries.update(result=BallotResult.CANCELLED)
    ballot.status = BallotStatus.CANCELLED
    ballot.save(update_fields=["status"])
    audit_record(
        actor=by,
        actor_label="" if by else "system:ballot",
        office=ballot.office,
        subject=ballot,
        event="ballot.cancelled_office_closed",
        new={"date": ballot.date, "pool": ballot.pool, "entries": len(entries)},
    )
    for entry in entries:
        entry.result = BallotResult.CANCELLED
        _result_notify(ballot, entry)
    return ballot


def _result_notify(ballot: Ballot, entry: BallotEntry) -> None:
    """Tell each entrant the draw's outcome, naming the person (a family account enters several),
    with the public page where anyone can check the order. A winner also gets the booking's own
    confirmation with what to bring."""
    draw_page = reverse(
        "booking:ballot", args=[ballot.office.code, ballot.date.isoformat(), ballot.pool]
    )
    notify_person(
        user=entry.account,
        phone=entry.profile.phone,
        template="ballot_result",
        context={
            "name": entry.profile.full_name,
            "won": entry.result == BallotResult.WON,
            "waitlisted": entry.result == BallotResult.WAITLISTED,
            "cancelled": entry.result == BallotResult.CANCELLED,
            "office": ballot.office.name,
            "date": ballot.date,
            "booking_code": entry.booking.code if entry.booking else "",
            "draw_url": public_url(draw_page),
        },
        office=ballot.office,
        dedupe_key=f"ballot:{ballot.pk}:{entry.pk}:result",
    )


def _settle(
    ballot: Ballot,
    entry: BallotEntry,
    session_key: str | None,
    sessions: dict[str, ArrivalSession],
    *,
    void: bool,
    now: dt.datetime,
) -> str:
    if void:
        return BallotResult.VOID
    answers = rules.Answers.from_dict(entry.answers)
    if session_key is not None:
        session = sessions[session_key]
        try:
            with transaction.atomic():
                if not seat_take(ballot.office, ballot.date, session, ballot.pool):
                    raise Conflict("full")
                entry.booking = booking_insert(
                    account=entry.account,
                    profile=entry.profile,
                    office=ballot.office,
                    day=ballot.date,
                    session=session,
                    pool=ballot.pool,
                    answers=answers,
                    via=BookingSource.BALLOT,
                    origin=Origin(),
                )
            return BallotResult.WON
        except (Conflict, IntegrityError):
            return BallotResult.VOID
    try:
        with transaction.atomic():
            waitlist_join(
                account=entry.account,
                profile=entry.profile,
                office=ballot.office,
                day=ballot.date,
                pool=ballot.pool,
                answers=answers,
                now=now,
                from_ballot=True,
            )
    except Conflict:
        return BallotResult.VOID
    return BallotResult.WAITLISTED


def ballots_open_released(*, now: dt.datetime | None = None) -> int:
    """Create the ballots of every released date, so their seed hash is public from the start."""
    from paspor.booking.models import PoolPolicy
    from paspor.booking.selectors import upcoming_days

    now = now or timezone.now()
    opened = 0
    for policy in PoolPolicy.objects.filter(mode="ballot").select_related("office"):
        for day in upcoming_days(policy.office, now=now):
            if day_state(policy.office, day, now=now)[0] != DayState.OPEN:
                continue
            if not Ballot.objects.filter(office=policy.office, date=day, pool=policy.pool).exists():
                try:
                    ballot_open(office=policy.office, day=day, pool=policy.pool, now=now)
                except Conflict:
                    continue  # too close to the day for a registration window
                opened += 1
    return opened


def ballots_draw_due(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    # In a fixed order: a NIK in several ballots closing together wins in the first drawn,
    # and is void in the others (it holds a booking by then).
    due = Ballot.objects.filter(status=BallotStatus.OPEN, closes_at__lte=now).order_by(
        "closes_at", "date", "pk"
    )
    drawn = 0
    for ballot in due:
        ballot_draw(ballot=ballot, now=now)
        drawn += 1
    return drawn


def ballot_verify(ballot: Ballot) -> list[str]:
    """Problems found when recomputing a drawn ballot from its published seed (none → [])."""
    if ballot.status != BallotStatus.DRAWN:
        return [_("Undian belum dilaksanakan.")]
    problems = []
    if draw.seed_commitment(ballot.seed) != ballot.seed_hash:
        problems.append(_("SHA-256 benih tidak cocok dengan yang diumumkan."))
    entries = list(ballot.entries.all())
    expected = draw.draw_order(ballot.seed, [e.nik for e in entries])
    recorded = [e.nik for e in sorted(entries, key=lambda e: e.rank or 0)]
    if expected != recorded:
        problems.append(_("Urutan undian tidak sama dengan hasil perhitungan ulang."))
    # Ranks are 1…n with no gap: an entry removed after the draw leaves one.
    if sorted(e.rank or 0 for e in entries) != list(range(1, len(entries) + 1)):
        problems.append(_("Peringkat undian tidak berurutan: ada peserta yang hilang."))
    # Every seat went before any waitlist place, in draw order.
    results = [e.result for e in sorted(entries, key=lambda e: e.rank or 0) if e.result != "void"]
    if "waitlisted" in results and "won" in results[results.index("waitlisted") :]:
        problems.append(
            _("Ada peserta yang mendapat kursi setelah peserta yang masuk daftar tunggu.")
        )
    return problems


def ballot_window_text(ballot: Ballot) -> str:
    tz = ballot.office.tz
    return (
        moment(ballot.opens_at.astimezone(tz))
        + " – "
        + moment(ballot.closes_at.astimezone(tz))
        + f" {ballot.office.tz_abbreviation}"
    )
