"""Filing and answering complaints, and telling the office when one escalates. Attachments are
checked by content, not by their name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paspor.accounts.models import User
from paspor.audit.services import audit_record
from paspor.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintResponder,
    ComplaintStatus,
)
from paspor.complaints.selectors import complaint_office_staff, overdue_filter
from paspor.lib.errors import Conflict, DomainError
from paspor.lib.filetypes import EXTENSIONS, content_check, sniff
from paspor.lib.phone import phone_normalise
from paspor.lib.ratelimit import Limit
from paspor.lib.ratelimit import hit as limit_hit
from paspor.lib.storage import files_undone_on_failure
from paspor.lib.text import blank
from paspor.notifications.models import Language
from paspor.notifications.services import message_language, notify, notify_person, public_url
from paspor.offices.calendar import working_days_after
from paspor.offices.models import Office

MAX_ATTACHMENTS = 3
NAME_LENGTH = 200  # ComplaintAttachment.original_name
PER_IP = Limit("complaint-ip", limit=5, seconds=3600)
TRACK_PER_IP = Limit("complaint-track-ip", limit=30, seconds=600)


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile[Any]
    content_type: str
    extension: str


def attachment_check(upload: UploadedFile[Any]) -> CheckedFile:
    limit = settings.PASPOR_COMPLAINT_MAX_BYTES
    name = upload.name or "lampiran"
    if (upload.size or 0) > limit:
        raise DomainError(
            _("Lampiran %(name)s terlalu besar (paling besar %(mb)s MB).")
            % {"name": name, "mb": limit // (1024 * 1024)},
            code="attachment",
        )
    upload.seek(0)
    data = upload.read()  # at most the limit above: the whole file is read to check it ends
    upload.seek(0)
    content_type = sniff(data)
    if content_type is None:
        raise DomainError(
            _("Lampiran %(name)s bukan PDF, PNG atau JPEG.") % {"name": name}, code="attachment"
        )
    try:
        content_check(data, content_type)
    except DomainError as exc:
        raise DomainError(
            _("Lampiran %(name)s: %(problem)s") % {"name": name, "problem": exc.message},
            code="attachment",
        ) from None
    return CheckedFile(upload, content_type, f".{EXTENSIONS[content_type]}")


def attachment_name(name: str) -> str:
    """The name as sent, shortened to the column's 200 characters with its extension kept:
    staff open the download by it."""
    if len(name) <= NAME_LENGTH:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 10:
        return name[:NAME_LENGTH]
    return f"{stem[: NAME_LENGTH - len(suffix) - 1]}.{suffix}"


def attachments_check(files: Sequence[UploadedFile[Any]]) -> list[CheckedFile]:
    """A complaint's files: how many, and each one's size and type (DomainError "attachment")."""
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(
            _("Paling banyak %(n)s lampiran.") % {"n": MAX_ATTACHMENTS}, code="attachment"
        )
    return [attachment_check(upload) for upload in files]


def tracking_link(complaint: Complaint) -> str:
    path = reverse("complaints:track_code", kwargs={"code": complaint.tracking_code})
    return public_url(path)


def office_link(complaint: Complaint) -> str:
    """The complaint's page for the office's staff (and headquarters), where it is answered."""
    path = reverse(
        "complaints:office_detail",
        kwargs={"office": complaint.office.code, "code": complaint.tracking_code},
    )
    return public_url(path)


def complaint_deadline(office: Office, received: dt.datetime) -> dt.date:
    local_day = timezone.localtime(received, office.tz).date()
    return working_days_after(office, local_day, settings.PASPOR_COMPLAINT_RESPONSE_DAYS)


def complaint_submit(
    *,
    office: Office,
    category: ComplaintCategory,
    body: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    files: Sequence[UploadedFile[Any]] = (),
    ip: str = "",
    language: str | None = None,
) -> Complaint:
    """Anyone may complain, without an account; the deadline counts the office's working days.

    `language` is the interface language the complaint was filed in ("en", "id"…); the
    complaint keeps it, and the complainant's e-mails are written in it.
    """
    if blank(body):
        raise DomainError(_("Isi pengaduan wajib diisi."))
    phone = phone_normalise(phone)  # +62…, or DomainError before anything is written
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            # Acknowledgements and answers go to it: a mistyped address loses them all.
            raise DomainError(_("Masukkan alamat e-mail yang benar."), code="email") from None
    checked = attachments_check(files)  # all checked before any write
    limit_hit(PER_IP, ip)
    with files_undone_on_failure(), transaction.atomic():
        now = timezone.now()
        complaint = Complaint.objects.create(
            office=office,
            category=category,
            body=body.strip(),
            name=name.strip(),
            email=email,
            phone=phone,
            language=message_language(language) or Language.INDONESIAN,
            created_at=now,
            deadline=complaint_deadline(office, now),
        )
        for number, item in enumerate(checked, start=1):
            attachment = ComplaintAttachment(
                complaint=complaint,
                original_name=attachment_name(item.upload.name or ""),
                content_type=item.content_type,
                size=item.upload.size or 0,
            )
            attachment.file.save(
                f"{complaint.tracking_code}-{number}{item.extension}", item.upload, save=False
            )
            attachment.save()
        audit_record(
            actor=None,
            office=office,
            subject=complaint,
            event="complaint.submitted",
            new={"category": category, "deadline": complaint.deadline, "attachments": len(checked)},
            actor_label="publik",
        )
        notify_person(
            user=None,
            email=complaint.email,
            phone=complaint.phone,
            template="complaint_received",
            context={
                "tracking_code": complaint.tracking_code,
                "office": office.name,
                "deadline": complaint.deadline,
                "link": tracking_link(complaint),
            },
            office=office,
            dedupe_key=f"complaint-received:{complaint.pk}",
            language=complaint.language,
        )
    return complaint


def complaint_office_today(complaint: Complaint) -> dt.date:
    return timezone.localtime(timezone.now(), complaint.office.tz).date()


@transaction.atomic
def complaint_respond(
    *,
    complaint: Complaint,
    response: str,
    by: User,
    responder: ComplaintResponder = ComplaintResponder.OFFICE,
) -> Complaint:
    """The answer, by the office or (`responder=HEADQUARTERS`) by headquarters; a complaint
    is answered once (a second answer is a 409).

    Headquarters answers only a complaint its office left open past the deadline (escalation:
    the complainant is not left without an answer); until then the office answers, and
    headquarters is refused with 409 `not_overdue`. Either answer reaches the complainant the
    same way.
    """
    if blank(response):
        raise DomainError(_("Tanggapan wajib diisi."))
    early = complaint_office_today(complaint) <= complaint.deadline
    if (
        responder == ComplaintResponder.HEADQUARTERS
        and complaint.status == ComplaintStatus.OPEN
        and early
    ):
        raise Conflict(
            _(
                "Kantor pusat menanggapi pengaduan yang lewat batas waktu. Kantor masih dapat "
                "menanggapinya sampai %(deadline)s."
            )
            % {"deadline": date_format(complaint.deadline, "j F Y")},
            code="not_overdue",
        )
    now = timezone.now()
    # Race: two officers (or the office and headquarters) answer at once; the conditional
    # UPDATE lets one through.
    updated = Complaint.objects.filter(pk=complaint.pk, status=ComplaintStatus.OPEN).update(
        status=ComplaintStatus.ANSWERED,
        response=response.strip(),
        responded_at=now,
        responded_by=by,
        responded_as=responder,
    )
    if not updated:
        raise Conflict(_("Pengaduan ini sudah ditanggapi."), code="already_answered")
    complaint.refresh_from_db()
    audit_record(
        actor=by,
        office=complaint.office,
        subject=complaint,
        event="complaint.answered",
        old={"status": ComplaintStatus.OPEN},
        new={
            "status": ComplaintStatus.ANSWERED,
            "within_deadline": bool(complaint.answered_in_time),
            "answered_as": responder,
        },
    )
    notify_person(
        user=None,
        email=complaint.email,
        phone=complaint.phone,
        template="complaint_answered",
        context={
            "tracking_code": complaint.tracking_code,
            "office": complaint.office.name,
            "response": complaint.response,
            "link": tracking_link(complaint),
        },
        office=complaint.office,
        dedupe_key=f"complaint-answered:{complaint.pk}",
        language=complaint.language,  # the complainant's, not the answering officer's
    )
    if responder == ComplaintResponder.HEADQUARTERS:
        _office_told_of_headquarters_answer(complaint=complaint, by=by)
    return complaint


def _office_tell(
    *,
    complaint: Complaint,
    template: str,
    context: dict[str, object],
    people: list[User] | None = None,
) -> list[str]:
    """One message to each of the office's head and supervisors (`people`, read here when not
    given), each in their own language (the category too: a lazy label); the usernames told,
    for the audit row."""
    office = complaint.office
    shared = {
        **context,
        "tracking_code": complaint.tracking_code,
        "office": office.name,
        "category": ComplaintCategory(complaint.category).label,
        "deadline": complaint.deadline,
        "link": office_link(complaint),
    }
    told = []
    for person in complaint_office_staff(office) if people is None else people:
        notify(
            to_address=person.email,
            template=template,
            context={**shared, "name": person.get_full_name() or person.username},
            recipient=person,
            office=office,
            dedupe_key=f"{template}:{complaint.pk}:{person.pk}",
        )
        told.append(person.username)
    return told


def _office_told_of_headquarters_answer(*, complaint: Complaint, by: User) -> None:
    """The office learns what headquarters answered in its name, in the answer's transaction."""
    told = _office_tell(
        complaint=complaint,
        template="complaint_hq_answered",
        context={"response": complaint.response, "answered_by": by.get_full_name() or by.username},
    )
    audit_record(
        actor=by,
        office=complaint.office,
        subject=complaint,
        event="complaint.hq_answer_notified",
        new={"notified": told},
    )


