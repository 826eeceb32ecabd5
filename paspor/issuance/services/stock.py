"""Receiving, spoiling and returning blank booklets (the accountable stock)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paspor.accounts.access import user_roles
from paspor.accounts.models import Role, User
from paspor.audit.services import audit_record
from paspor.issuance.conf import issuance_config
from paspor.issuance.models import (
    Booklet,
    BookletDelivery,
    BookletKind,
    BookletStatus,
    Consumption,
)
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.text import blank
from paspor.offices.calendar import office_today
from paspor.offices.models import Office

# Officers who may witness a spoiled booklet: those who handle or supervise the stock.
WITNESS_ROLES = frozenset({Role.PRINT_QC, Role.SUPERVISOR, Role.HEAD})

_SPLIT = re.compile(r"^(.*?)([0-9]+)$")


@dataclass(frozen=True)
class NumberRange:
    prefix: str
    first: int
    last: int
    width: int

    def numbers(self) -> list[str]:
        return [f"{self.prefix}{n:0{self.width}d}" for n in range(self.first, self.last + 1)]

    @property
    def size(self) -> int:
        return self.last - self.first + 1


# A pattern of letters then digits, as the default `^[A-Z][0-9]{7}$`: said in words, since
# counter staff read no regular expression. Any other pattern is said by an example only.
_LETTERS_THEN_DIGITS = re.compile(
    r"""\^?
    \[A-Z\] (?:\{(?P<letters>[1-9][0-9]*)\})?
    (?:\[0-9\]|\\d) (?:\{(?P<digits>[1-9][0-9]*)\})?
    (?:\$|\\Z)?""",
    re.VERBOSE,
)
EXAMPLE = "C1234567"  # a number of the default pattern


def booklet_number_refusal(number: str, pattern: str) -> DomainError:
    """Why `number` is no booklet number, in words and with an example of the pattern."""
    shape = _LETTERS_THEN_DIGITS.fullmatch(pattern)
    values = {"number": number}
    if shape is not None:
        letters, digits = int(shape["letters"] or 1), int(shape["digits"] or 1)
        example = ("C" * letters + "1234567890" * 2)[: letters + digits]
        message = _(
            "Nomor buku “%(number)s” tidak sesuai format: %(letters)s huruf diikuti "
            "%(digits)s angka (contoh: %(example)s)."
        ) % {**values, "letters": letters, "digits": digits, "example": example}
    elif re.fullmatch(pattern, EXAMPLE):
        message = _("Nomor buku “%(number)s” tidak sesuai format (contoh: %(example)s).") % {
            **values,
            "example": EXAMPLE,
        }
    else:  # no example known to fit: the configured format is headquarters' to tell
        message = _("Nomor buku “%(number)s” tidak sesuai format nomor buku.") % values
    return DomainError(message, code="booklet_number_pattern")


def booklet_number_check(number: str) -> str:
    """The number in upper case, or DomainError when it does not follow the pattern."""
    cleaned = number.strip().upper()
    pattern = issuance_config().booklet_number_pattern
    if not re.fullmatch(pattern, cleaned):
        raise booklet_number_refusal(cleaned, pattern)
    return cleaned


def number_range_parse(first: str, last: str) -> NumberRange:
    """A serial range such as C1000001–C1000500: same prefix, same width, first ≤ last."""
    first, last = booklet_number_check(first), booklet_number_check(last)
    first_match, last_match = _SPLIT.match(first), _SPLIT.match(last)
    if first_match is None or last_match is None:
        raise DomainError(_("Nomor buku harus diakhiri angka urut."), code="booklet_number_serial")
    prefix, first_digits = first_match.groups()
    last_prefix, last_digits = last_match.groups()
    if prefix != last_prefix or len(first_digits) != len(last_digits):
        raise DomainError(
            _("Nomor awal dan nomor akhir harus berawalan sama dan sama panjang."),
            code="booklet_range_prefix",
        )
    span = NumberRange(prefix, int(first_digits), int(last_digits), len(first_digits))
    if span.last < span.first:
        raise DomainError(_("Nomor akhir lebih kecil dari nomor awal."), code="booklet_range_order")
    limit = issuance_config().max_delivery_size
    if span.size > limit:
        raise DomainError(
            _("Satu penerimaan paling banyak %(limit)s buku; rentang ini %(size)s buku.")
            % {"limit": limit, "size": span.size},
            code="booklet_range_too_large",
        )
    return span


@transaction.atomic
def booklet_delivery_receive(
    *,
    office: Office,
    kind: BookletKind,
    document_number: str,
    received_on: dt.date,
    first_number: str,
    last_number: str,
    by: User,
) -> BookletDelivery:
    """Take a delivery of blank booklets into the office's stock, one row per booklet."""
    span = number_range_parse(first_number, last_number)
    if received_on > office_today(office):
        raise DomainError(_("Tanggal diterima tidak boleh di masa depan."), code="received_future")
    document_number = document_number.strip()
    if not document_number:
        raise DomainError(_("Nomor dokumen pengiriman wajib diisi."), code="document_required")
    numbers = span.numbers()
    taken = list(
        Booklet.objects.filter(number__in=numbers)
        .order_by("number")
        .values_list("number", flat=True)[:5]
    )
    if taken:
        raise Conflict(
            _("Nomor buku sudah tercatat: %(numbers)s. Satu nomor hanya sekali.")
            % {"numbers": ", ".join(taken)},
            code="booklet_number_taken",
        )
    try:
        # Race: two officers enter overlapping ranges at once — the unique number decides.
        with transaction.atomic():
            delivery = BookletDelivery.objects.create(
                office=office,
                kind=kind,
                document_number=document_number,
                received_on=received_on,
                first_number=numbers[0],
                last_number=numbers[-1],
                quantity=len(numbers),
                received_by=by,
            )
            Booklet.objects.bulk_create(
                Booklet(
                    office=office,
                    kind=kind,
                    number=number,
                    delivery=delivery,
                    received_on=received_on,
                )
                for number in numbers
            )
    except IntegrityError:
        raise Conflict(
            _("Nomor dokumen atau nomor buku ini sudah tercatat."), code="booklet_delivery_taken"
        ) from None
    audit_record(
        actor=by,
        office=office,
        subject=delivery,
        event="issuance.stock_received",
        new={
            "kind": kind,
            "document": document_number,
            "first": numbers[0],
            "last": numbers[-1],
            "quantity": len(numbers),
            "received_on": received_on,
        },
    )
    return delivery


