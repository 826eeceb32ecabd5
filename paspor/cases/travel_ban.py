"""The travel-ban list (cegah tangkal): import, screening at intake, and the supervisor's call.

Matching (docs/cases.md): a list entry hits when its NIK equals the applicant's, or when one
of its names reaches the similarity threshold (paspor/cases/name_match.py) and its birth date
is the applicant's — or it has no birth date, in which case the name alone must decide. Only
entries in force count (active, valid until today or later). Every check is stored with the
threshold, the outcome and the scores of its hits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.cases import conf
from paspor.cases.models import (
    Case,
    CaseStatus,
    TravelBanCheck,
    TravelBanEntry,
    TravelBanOutcome,
    TravelBanResolution,
)
from paspor.cases.name_match import name_similarity
from paspor.cases.services import (
    UNASSIGNED,
    case_lock,
    case_transition,
    case_worked_on_by,
    four_eyes_refusal,
    require_assignee,
    require_status,
)
from paspor.lib import reasons
from paspor.lib.birth_date import birth_date_check
from paspor.lib.csv_rows import csv_header, csv_rows, csv_text_check
from paspor.lib.errors import DomainError
from paspor.lib.nik import sixteen_digits
from paspor.lib.text import blank
from paspor.offices.calendar import office_today


@dataclass(frozen=True)
class Match:
    entry_id: int
    name: str
    score: float
    basis: str  # "nik", "name_birth_date" or "name_only"

    def as_dict(self) -> dict[str, object]:
        return {"entry": self.entry_id, "name": self.name, "score": self.score, "basis": self.basis}


def travel_ban_matches(
    *, nik: str, full_name: str, birth_date: dt.date, today: dt.date, threshold: int
) -> list[Match]:
    """Entries in force that this person matches, best first."""
    in_force = TravelBanEntry.objects.filter(is_active=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    # Only entries that can hit are scored: the same NIK, the same birth date, or no birth date.
    candidates = in_force.filter(Q(nik=nik) | Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    matches = []
    for entry in candidates:
        if entry.nik and entry.nik == nik:
            matches.append(Match(entry.pk, entry.full_name, 100.0, "nik"))
            continue
        best_name, best = max(
            ((name, name_similarity(full_name, name)) for name in entry.names),
            key=lambda pair: pair[1],
        )
        if best >= threshold:
            basis = "name_birth_date" if entry.birth_date is not None else "name_only"
            matches.append(Match(entry.pk, best_name, best, basis))
    return sorted(matches, key=lambda m: -m.score)


def travel_ban_screen(*, case: Case, by: User | None) -> TravelBanCheck:
    """Check the applicant against the list and store the check (call inside a transaction)."""
    threshold = conf.travel_ban_threshold()
    matches = travel_ban_matches(
        nik=case.nik,
        full_name=case.full_name,
        birth_date=case.birth_date,
        today=office_today(case.office),
        threshold=threshold,
    )
    check = TravelBanCheck.objects.create(
        case=case,
        at=timezone.now(),
        by=by,
        threshold=threshold,
        outcome=TravelBanOutcome.HIT if matches else TravelBanOutcome.CLEAR,
        matches=[m.as_dict() for m in matches],
    )
    audit_record(
        actor=by,
        office=case.office,
        subject=case,
        event="case.travel_ban_checked",
        new={"threshold": threshold, "outcome": check.outcome, "matches": check.matches},
    )
    return check


def _open_hit(case: Case) -> TravelBanCheck:
    check = (
        case.travel_ban_checks.filter(outcome=TravelBanOutcome.HIT, resolution="")
        .order_by("-at", "-pk")
        .first()
    )
    if check is None:
        raise DomainError(_("Tidak ada kecocokan cegah tangkal yang menunggu keputusan."))
    return check


def _resolve(
    check: TravelBanCheck, *, case: Case, by: User, resolution: str, reason: str
) -> dict[str, object]:
    """Record the supervisor's call; returns who opened the case and who decided the hit."""
    check.resolution = resolution
    check.resolved_by = by
    check.resolved_at = timezone.now()
    check.resolution_reason = reason
    check.save(update_fields=["resolution", "resolved_by", "resolved_at", "resolution_reason"])
    who: dict[str, object] = {
        "opened_by": case.opened_by.get_username() if case.opened_by else None,
        "resolved_by": by.get_username(),
    }
    audit_record(
        actor=by,
        office=case.office,
        subject=case,
        event="case.travel_ban_resolved",
        old={"resolution": ""},
        new={"resolution": resolution, "travel_ban_check": check.pk, **who},
        reason=reason,
    )
    return who


