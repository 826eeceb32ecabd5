"""The office is told when a complaint escalates: once when it passes its deadline unanswered,
and again when headquarters answers it in the office's place.

Both messages go to the office's active head and supervisors with an e-mail address, each in
their own language, through the outbox (a rollback sends nothing), and both are audited.
"""

import contextlib
import datetime as dt
import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from conftest import make_office, make_user
from paspor.accounts.models import Role, StaffAssignment
from paspor.accounts.services import staff_assign, staff_unassign
from paspor.audit.models import AuditEntry
from paspor.complaints.models import Complaint, ComplaintResponder
from paspor.complaints.services import (
    complaint_overdue_alert,
    complaint_respond,
    complaints_overdue_check,
)
from paspor.complaints.tests.test_escalation import rows_of
from paspor.complaints.tests.test_pages import detail_url, submit
from paspor.notifications.models import Channel, ChannelPreference, Language, Message
from paspor.notifications.sending import message_render
from paspor.operations.jobs import JOBS_BY_NAME
from paspor.operations.services import scheduler_run_due

pytestmark = pytest.mark.django_db
RECEIVED = "2026-03-02 09:00 +07:00"  # Monday: deadline Monday 9 March (5 working days)
LAST_MOMENT = "2026-03-09 23:59 +07:00"  # the deadline's last minute in Jakarta
OVERDUE = "2026-03-10 00:00 +07:00"  # the day after: headquarters may answer, the office is told
ALERT = "complaint_overdue_alert"
HQ_ANSWER = "complaint_hq_answered"


@pytest.fixture
def office_people(office, head_of_office, supervisor):
    """The office's head and supervisor, each with an address to be told at."""
    for person, address in ((head_of_office, "kakanim@example.com"), (supervisor, "ks@ex.com")):
        person.email = address
        person.save(update_fields=["email"])
    return {"kakanim@example.com", "ks@ex.com"}


@pytest.fixture
def late(office):
    with time_machine.travel(RECEIVED, tick=False):
        return submit(office)


def told(template):
    return sorted(Message.objects.filter(template=template).values_list("to_address", flat=True))


def check_at(moment):
    with time_machine.travel(moment, tick=False):
        return complaints_overdue_check()


# --- When the alert is raised -------------------------------------------------------------------


def test_the_office_is_told_once_the_day_after_the_deadline(late, office_people):
    assert late.deadline == dt.date(2026, 3, 9)
    assert check_at(LAST_MOMENT) == 0
    assert check_at(OVERDUE) == 1
    assert told(ALERT) == sorted(office_people)
    late.refresh_from_db()
    assert late.overdue_alerted_at == dt.datetime.fromisoformat(OVERDUE)
    entry = AuditEntry.objects.get(event="complaint.overdue_alerted")
    assert entry.subject_id == str(late.pk) and entry.chain == "ketapang"
    assert entry.actor is None and entry.actor_label == "sistem"
    assert entry.new == {"deadline": "2026-03-09", "notified": ["kakanim", "kasubsi"]}
    # The next passes find it alerted: no second message, no second audit row.
    assert check_at("2026-03-10 00:15 +07:00") == 0
    assert check_at("2026-03-20 09:00 +07:00") == 0
    assert Message.objects.filter(template=ALERT).count() == 2
    assert AuditEntry.objects.filter(event="complaint.overdue_alerted").count() == 1


def test_weekends_and_holidays_before_the_deadline_put_the_alert_off(office, office_people):
    # Thursday 12 February 2026: Friday is day 1; the weekend, cuti bersama (16 February) and
    # Chinese New Year (17 February) do not count; day 5 is Monday 23 February.
    with time_machine.travel("2026-02-12 09:00 +07:00", tick=False):
        complaint = submit(office)
    assert complaint.deadline == dt.date(2026, 2, 23)
    assert check_at("2026-02-20 09:00 +07:00") == 0  # five weekdays on, still in time
    assert check_at("2026-02-23 23:59 +07:00") == 0
    assert check_at("2026-02-24 00:00 +07:00") == 1


def test_a_complaint_due_on_friday_is_overdue_on_saturday(office, office_people):
    # Overdue is the calendar day after the deadline, as for headquarters' answer: the office
    # does not gain the weekend.
    with time_machine.travel("2026-03-06 09:00 +07:00", tick=False):
        complaint = submit(office)
    assert complaint.deadline == dt.date(2026, 3, 13)
    assert check_at("2026-03-13 23:59 +07:00") == 0
    assert check_at("2026-03-14 00:00 +07:00") == 1