def witness_check(*, office: Office, by: User, witness: User | None) -> User:
    """A spoiled booklet needs a witness: another officer who handles or supervises stock."""
    if witness is None:
        raise DomainError(_("Saksi wajib dipilih."), code="witness_required")
    if witness.pk == by.pk:
        raise DomainError(
            _("Saksi harus petugas lain, bukan yang mencatat kerusakan."), code="witness_self"
        )
    # A deactivated account witnesses nothing any more, whatever roles it still holds.
    if not witness.is_active:
        raise DomainError(
            _("Akun saksi %(name)s sudah dinonaktifkan; pilih petugas lain.")
            % {"name": witness.get_full_name() or witness.username},
            code="witness_inactive",
        )
    if not user_roles(witness, office) & WITNESS_ROLES:
        raise DomainError(
            _("Saksi harus petugas cetak, supervisor atau kepala kantor di kantor ini."),
            code="witness_role",
        )
    return witness


def booklet_mark_spoiled(
    *, booklet: Booklet, by: User, witness: User, reason: str, expected: tuple[str, ...]
) -> Booklet:
    """Conditional update: the booklet is spoiled only from one of the `expected` statuses.

    Runs inside the caller's transaction. Race: a second officer spoiling or printing the same
    booklet — the update that finds it in an expected status wins, the other gets 409.
    """
    reason = reason.strip()
    if blank(reason):
        raise DomainError(_("Alasan kerusakan wajib diisi."), code="spoil_reason_required")
    changed = Booklet.objects.filter(pk=booklet.pk, status__in=expected).update(
        status=BookletStatus.SPOILED,
        consumption=Consumption.SPOILED,
        consumed_on=office_today(booklet.office),
        spoil_reason=reason,
        spoiled_by=by,
        witness=witness,
        updated_at=timezone.now(),
    )
    if not changed:
        raise Conflict(
            _("Buku %(number)s tidak dapat dicatat rusak dari status sekarang.")
            % {"number": booklet.number},
            code="booklet_not_spoilable",
        )
    return Booklet.objects.get(pk=booklet.pk)


@transaction.atomic
def booklet_spoil_in_stock(
    *, booklet: Booklet, by: User, witness: User | None, reason: str
) -> Booklet:
    """A blank booklet damaged in the vault: spoiled with a reason and a witness."""
    witness = witness_check(office=booklet.office, by=by, witness=witness)
    spoiled = booklet_mark_spoiled(
        booklet=booklet, by=by, witness=witness, reason=reason, expected=(BookletStatus.IN_STOCK,)
    )
    audit_record(
        actor=by,
        office=booklet.office,
        subject=spoiled,
        event="issuance.booklet_spoiled",
        old={"status": BookletStatus.IN_STOCK},
        new={"status": BookletStatus.SPOILED, "witness": witness.username},
        reason=reason,
    )
    return spoiled


@transaction.atomic
def booklets_return(
    *,
    office: Office,
    kind: BookletKind,
    first_number: str,
    last_number: str,
    document_number: str,
    by: User,
    reason: str,
) -> int:
    """Send a range of blank booklets back (to headquarters); every one must be in stock."""
    span = number_range_parse(first_number, last_number)
    document_number, reason = document_number.strip(), reason.strip()
    if blank(document_number) or blank(reason):
        raise DomainError(
            _("Nomor dokumen dan alasan pengembalian wajib diisi."),
            code="return_details_required",
        )
    numbers = span.numbers()
    booklets = Booklet.objects.filter(office=office, kind=kind, number__in=numbers)
    in_stock = booklets.filter(status=BookletStatus.IN_STOCK)
    # Race: a printer allocates one of these meanwhile — the conditional UPDATE then changes
    # fewer rows than expected and the whole return rolls back.
    changed = in_stock.update(
        status=BookletStatus.RETURNED,
        consumption=Consumption.RETURNED,
        consumed_on=office_today(office),
        return_document=document_number,
        updated_at=timezone.now(),
    )
    if changed != len(numbers):
        raise Conflict(
            _(
                "Tidak semua buku dalam rentang ini ada di gudang kantor ini dengan jenis "
                "tersebut; tidak ada yang dikembalikan."
            ),
            code="return_not_in_stock",
        )
    audit_record(
        actor=by,
        office=office,
        subject=("issuance.booklet", f"{numbers[0]}-{numbers[-1]}"),
        event="issuance.booklets_returned",
        new={"kind": kind, "first": numbers[0], "last": numbers[-1], "quantity": changed},
        reason=f"{document_number}: {reason}",
    )
    return changed
