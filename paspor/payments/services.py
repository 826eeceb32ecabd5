"""Writes of the payments app: bills, billing codes and payments received.

Lock order, everywhere in this app: billing code row(s) → case row → audit chain head. Each
service runs in one transaction; messages go to the outbox inside it and leave after commit.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.access import office_staff_to_tell
from paspor.accounts.models import Role, User
from paspor.audit.services import audit_record
from paspor.cases.models import Case, CaseStatus
from paspor.cases.services import case_transition
from paspor.lib import reasons
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.text import blank
from paspor.notifications.models import Message
from paspor.notifications.services import notify_case, public_url
from paspor.offices.calendar import office_today
from paspor.payments.fees import DEFAULT_EFFECTIVE_FROM, DEFAULT_FEES, bill_lines_for_case
from paspor.payments.models import (
    Bill,
    BillingCode,
    BillingCodeStatus,
    BillItem,
    Fee,
    FlagReason,
    Payment,
    PaymentChannel,
    PaymentMethod,
    PaymentSource,
    PaymentStatus,
)
from paspor.payments.sla import due_date_for_payment, sla_start

if TYPE_CHECKING:
    from paspor.offices.models import Office

BILLING_CODE_DIGITS = 15
BILLING_CODE_ATTEMPTS = 8


def billing_code_generate() -> str:
    """15 random digits from the OS's CSPRNG; the first digit means nothing (STANDARDS.md §5)."""
    return f"{secrets.randbelow(10**BILLING_CODE_DIGITS):0{BILLING_CODE_DIGITS}d}"


# --- Fee schedule and channels ----------------------------------------------------------


@transaction.atomic
def fee_schedule_ensure_defaults(*, by: User | None = None) -> int:
    """Loads the PP 45/2024 rows when an item has no row at all; returns how many were added."""
    added = 0
    for item, amount, basis in DEFAULT_FEES:
        if Fee.objects.filter(item=item).exists():
            continue
        fee = Fee.objects.create(
            item=item, amount=amount, effective_from=DEFAULT_EFFECTIVE_FROM, legal_basis=basis
        )
        audit_record(
            actor=by,
            office=None,
            subject=fee,
            event="payments.fee_default_loaded",
            new={"item": item.value, "amount": amount, "legal_basis": basis},
        )
        added += 1
    return added


@transaction.atomic
def payment_channel_ensure(
    *, code: str, name: str, secret: str, is_active: bool | None = None, by: User | None = None
) -> PaymentChannel:
    """Creates the channel or updates its name, secret and (when given) whether it is active.

    The secret is never audited: only whether it changed.
    """
    if not secret:
        raise DomainError(_("Kunci rahasia saluran pembayaran wajib diisi."))
    active = True if is_active is None else is_active
    channel, created = PaymentChannel.objects.get_or_create(
        code=code, defaults={"name": name, "secret": secret, "is_active": active}
    )
    secret_changed = False
    if not created:
        active = channel.is_active if is_active is None else is_active
        if (channel.name, channel.secret, channel.is_active) == (name, secret, active):
            return channel
        secret_changed = channel.secret != secret
        channel.name, channel.secret, channel.is_active = name, secret, active
        channel.save(update_fields=["name", "secret", "is_active"])
    new: dict[str, object] = {"code": code, "name": name, "is_active": active}
    if secret_changed:
        new["secret_changed"] = True
    audit_record(
        actor=by,
        office=None,
        subject=channel,
        event="payments.channel_created" if created else "payments.channel_updated",
        new=new,
    )
    return channel


# --- Bills and billing codes ------------------------------------------------------------


def _billing_code_create(*, bill: Bill, amount: int, now: dt.datetime) -> BillingCode:
    """Draws codes until one is free. Race: two bills drawing the same code at once — the
    unique index lets one insert win; the other draws again."""
    validity = dt.timedelta(hours=settings.PAYMENT_BILLING_CODE_VALID_HOURS)
    for _attempt in range(BILLING_CODE_ATTEMPTS):
        code = billing_code_generate()
        try:
            with transaction.atomic():
                return BillingCode.objects.create(
                    bill=bill, code=code, amount=amount, issued_at=now, expires_at=now + validity
                )
        except IntegrityError:
            if BillingCode.objects.filter(code=code).exists():
                continue  # collision with an existing code: draw again
            raise
    raise RuntimeError("no free billing code after several attempts")