def test_each_office_is_told_on_its_own_clock(office_people):
    jakarta = make_office("jakarta")
    makassar = make_office("makassar", tz="Asia/Makassar")
    for place in (jakarta, makassar):  # someone at each office to tell
        make_user(
            f"ks_{place.code}", role=Role.SUPERVISOR, office=place, email=f"{place.code}@ex.com"
        )
    with time_machine.travel(RECEIVED, tick=False):
        wib = submit(jakarta)
        wita = submit(makassar)
    # 9 March 16.30 UTC: 23.30 WIB, still the deadline day; 00.30 WITA on 10 March, overdue.
    assert check_at("2026-03-09 16:30 +00:00") == 1
    wib.refresh_from_db()
    wita.refresh_from_db()
    assert wita.overdue_alerted_at is not None and wib.overdue_alerted_at is None


def test_no_alert_for_a_complaint_in_time_or_already_answered(office, supervisor, office_people):
    with time_machine.travel(RECEIVED, tick=False):
        answered_late = submit(office)
        answered_in_time = submit(office, ip="10.0.0.2")
        complaint_respond(complaint=answered_in_time, response="Sudah.", by=supervisor)
    with time_machine.travel("2026-03-05 09:00 +07:00", tick=False):
        in_time = submit(office, ip="10.0.0.3")  # due 12 March
    with time_machine.travel(OVERDUE, tick=False):
        complaint_respond(complaint=answered_late, response="Maaf terlambat.", by=supervisor)
        assert complaints_overdue_check() == 0
        assert complaint_overdue_alert(complaint=in_time, now=timezone.now()) is False
    assert not Message.objects.filter(template=ALERT).exists()
    assert not AuditEntry.objects.filter(event="complaint.overdue_alerted").exists()


def test_the_office_list_marks_the_complaints_past_their_deadline(
    client_for, office, late, supervisor
):
    with time_machine.travel("2026-03-05 09:00 +07:00", tick=False):
        in_time = submit(office, ip="10.0.0.3")  # due 12 March
    client = client_for(supervisor)
    with time_machine.travel(LAST_MOMENT, tick=False):
        page = client.get("/pengaduan/kantor/ketapang/").content.decode()
    assert "(lewat batas)" not in page
    with time_machine.travel(OVERDUE, tick=False):
        rows = rows_of(client.get("/pengaduan/kantor/ketapang/").content.decode(), "open-title")
    marked = {row.split("</a>")[0].rsplit(">", 1)[1]: "(lewat batas)" in row for row in rows}
    assert marked == {late.tracking_code: True, in_time.tracking_code: False}


# --- Races --------------------------------------------------------------------------------------


def test_a_check_that_read_the_complaint_before_another_alerted_it_raises_nothing(
    late, office_people
):
    first, second = Complaint.objects.get(pk=late.pk), Complaint.objects.get(pk=late.pk)
    with time_machine.travel(OVERDUE, tick=False):
        assert complaint_overdue_alert(complaint=first, now=timezone.now()) is True
        assert complaint_overdue_alert(complaint=second, now=timezone.now()) is False
    assert Message.objects.filter(template=ALERT).count() == len(office_people)
    assert AuditEntry.objects.filter(event="complaint.overdue_alerted").count() == 1


def test_an_answer_saved_after_the_check_read_the_complaint_stops_the_alert(
    late, supervisor, office_people
):
    read_by_the_check = Complaint.objects.get(pk=late.pk)
    with time_machine.travel(OVERDUE, tick=False):
        complaint_respond(complaint=late, response="Maaf.", by=supervisor)
        assert complaint_overdue_alert(complaint=read_by_the_check, now=timezone.now()) is False
    assert not Message.objects.filter(template=ALERT).exists()


@pytest.mark.django_db(transaction=True)
def test_checks_running_at_once_raise_one_alert(late, office_people):
    start = threading.Barrier(6)
    now = dt.datetime.fromisoformat(OVERDUE)

    def run(_):
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=10)
        try:
            return complaints_overdue_check(now=now)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        raised = list(pool.map(run, range(6)))
    assert sorted(raised) == [0, 0, 0, 0, 0, 1]
    assert told(ALERT) == sorted(office_people)
    assert AuditEntry.objects.filter(event="complaint.overdue_alerted").count() == 1