def _held_case(case: Case, by: User, reason: str) -> Case:
    """The held case, locked, for a supervisor who may decide its hit.

    Either call decides for or against the applicant, so the four-eyes rule holds for both:
    whoever opened the case or worked on it leaves the hit to another supervisor. Clearing is
    the riskier call (a listed person could get a passport), refusing ends the application.
    The database refuses the opener too (`case_travel_ban_resolver_is_not_opener`).
    """
    if blank(reason):
        raise DomainError(_("Tuliskan alasan keputusan."), code="reason_required")
    locked = case_lock(case)
    require_status(locked, CaseStatus.ON_HOLD)
    require_assignee(locked, by)
    if case_worked_on_by(locked, by):
        raise four_eyes_refusal()
    return locked


@transaction.atomic
def travel_ban_clear(*, case: Case, by: User, reason: str) -> Case:
    """The supervisor finds the hit is another person: the case goes on where it stopped."""
    locked = _held_case(case, by, reason)
    check = _open_hit(locked)
    who = _resolve(
        check, case=locked, by=by, resolution=TravelBanResolution.FALSE_MATCH, reason=reason
    )
    back = CaseStatus(locked.status_before_hold or CaseStatus.INTAKE)
    if back == CaseStatus.INTAKE and locked.intake_completed_at is not None:
        back = CaseStatus.BIOMETRICS
    return case_transition(
        case=locked,
        to=back,
        by=by,
        reason=reasons.reason_record(reasons.TRAVEL_BAN_FALSE_MATCH, reason=reason),
        data={"travel_ban_check": check.pk, "resolution": "false_match", **who},
        fields={**UNASSIGNED, "travel_ban_resolved_by": by},
    )


@transaction.atomic
def travel_ban_refuse(*, case: Case, by: User, reason: str) -> Case:
    """The supervisor confirms the hit: the application is refused (four eyes, `_held_case`)."""
    locked = _held_case(case, by, reason)
    check = _open_hit(locked)
    who = _resolve(check, case=locked, by=by, resolution=TravelBanResolution.REFUSED, reason=reason)
    return case_transition(
        case=locked,
        to=CaseStatus.REJECTED,
        by=by,
        reason=reasons.reason_record(reasons.TRAVEL_BAN_REFUSED, reason=reason),
        data={"travel_ban_check": check.pk, "resolution": "refused", **who},
        fields={
            **UNASSIGNED,
            "decided_by": by,
            "decided_at": timezone.now(),
            "travel_ban_resolved_by": by,
        },
    )


# --- The list -----------------------------------------------------------------------------