def billing_code_current(bill: Bill) -> BillingCode:
    code = bill.codes.order_by("-issued_at", "-pk").first()
    assert code is not None, "a bill always has a code"
    return code


def status_url(case: Case) -> str:
    return public_url(reverse("payments:status", kwargs={"case_code": case.code}))


def billing_message_context(code: BillingCode, case: Case) -> dict[str, object]:
    """What the billing messages (`billing_issued`, `billing_expiring`) need to say."""
    return {
        "case_code": case.code,
        "name": case.full_name,
        "office": case.office.name,
        "billing_code": code.code,
        "amount": code.amount,
        "expires_at": code.expires_at,
        "time_zone": case.office.time_zone,
        "status_url": status_url(case),
    }


def _notify_billing_code(
    code: BillingCode, case: Case, *, template: str = "billing_issued", reissued: bool = False
) -> None:
    context = billing_message_context(code, case)
    if reissued:  # "a new code", not "your application is approved" a second time
        context["reissued"] = True
    notify_case(
        case=case,
        template=template,
        context=context,
        dedupe_key=f"{template}:{code.pk}",
    )


@transaction.atomic
def bill_issue_for_case(*, case: Case, by: User | None) -> BillingCode:
    """Bill an approved case: itemised bill, a billing code, and the case moved to BILLED.

    The cases app calls this when the supervisor approves. Safe to repeat: a case that has a
    bill already gets its current code back and nothing is written.
    """
    locked = Case.objects.select_for_update().select_related("office").get(pk=case.pk)
    existing = Bill.objects.filter(case=locked).first()
    if existing is not None:
        return billing_code_current(existing)
    if locked.status not in (CaseStatus.APPROVED, CaseStatus.BILLED):
        raise Conflict(
            _("Permohonan %(code)s belum disetujui; tagihan belum dapat diterbitkan.")
            % {"code": locked.code},
            code="case_not_approved",
        )
    now = timezone.now()
    fee_date = office_today(locked.office)
    lines = bill_lines_for_case(locked, fee_date)
    total = sum(line.amount for line in lines)
    bill = Bill.objects.create(
        case=locked,
        office=locked.office,
        total=total,
        fee_date=fee_date,
        issued_at=now,
        issued_by=by,
    )
    BillItem.objects.bulk_create(
        BillItem(
            bill=bill,
            position=position,
            item=line.item,
            description=line.description,
            amount=line.amount,
            fee=line.fee,
            legal_basis=line.fee.legal_basis,
        )
        for position, line in enumerate(lines, start=1)
    )
    code = _billing_code_create(bill=bill, amount=total, now=now)
    locked = case_transition(
        case=locked,
        to=CaseStatus.BILLED,
        by=by,
        reason=reasons.reason_record(reasons.BILL_ISSUED),
        data={
            "billing_code": code.code,
            "amount": total,
            "expires_at": code.expires_at.isoformat(),
            "time_zone": locked.office.time_zone,
            "status_url": status_url(locked),
        },
    )
    audit_record(
        actor=by,
        office=locked.office,
        subject=bill,
        event="payments.bill_issued",
        new={
            "case": locked.code,
            "total": total,
            "items": [[line.item.value, line.amount] for line in lines],
            "billing_code": code.code,
            "expires_at": code.expires_at,
        },
    )
    return code


def _expired(code: BillingCode, at: dt.datetime) -> bool:
    """Whether `at` is at or past the end of the code's validity. The moment decides, not the
    status: `billing_codes_expire` marks codes expired from time to time, and a bank's notice of
    a payment made before the expiry may come after that (a retry with back-off)."""
    return (
        code.status in {BillingCodeStatus.ISSUED, BillingCodeStatus.EXPIRED}
        and code.expires_at <= at
    )


