"""Retention: scans, photos and biometrics of closed cases go; the record and the audit stay."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from paspor.audit.models import AuditEntry
from paspor.cases import intake
from paspor.cases.models import CasePhoto, CaseScan, CaseStatus, Fingerprint, Signature
from paspor.cases.retention import case_files_purge, retention_due, retention_run
from paspor.cases.services import case_transition
from paspor.cases.tests.conftest import case_at, finish_biometrics, finish_intake, open_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def closed_case(office, intake_officer, biometrics_officer, supervisor):
    case = open_case(office, intake_officer)
    intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=PDF)
    case = finish_biometrics(finish_intake(case, intake_officer), biometrics_officer)
    return case_transition(case=case, to=CaseStatus.CANCELLED, by=supervisor, reason="uji")


def stored_names(case) -> list[str]:
    names = [s.file.name for s in CaseScan.objects.filter(case=case)]
    for photo in CasePhoto.objects.filter(case=case):
        names += [photo.original.name, photo.thumbnail.name, photo.print_version.name]
    names += [f.image.name for f in Fingerprint.objects.filter(case=case)]
    names += [s.image.name for s in Signature.objects.filter(case=case)]
    return [n for n in names if n]


def test_files_of_a_closed_case_go_after_the_period_and_the_record_stays(
    closed_case, settings, django_capture_on_commit_callbacks
):
    settings.PASPOR_RETENTION_DAYS = 730
    storage = CaseScan._meta.get_field("file").storage
    names = stored_names(closed_case)
    assert len(names) == 1 + 3 + 4 + 1 and all(storage.exists(n) for n in names)

    with time_machine.travel(timezone.now() + dt.timedelta(days=729)):
        assert retention_run() == []  # not yet
    with (
        time_machine.travel(timezone.now() + dt.timedelta(days=731)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (purged,) = retention_run()
    assert (purged.scans, purged.photos, purged.fingerprints, purged.signatures) == (1, 1, 4, 1)
    assert not any(storage.exists(n) for n in names)
    closed_case.refresh_from_db()
    assert closed_case.files_purged_at is not None
    assert closed_case.status == CaseStatus.CANCELLED
    event = closed_case.events.get(kind="retention_purge")
    assert (
        event.data["scans"][0]["document"] == "ktp" and len(event.data["scans"][0]["sha256"]) == 64
    )
    audit = AuditEntry.objects.get(event="case.files_purged")
    assert audit.new["fingerprints"] == 4
    assert closed_case.events.filter(kind="transition").exists()  # the timeline is kept


def test_a_case_still_in_progress_keeps_its_files_however_old(
    office, intake_officer, biometrics_officer
):
    case = case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    with time_machine.travel(timezone.now() + dt.timedelta(days=4000)):
        assert list(retention_due()) == []
        assert case_files_purge(case=case).total == 0
    assert Fingerprint.objects.filter(case=case).count() == 4


def test_purging_twice_deletes_nothing_more(closed_case):
    assert case_files_purge(case=closed_case).total == 7
    assert case_files_purge(case=closed_case).total == 0
    assert AuditEntry.objects.filter(event="case.files_purged").count() == 1


def test_the_command_lists_then_purges(closed_case):
    later = timezone.now() + dt.timedelta(days=31)
    with time_machine.travel(later):
        out = io.StringIO()
        call_command("cases_purge_expired", "--days", "30", "--dry-run", stdout=out)
        assert closed_case.code in out.getvalue()
        assert Fingerprint.objects.filter(case=closed_case).count() == 4
        call_command("cases_purge_expired", "--days", "30", stdout=out)
    assert "1 permohonan diproses; 7 berkas pribadi dihapus" in out.getvalue()
    assert not Fingerprint.objects.filter(case=closed_case).exists()