CSV_COLUMNS = ("name", "aliases", "birth_date", "nik", "reason", "valid_until")
NAME_MAX = TravelBanEntry._meta.get_field("full_name").max_length or 200
# One request imports the file, within the 60 s the web server allows (docs/cases.md).
MAX_ROWS = 10_000
MAX_CHARS = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _date(value: str, *, line: int, column: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(
            _("Baris %(line)s: kolom %(column)s harus tanggal TTTT-BB-HH, bukan “%(value)s”.")
            % {"line": line, "column": column, "value": value},
            code="csv_date",
        ) from None


def _caps() -> dict[str, object]:
    """The caps as the messages write them: rows grouped as the reader's language groups
    thousands ("50.000" / "50,000"), size in MB."""
    return {"rows": number_format(MAX_ROWS, force_grouping=True), "mb": MAX_CHARS // (1024 * 1024)}


def travel_ban_caps_text() -> str:
    """The caps, as the upload form's help says them."""
    return _("Paling banyak %(rows)s baris dan %(mb)s MB.") % _caps()


def travel_ban_too_long() -> DomainError:
    """The refusal of a file over the caps, naming them."""
    return DomainError(
        _(
            "Berkas CSV terlalu besar (paling banyak %(rows)s baris, %(mb)s MB); "
            "bagi menjadi beberapa berkas."
        )
        % _caps(),
        code="csv_too_long",
    )


def _entry_values(line: int, row: dict[str, str]) -> dict[str, object]:
    """A row as the entry's fields, or the reason it is refused, with its line."""
    name, reason = row["name"].strip(), row["reason"].strip()
    if blank(name) or blank(reason):
        raise DomainError(
            _("Baris %(line)s: nama dan alasan wajib diisi.") % {"line": line}, code="csv_row"
        )
    if len(name) > NAME_MAX:
        raise DomainError(
            _("Baris %(line)s: nama paling panjang %(max)s huruf.")
            % {"line": line, "max": NAME_MAX},
            code="csv_row",
        )
    nik = row.get("nik", "").strip()
    if nik and not sixteen_digits(nik):
        raise DomainError(_("Baris %(line)s: NIK harus 16 angka.") % {"line": line}, code="csv_nik")
    aliases = (a.strip() for a in row.get("aliases", "").split(";"))
    birth_date = _date(row.get("birth_date", ""), line=line, column="birth_date")
    if birth_date is not None:
        # A birth date no one has would never match an applicant: the entry would bar no one.
        try:
            birth_date_check(birth_date, today=timezone.localdate())
        except DomainError as exc:
            raise DomainError(
                _("Baris %(line)s: %(reason)s") % {"line": line, "reason": exc.message},
                code="csv_date",
            ) from None
    return {
        "full_name": name,
        "aliases": "\n".join(a for a in aliases if a),
        "birth_date": birth_date,
        "nik": nik,
        "reason": reason,
        "valid_until": _date(row.get("valid_until", ""), line=line, column="valid_until"),
        "is_active": True,
    }


_Key = tuple[str, object]  # ("nik", nik) or (name, birth date) for an entry without NIK


def _key(values: dict[str, object]) -> _Key:
    nik = values["nik"]
    return ("nik", nik) if nik else (str(values["full_name"]), values["birth_date"])


def _listed(rows: list[dict[str, object]]) -> dict[_Key, TravelBanEntry]:
    """The entries the rows may update, found in a few queries rather than one per row."""
    niks = sorted({str(v["nik"]) for v in rows if v["nik"]})
    names = sorted({str(v["full_name"]) for v in rows if not v["nik"]})
    listed: dict[_Key, TravelBanEntry] = {}
    for start in range(0, max(len(niks), len(names)), 500):
        found = TravelBanEntry.objects.filter(
            Q(nik__in=niks[start : start + 500]) | Q(full_name__in=names[start : start + 500])
        ).order_by("pk")
        for entry in found:
            key = _key(
                {"nik": entry.nik, "full_name": entry.full_name, "birth_date": entry.birth_date}
            )
            listed.setdefault(key, entry)
    return listed


@transaction.atomic
def travel_ban_import_csv(*, text: str, by: User | None) -> ImportResult:
    """Load entries from CSV (header: name, aliases, birth_date, nik, reason, valid_until).

    Aliases are separated by “;”. A row whose NIK (or, without NIK, name and birth date) is
    already listed (or given on an earlier row) updates that entry. All or nothing: one bad
    row stops the import with its line in the file (blank lines count). Header names are read
    without case or surrounding spaces. At most `MAX_ROWS` rows and `MAX_CHARS` characters.
    """
    csv_text_check(text)
    if len(text) > MAX_CHARS:
        raise travel_ban_too_long()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = csv_header(reader)
    missing = [c for c in ("name", "reason") if c not in header]
    if missing:
        raise DomainError(
            _("Kolom CSV wajib tidak ada: %(missing)s. Kolom: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(CSV_COLUMNS)},
            code="csv_header",
        )
    rows: list[dict[str, object]] = []
    for line, row in csv_rows(reader):
        if len(rows) == MAX_ROWS:
            raise travel_ban_too_long()
        rows.append(_entry_values(line, row))
    entries = _listed(rows)
    new: list[TravelBanEntry] = []
    changed: dict[int, dict[str, object]] = {}
    for values in rows:
        entry = entries.get(_key(values))
        if entry is None:
            entries[_key(values)] = entry = TravelBanEntry(**values)
            new.append(entry)
        elif any(getattr(entry, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry, name, value)
            if entry.pk is not None:
                changed[entry.pk] = values
    TravelBanEntry.objects.bulk_create(new, batch_size=500)
    # One UPDATE per changed entry: Django's bulk_update builds a CASE per field and row,
    # slower on PostgreSQL (measured) than these; an entry re-imported unchanged costs none.
    for pk, values in changed.items():
        TravelBanEntry.objects.filter(pk=pk).update(**values)
    created, updated = len(new), len(rows) - len(new)
    audit_record(
        actor=by,
        office=None,
        subject=("cases.travelbanentry", "import"),
        event="travel_ban.imported",
        new={"created": created, "updated": updated},
    )
    return ImportResult(created=created, updated=updated)