@transaction.atomic
def billing_code_reissue(*, bill: Bill, by: User | None) -> BillingCode:
    """A new code for a bill whose code expired (same amount: the bill never changes).

    Race: the applicant asks twice at once, or the case is cancelled meanwhile — the bill row is
    locked first, so the second request reads the codes after the first committed and returns
    its new code (a cancellation cancels it). The partial unique index allows one live code.
    """
    now = timezone.now()
    list(Bill.objects.select_for_update().filter(pk=bill.pk))  # the lock only
    codes = list(BillingCode.objects.select_for_update().filter(bill=bill).order_by("pk"))
    case = Case.objects.select_related("office").get(pk=bill.case_id)
    if any(code.status == BillingCodeStatus.PAID for code in codes):
        raise Conflict(_("Tagihan ini sudah dibayar."), code="bill_paid")
    if case.status != CaseStatus.BILLED:
        raise Conflict(
            _("Permohonan %(code)s tidak sedang menunggu pembayaran.") % {"code": case.code},
            code="case_not_billed",
        )
    live = [code for code in codes if code.status == BillingCodeStatus.ISSUED]
    for code in live:
        if not _expired(code, now):
            return code  # still valid: nothing to reissue
        code.status, code.closed_at = BillingCodeStatus.EXPIRED, now
        code.save(update_fields=["status", "closed_at"])
    new = _billing_code_create(bill=bill, amount=bill.total, now=now)
    audit_record(
        actor=by,
        office=case.office,
        subject=new,
        event="payments.billing_code_reissued",
        old={"billing_codes": [code.code for code in codes]},
        new={"billing_code": new.code, "expires_at": new.expires_at},
    )
    _notify_billing_code(new, case, reissued=True)
    return new


@transaction.atomic
def bill_cancel_for_case(*, case: Case, by: User | None, reason: str) -> int:
    """Cancels the live code of a case's bill (the cases app calls it when cancelling a billed
    case). A payment that still arrives for it is recorded and flagged for refund. The bill
    is locked first, as by `billing_code_reissue`: a code issued at this moment is cancelled
    too."""
    now = timezone.now()
    list(Bill.objects.select_for_update().filter(case=case))  # the lock only
    codes = list(
        BillingCode.objects.select_for_update()
        .filter(bill__case=case, status=BillingCodeStatus.ISSUED)
        .order_by("pk")
    )
    for code in codes:
        code.status, code.closed_at = BillingCodeStatus.CANCELLED, now
        code.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=by,
            office=case.office,
            subject=code,
            event="payments.billing_code_cancelled",
            old={"status": BillingCodeStatus.ISSUED.value},
            new={"status": BillingCodeStatus.CANCELLED.value},
            reason=reason,
        )
    return len(codes)


def billing_codes_expire(*, now: dt.datetime | None = None) -> int:
    """Marks issued codes past their expiry as expired; each with its audit row."""
    now = now or timezone.now()
    expired = 0
    due = BillingCode.objects.filter(status=BillingCodeStatus.ISSUED, expires_at__lte=now)
    for code_id in due.values_list("pk", flat=True).order_by("pk")[:10_000]:
        with transaction.atomic():
            # Conditional UPDATE: a payment applying the code at this moment wins the race.
            changed = BillingCode.objects.filter(
                pk=code_id, status=BillingCodeStatus.ISSUED, expires_at__lte=now
            ).update(status=BillingCodeStatus.EXPIRED, closed_at=now)
            if changed:
                code = BillingCode.objects.select_related("bill__office").get(pk=code_id)
                audit_record(
                    actor=None,
                    office=code.bill.office,
                    subject=code,
                    event="payments.billing_code_expired",
                    old={"status": BillingCodeStatus.ISSUED.value},
                    new={"status": BillingCodeStatus.EXPIRED.value},
                )
                expired += 1
    return expired


# Hours before a billing code expires at which the applicant is reminded (once).
BILLING_EXPIRY_WARNING_HOURS = 24