# --- Who is told, and in which language ---------------------------------------------------------


def test_only_the_offices_active_head_and_supervisors_with_an_address_are_told(
    late, office, other_office, office_people, hq_user
):
    both = make_user("kasi_dan_plt", role=Role.SUPERVISOR, office=office, email="plt@ex.com")
    staff_assign(user=both, office=office, role=Role.HEAD, by=None)  # acting head: told once
    make_user("kasi_tanpa_email", role=Role.SUPERVISOR, office=office)
    moved = make_user("kasi_pindah", role=Role.SUPERVISOR, office=office, email="pindah@ex.com")
    staff_unassign(assignment=StaffAssignment.objects.get(user=moved), by=None, reason="Mutasi")
    retired = make_user("kasi_pensiun", role=Role.SUPERVISOR, office=office, email="p@ex.com")
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    make_user("loket", role=Role.INTAKE, office=office, email="loket@ex.com")
    make_user("kasi_lain", role=Role.SUPERVISOR, office=other_office, email="lain@ex.com")
    make_user("kakanim_lain", role=Role.HEAD, office=other_office, email="kl@ex.com")
    hq_user.email = "ditjen@ex.com"
    hq_user.save(update_fields=["email"])
    check_at(OVERDUE)
    assert told(ALERT) == sorted({*office_people, "plt@ex.com"})


def test_each_person_reads_the_alert_in_their_own_language(late, head_of_office, office_people):
    ChannelPreference.objects.create(
        user=head_of_office, channel=Channel.EMAIL, language=Language.ENGLISH
    )
    check_at(OVERDUE)
    english = Message.objects.get(template=ALERT, recipient=head_of_office)
    indonesian = Message.objects.get(template=ALERT, to_address="ks@ex.com")
    assert english.language == "en" and english.context["category"] == "Queue and waiting time"
    assert (
        indonesian.language == "id" and indonesian.context["category"] == "Antrean dan waktu tunggu"
    )


def test_the_alert_names_the_complaint_its_deadline_and_where_to_answer(late, office_people):
    check_at(OVERDUE)
    message = Message.objects.get(template=ALERT, to_address="ks@ex.com")
    rendered = message_render(template=ALERT, context=message.context, language="id")
    assert rendered.subject == f"Pengaduan {late.tracking_code} lewat batas waktu tanpa tanggapan"
    body = rendered.body
    assert body.startswith("Yth. kasubsi,")
    assert "(Antrean dan waktu tunggu) untuk Kantor Imigrasi Ketapang" in body
    assert "9 Maret 2026" in body and "Kantor pusat kini dapat menanggapinya" in body
    assert body.rstrip().endswith(detail_url(late))  # the office's page, not the public one
    assert "Antre 5 jam." not in body  # the complaint itself stays behind the sign-in


# --- The periodic job ---------------------------------------------------------------------------


def test_the_scheduler_runs_the_check_as_a_periodic_job(late, office_people):
    job = JOBS_BY_NAME["complaints_overdue_check"]
    assert job.every == dt.timedelta(minutes=15)
    with time_machine.travel(OVERDUE, tick=False):
        assert scheduler_run_due(jobs=[job]) == ["complaints_overdue_check"]
    assert told(ALERT) == sorted(office_people)


def test_the_command_and_the_task(office, late, office_people):
    from paspor.complaints.tasks import complaints_overdue_check_task

    with time_machine.travel(OVERDUE, tick=False):
        assert complaints_overdue_check_task.enqueue().return_value == 1
    assert told(ALERT) == sorted(office_people)
    with time_machine.travel("2026-03-03 09:00 +07:00", tick=False):
        submit(office)  # due Tuesday 10 March
    out = io.StringIO()
    with time_machine.travel("2026-03-11 08:00 +07:00", tick=False):
        call_command("complaints_overdue_check", stdout=out)
    assert out.getvalue().strip() == "pengaduan lewat batas waktu diberitahukan: 1"
    assert len(told(ALERT)) == 4


