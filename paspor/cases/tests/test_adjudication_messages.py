"""What the applicant is told when a case is deferred: each missing item, and the date."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse

from conftest import make_user
from paspor.cases.adjudication import case_defer, cases_expire_deferred, missing_items
from paspor.cases.models import Case, CaseEvent, CaseStatus
from paspor.cases.tests.conftest import SITI, open_case
from paspor.notifications.models import Channel, Language
from paspor.notifications.services import channel_preference_set

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 12, 1, 9, 0)


def defer(
    office, officer, *, language, missing, django_capture_on_commit_callbacks, opened_later=False
):
    """A case opened on MONDAY morning (or, with `opened_later`, by a clock two hours ahead that
    was then set back) and deferred at 09.00."""
    opened = MONDAY + dt.timedelta(hours=2 if opened_later else -1)
    with time_machine.travel(opened.replace(tzinfo=office.tz), tick=False):
        case = open_case(office, officer)
    account = make_user("siti", email=SITI.email)
    channel_preference_set(user=account, channel=Channel.EMAIL, language=language)
    Case.objects.filter(pk=case.pk).update(applicant_account=account)
    case.refresh_from_db()
    with (
        time_machine.travel(MONDAY.replace(tzinfo=office.tz)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        return case_defer(case=case, by=officer, missing=missing, deadline=dt.date(2026, 12, 9))


def deferral_mail(mailbox: list[EmailMessage]) -> EmailMessage:
    [message] = [m for m in mailbox if m.to == [SITI.email]]
    return message


def test_missing_items_are_one_per_line_or_semicolon():
    assert missing_items("Akta kelahiran asli; Kartu Keluarga\n  Surat nikah \n\n") == [
        "Akta kelahiran asli",
        "Kartu Keluarga",
        "Surat nikah",
    ]
    assert missing_items("Akta kelahiran asli, dilegalisir") == ["Akta kelahiran asli, dilegalisir"]


def test_the_english_deferral_lists_each_missing_item_and_the_deadline_in_english(
    office, intake_officer, mailoutbox, django_capture_on_commit_callbacks
):
    defer(
        office,
        intake_officer,
        language=Language.ENGLISH,
        missing="Original birth certificate\nFamily card",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    body = deferral_mail(mailoutbox).body
    assert "- Original birth certificate\n- Family card\n" in body
    assert "9 December 2026" in body
    # The office's own record of the reason is Indonesian and says the same again.
    assert "Harus dilengkapi" not in body and "Batas waktu" not in body
    assert "before the deadline." not in body


def test_the_indonesian_deferral_gives_the_date_in_indonesian(
    office, intake_officer, mailoutbox, django_capture_on_commit_callbacks
):
    defer(
        office,
        intake_officer,
        language=Language.INDONESIAN,
        missing="Akta kelahiran asli",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    body = deferral_mail(mailoutbox).body
    assert "- Akta kelahiran asli\n" in body
    assert "Bawa kelengkapannya ke Kantor Imigrasi Ketapang paling lambat 9 Desember 2026." in (
        body
    )


def test_the_message_takes_the_deferrals_own_event_when_the_clock_was_set_back(
    office, intake_officer, mailoutbox, django_capture_on_commit_callbacks
):
    """The opening's event is later by time than the deferral's: the message still lists what
    the deferral asks for, not the opening's (empty) data."""
    case = defer(
        office,
        intake_officer,
        language=Language.INDONESIAN,
        missing="Akta kelahiran asli",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        opened_later=True,
    )
    latest_by_time = case.events.order_by("-at").first()
    assert latest_by_time is not None and latest_by_time.to_status != CaseStatus.DEFERRED
    assert "- Akta kelahiran asli\n" in deferral_mail(mailoutbox).body


def test_the_deferral_records_the_items_and_the_deadline(
    office, intake_officer, django_capture_on_commit_callbacks
):
    case = defer(
        office,
        intake_officer,
        language=Language.INDONESIAN,
        missing="Akta kelahiran asli; KK",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.DEFERRED)
    assert event.data["missing"] == ["Akta kelahiran asli", "KK"]
    assert case.deferred_until == dt.date(2026, 12, 9)
    # The staff history keeps the whole sentence in the reason.
    assert event.reason == "Harus dilengkapi: Akta kelahiran asli; KK. Batas waktu: 09-12-2026."


def test_the_status_page_gives_the_deferral_date(
    client, office, intake_officer, django_capture_on_commit_callbacks
):
    cache.clear()
    case = defer(
        office,
        intake_officer,
        language=Language.INDONESIAN,
        missing="Akta kelahiran asli",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    with time_machine.travel(MONDAY.replace(tzinfo=office.tz)):
        response = client.post(
            "/notifikasi/status/",
            {"code": case.code, "birth_date": SITI.birth_date.isoformat()},
            REMOTE_ADDR="10.0.0.7",
        )
    page = response.content.decode()
    assert "9 Desember 2026" in page
    assert "sebelum batas waktu" not in page
    cache.clear()


def test_an_expired_deferral_is_rejected_with_the_reason_in_the_applicants_language(
    office, intake_officer, mailoutbox, django_capture_on_commit_callbacks
):
    case = defer(
        office,
        intake_officer,
        language=Language.ENGLISH,
        missing="Original birth certificate",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    mailoutbox.clear()
    with (
        time_machine.travel(dt.datetime(2026, 12, 11, 9, 0, tzinfo=office.tz)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert cases_expire_deferred() == 1
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.REJECTED)
    # The record is Indonesian; the English applicant reads it in English, its date in words.
    assert event.reason.startswith("Berkas tidak dilengkapi sampai batas waktu 09-12-2026")
    body = deferral_mail(mailoutbox).body
    assert (
        "rejected for this reason: Documents not completed by the deadline of 9 December 2026: "
        "Original birth certificate" in body
    )


def test_the_history_shows_system_reasons_in_the_readers_language(
    office, intake_officer, client_for, settings, django_capture_on_commit_callbacks
):
    case = defer(
        office,
        intake_officer,
        language=Language.INDONESIAN,
        missing="Akta kelahiran asli",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    client = client_for(intake_officer)
    url = reverse("cases:timeline", args=[office.code, case.code])
    assert "Harus dilengkapi: Akta kelahiran asli. Batas waktu: 09-12-2026." in (
        client.get(url).content.decode()
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert "To be completed: Akta kelahiran asli. Deadline: 09-12-2026." in page
    assert "Harus dilengkapi" not in page