def billing_codes_warn_expiring(*, now: dt.datetime | None = None) -> int:
    """Tells applicants whose live code expires within a day; the dedupe key sends it once.

    A code valid for a day or less (`PAYMENT_BILLING_CODE_VALID_HOURS`, as short as some
    channels' two hours) gets no warning: the billing message that just gave it says when it
    expires, and a warning at once would only repeat it."""
    now = now or timezone.now()
    window = dt.timedelta(hours=BILLING_EXPIRY_WARNING_HOURS)
    due = (
        BillingCode.objects.filter(
            status=BillingCodeStatus.ISSUED, expires_at__gt=now, expires_at__lte=now + window
        )
        .filter(expires_at__gt=F("issued_at") + window)
        .select_related("bill__case__office", "bill__case__applicant_account")
    )
    warned = 0
    for code in due.order_by("pk")[:10_000]:
        with transaction.atomic():
            before = Message.objects.filter(dedupe_key=f"billing_expiring:{code.pk}").exists()
            _notify_billing_code(code, code.bill.case, template="billing_expiring")
            warned += not before
    return warned


# --- Payments received ------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentReport:
    """What a channel says was paid (a notification body or a statement line)."""

    reference: str
    billing_code: str
    amount: int
    ntpn: str
    paid_at: dt.datetime
    ntb: str = ""
    method: str = PaymentMethod.OTHER


@dataclass(frozen=True)
class Receipt:
    result: str  # "applied", "duplicate" or "flagged"
    payment: Payment
    reason: str = ""


APPLIED, DUPLICATE, FLAGGED = "applied", "duplicate", "flagged"

# The bank's clock and ours differ a little: a payment time up to this much before the code's
# issue (or after our now, bank.py) is taken as written. Beyond it the time is not believed.
PAID_AT_CLOCK_TOLERANCE = dt.timedelta(minutes=5)
# Bounds of what a bank or a statement may report: beyond them the value is a mistake, refused
# as malformed (a year 1 time or an amount past the column would otherwise fail in the database).
PAID_AT_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
AMOUNT_MAX = 1_000_000_000_000  # Rp 1 trillion: far above any bill, far below the column's limit


def _same_payment(channel: PaymentChannel, report: PaymentReport) -> Payment | None:
    """The payment already recorded under this channel reference, or under this NTPN (the state
    number of one deposit, the same whichever way it reaches us)."""
    return (
        Payment.objects.filter(channel=channel, reference=report.reference).first()
        or Payment.objects.filter(ntpn=report.ntpn).first()
    )


def _replaced(code: BillingCode) -> bool:
    """An expired code whose bill has been given a new one since: the applicant has that code to
    pay, so a late-notified payment of the old one goes to a supervisor rather than leaving the
    new code live (and reminded of) beside a paid bill. Race: a new code asked for at that
    moment — `billing_code_reissue` locks every code of the bill, this one included, so it runs
    wholly before (seen here) or after (it finds the bill paid)."""
    return (
        code.status == BillingCodeStatus.EXPIRED
        and BillingCode.objects.filter(bill_id=code.bill_id, pk__gt=code.pk).exists()
    )


def _flag_reason(code: BillingCode | None, case: Case | None, report: PaymentReport) -> str:
    if code is None or case is None:
        return FlagReason.UNKNOWN_CODE
    if code.status == BillingCodeStatus.PAID:
        return FlagReason.ALREADY_PAID
    if code.status == BillingCodeStatus.CANCELLED:
        return FlagReason.CANCELLED_CODE
    if report.paid_at < code.issued_at - PAID_AT_CLOCK_TOLERANCE:
        # Paid before the code existed: the bank's time is wrong, or the money is for
        # something else; applying it would start the SLA clock before the bill.
        return FlagReason.PAID_BEFORE_ISSUE
    if _expired(code, report.paid_at) or _replaced(code):
        return FlagReason.EXPIRED_CODE
    if report.amount != code.amount:
        return FlagReason.WRONG_AMOUNT
    if case.status != CaseStatus.BILLED:
        return FlagReason.CASE_NOT_BILLED
    return ""