def test_an_office_with_nobody_to_tell_is_told_once_someone_is_there(
    office, late, head_of_office, supervisor
):
    # Neither the head nor the supervisor has an e-mail address yet.
    assert check_at(OVERDUE) == 0
    late.refresh_from_db()
    assert late.overdue_alerted_at is None
    assert not AuditEntry.objects.filter(event="complaint.overdue_alerted").exists()
    supervisor.email = "ks@ex.com"
    supervisor.save(update_fields=["email"])
    assert check_at("2026-03-10 00:15 +07:00") == 1
    assert told(ALERT) == ["ks@ex.com"]


# --- Headquarters answers in the office's place ------------------------------------------------


def test_the_office_is_told_what_headquarters_answered(
    client_for, late, hq_user, office_people, django_capture_on_commit_callbacks
):
    hq_user.first_name, hq_user.last_name = "Rina", "Ditjen"
    hq_user.save(update_fields=["first_name", "last_name"])
    with (
        time_machine.travel("2026-03-11 10:00 +07:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(hq_user).post(
            detail_url(late), {"response": "Kantor pusat menindaklanjuti."}
        )
    assert response.status_code == 302
    assert told(HQ_ANSWER) == sorted(office_people)
    notices = {email.to[0]: email for email in mail.outbox}
    assert set(notices) == {"warga@example.com", *office_people}  # and the complainant
    notice = notices["kakanim@example.com"]
    assert notice.subject == f"Kantor pusat menanggapi pengaduan {late.tracking_code}"
    assert "Kantor pusat (Rina Ditjen) telah menanggapinya" in notice.body
    assert "Kantor pusat menindaklanjuti." in notice.body and "9 Maret 2026" in notice.body
    assert detail_url(late) in notice.body
    entry = AuditEntry.objects.get(event="complaint.hq_answer_notified")
    assert entry.actor == hq_user and entry.subject_id == str(late.pk)
    assert entry.chain == "ketapang" and entry.new == {"notified": ["kakanim", "kasubsi"]}


def test_an_office_answer_sends_the_office_no_notice(late, supervisor, office_people):
    with time_machine.travel("2026-03-11 10:00 +07:00", tick=False):
        complaint_respond(complaint=late, response="Maaf terlambat.", by=supervisor)
    assert not Message.objects.filter(template=HQ_ANSWER).exists()
    assert not AuditEntry.objects.filter(event="complaint.hq_answer_notified").exists()
    assert told("complaint_answered") == ["warga@example.com"]


def test_a_headquarters_answer_that_rolls_back_tells_nobody(
    late, hq_user, office_people, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        complaint_respond(
            complaint=late,
            response="Kantor pusat menindaklanjuti.",
            by=hq_user,
            responder=ComplaintResponder.HEADQUARTERS,
        )
        assert told(HQ_ANSWER) == sorted(office_people)  # queued with the answer ...
        raise RuntimeError("the request fails after the answer")
    assert not Message.objects.filter(template=HQ_ANSWER).exists()  # ... and gone with it
    assert mail.outbox == []
    late.refresh_from_db()
    assert late.status == "open"


def test_the_office_notice_is_in_each_readers_language(
    late, hq_user, head_of_office, office_people
):
    ChannelPreference.objects.create(
        user=head_of_office, channel=Channel.EMAIL, language=Language.ENGLISH
    )
    complaint_respond(
        complaint=late, response="Sudah.", by=hq_user, responder=ComplaintResponder.HEADQUARTERS
    )
    english = Message.objects.get(template=HQ_ANSWER, recipient=head_of_office)
    assert english.language == "en" and english.context["response"] == "Sudah."
    assert english.context["answered_by"] == "ditjen"


def test_the_upgrade_marks_the_backlog_so_it_is_not_e_mailed_at_once(office, office_people):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    backlog_marked = importlib.import_module(
        "paspor.complaints.migrations.0006_overdue_backlog_not_alerted"
    ).backlog_marked
    with time_machine.travel(RECEIVED, tick=False):
        old = submit(office)  # due 9 March
    with time_machine.travel("2026-03-09 09:00 +07:00", tick=False):
        fresh = submit(office)  # due 16 March
    with time_machine.travel("2026-03-11 10:00 +07:00", tick=False):
        backlog_marked(apps, SimpleNamespace(connection=connection))
        assert complaints_overdue_check() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.overdue_alerted_at is not None and fresh.overdue_alerted_at is None
    assert told(ALERT) == []
    # A complaint that passes its deadline after the upgrade is e-mailed as usual.
    assert check_at("2026-03-17 00:00 +07:00") == 1
    assert told(ALERT) == sorted(office_people)