# --- Escalation: the office is told when a complaint passes its deadline --------------------


def complaint_overdue_alert(*, complaint: Complaint, now: dt.datetime) -> bool:
    """Tells the office's head and supervisors that `complaint` passed its deadline unanswered;
    False when it is not overdue on the office's clock, is answered, was alerted before, or
    the office has nobody with an address to tell (it is tried again at the next check).

    Overdue is the day after the deadline, as in `complaint_respond` (headquarters may answer
    from then on). Race: two checks at once, or the office answering meanwhile — the
    conditional UPDATE lets one alert through, and none once the complaint is answered.
    """
    today = timezone.localtime(now, complaint.office.tz).date()
    if not complaint.overdue_on(today):
        return False
    people = complaint_office_staff(complaint.office)
    if not people:
        # Nobody to tell yet: the complaint stays pending, and the first head or supervisor with
        # an address given to the office is told at the next check.
        return False
    with transaction.atomic():
        marked = Complaint.objects.filter(
            pk=complaint.pk, status=ComplaintStatus.OPEN, overdue_alerted_at__isnull=True
        ).update(overdue_alerted_at=now)
        if not marked:
            return False
        told = _office_tell(
            complaint=complaint, template="complaint_overdue_alert", context={}, people=people
        )
        audit_record(
            actor=None,
            office=complaint.office,
            subject=complaint,
            event="complaint.overdue_alerted",
            new={"deadline": complaint.deadline, "notified": told},
        )
    complaint.overdue_alerted_at = now
    return True


def complaints_overdue_check(*, now: dt.datetime | None = None) -> int:
    """One pass over every office: each open complaint past its deadline on its office's clock
    that was not alerted yet raises one alert; the number raised."""
    now = now or timezone.now()
    pending = (
        Complaint.objects.filter(overdue_filter(now=now), overdue_alerted_at__isnull=True)
        .select_related("office")
        .order_by("pk")
    )
    return sum(complaint_overdue_alert(complaint=complaint, now=now) for complaint in pending)