@transaction.atomic
def payment_receive(
    *,
    channel: PaymentChannel,
    report: PaymentReport,
    source: PaymentSource,
    by: User | None,
    office: Office | None = None,
) -> Receipt:
    """Record a payment once and apply it to its billing code when everything matches.

    A payment that cannot be applied (unknown, expired or cancelled code, paid before the code
    was issued, wrong amount, bill already paid) is still recorded, flagged for review or
    refund: never lost. Race: the same notification delivered twice at once — the unique
    (channel, reference) index makes the second insert wait for the first to commit and then
    fail, so it answers "duplicate"; two different payments for one code — the code row is
    locked, the second finds it paid. Whether a duplicate states the same facts is the
    caller's to judge (the endpoint answers 409 when not, bank.py).
    """
    previous = _same_payment(channel, report)
    if previous is not None:
        return Receipt(DUPLICATE, previous)
    code = (
        BillingCode.objects.select_for_update()
        .select_related("bill")
        .filter(code=report.billing_code)
        .first()
    )
    case = (
        Case.objects.select_related("office").get(pk=code.bill.case_id)
        if code is not None
        else None
    )
    reason = _flag_reason(code, case, report)
    now = timezone.now()
    payment = Payment(
        channel=channel,
        reference=report.reference,
        billing_code=code,
        billing_code_text=report.billing_code,
        office=case.office if case is not None else office,
        amount=report.amount,
        ntpn=report.ntpn,
        ntb=report.ntb,
        method=report.method,
        paid_at=report.paid_at,
        received_at=now,
        source=source,
        status=PaymentStatus.FLAGGED if reason else PaymentStatus.APPLIED,
        flag_reason=reason,
    )
    try:
        with transaction.atomic():
            payment.save(force_insert=True)
    except IntegrityError:
        previous = _same_payment(channel, report)
        if previous is not None:
            return Receipt(DUPLICATE, previous)
        raise
    if not reason:
        assert code is not None and case is not None
        _apply(payment=payment, code=code, case=case, by=by, now=now)
    audit_record(
        actor=by,
        office=payment.office,
        subject=payment,
        event="payments.payment_flagged" if reason else "payments.payment_applied",
        new={
            "billing_code": report.billing_code,
            "amount": report.amount,
            "ntpn": report.ntpn,
            "ntb": report.ntb,
            "channel": channel.code,
            "source": source.value,
            "flag_reason": reason,
        },
    )
    return Receipt(FLAGGED if reason else APPLIED, payment, reason)


def _apply(
    *, payment: Payment, code: BillingCode, case: Case, by: User | None, now: dt.datetime
) -> None:
    code.status, code.closed_at = BillingCodeStatus.PAID, now
    code.save(update_fields=["status", "closed_at"])
    started = sla_start(paid_at=payment.paid_at, code_issued_at=code.issued_at)
    due = due_date_for_payment(office=case.office, paid_at=started, express=case.express)
    reason = reasons.reason_record(reasons.PAYMENT_RECEIVED, channel=payment.channel.name)
    case_transition(
        case=case,
        to=CaseStatus.PAID,
        by=by,
        reason=reason,
        data={"billing_code": code.code, "ntpn": payment.ntpn, "channel": payment.channel.code},
        fields={"paid_at": payment.paid_at, "due_date": due},
    )


@transaction.atomic
def payment_flag_resolve(*, payment: Payment, note: str, by: User) -> Payment:
    """A supervisor closes a flagged payment (refunded, or settled another way) with a note."""
    if blank(note):
        raise DomainError(_("Tuliskan catatan tindak lanjut (mis. nomor pengembalian dana)."))
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status != PaymentStatus.FLAGGED:
        raise Conflict(_("Pembayaran ini tidak sedang menunggu tinjauan."), code="not_flagged")
    locked.status = PaymentStatus.RESOLVED
    locked.resolution_note, locked.resolved_by, locked.resolved_at = (
        note.strip(),
        by,
        timezone.now(),
    )
    locked.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at"])
    audit_record(
        actor=by,
        office=locked.office,
        subject=locked,
        event="payments.payment_resolved",
        old={"status": PaymentStatus.FLAGGED.value},
        new={"status": PaymentStatus.RESOLVED.value},
        reason=note.strip(),
    )
    return locked


def office_supervisors(office: Office) -> list[User]:
    return office_staff_to_tell(office, (Role.SUPERVISOR,))
