"""Personal files and their rows live and die together: a failed step leaves no file behind.

A service writes the sealed file before the row naming it is committed. Without care, a failure
after the write (the audit row, the case event, the message, the commit) rolls the row back and
keeps the file, which no page and no retention purge would ever reach again.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from paspor.cases import biometrics, intake
from paspor.cases.models import CasePhoto, CaseScan, Fingerprint, Signature
from paspor.cases.storage import case_files
from paspor.cases.tests.conftest import good_photo_jpeg, open_case, signature_png
from paspor.lib.storage import files_undone_on_failure, personal_files_sweep

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Crash(Exception):
    pass


def files_on_disk() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def crash_at_the_audit_row(module):
    return mock.patch.object(module, "audit_record", side_effect=Crash("database gone"))


def test_a_photo_whose_step_fails_leaves_no_file(at_biometrics, biometrics_officer):
    with crash_at_the_audit_row(biometrics), pytest.raises(Crash):
        biometrics.case_photo_add(
            case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
        )
    assert not CasePhoto.objects.filter(case=at_biometrics).exists()
    assert files_on_disk() == set()


def test_fingerprints_whose_step_fails_leave_no_image(at_biometrics, biometrics_officer):
    with crash_at_the_audit_row(biometrics), pytest.raises(Crash):
        biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    assert not Fingerprint.objects.filter(case=at_biometrics).exists()
    assert files_on_disk() == set()


def test_a_signature_whose_step_fails_leaves_no_file(at_biometrics, biometrics_officer):
    with crash_at_the_audit_row(biometrics), pytest.raises(Crash):
        biometrics.case_signature_add(
            case=at_biometrics, by=biometrics_officer, data=signature_png(), source="pad"
        )
    assert not Signature.objects.filter(case=at_biometrics).exists()
    assert files_on_disk() == set()


def test_a_scan_whose_step_fails_leaves_no_file(office, intake_officer):
    case = open_case(office, intake_officer)
    with crash_at_the_audit_row(intake), pytest.raises(Crash):
        intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=PDF)
    assert not CaseScan.objects.filter(case=case).exists()
    assert files_on_disk() == set()


def test_a_complaint_whose_message_fails_leaves_no_attachment(office):
    from paspor.complaints import services as complaints
    from paspor.complaints.models import Complaint, ComplaintCategory

    upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    with (
        mock.patch.object(complaints, "notify_person", side_effect=Crash("outbox gone")),
        pytest.raises(Crash),
    ):
        complaints.complaint_submit(
            office=office,
            category=ComplaintCategory.SERVICE,
            body="Antrean tidak bergerak satu jam.",
            email="warga@example.com",
            files=[upload],
        )
    assert not Complaint.objects.exists()
    assert files_on_disk() == set()


def test_a_step_that_succeeds_keeps_its_files(at_biometrics, biometrics_officer):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    names = {photo.original.name, photo.thumbnail.name, photo.print_version.name}
    assert files_on_disk() == names


def test_files_of_an_inner_block_go_when_the_outer_block_fails():
    with pytest.raises(Crash), files_undone_on_failure():
        with files_undone_on_failure():
            inner = case_files.save("cases/X/inner.bin", SimpleUploadedFile("a", b"inner"))
        assert files_on_disk() == {inner}
        raise Crash("later step")
    assert files_on_disk() == set()


def test_a_retaken_fingerprint_replaces_the_earlier_image_on_commit(
    at_biometrics, biometrics_officer, django_capture_on_commit_callbacks
):
    first = biometrics.case_fingerprints_capture(case=at_biometrics, by=biometrics_officer)
    earlier = {str(row.image.name) for row in first}
    with django_capture_on_commit_callbacks(execute=True):
        again = biometrics.case_fingerprints_capture(
            case=at_biometrics, by=biometrics_officer, fingers=["right_thumb"]
        )
    kept = earlier - {name for name in earlier if "right_thumb" in name}
    assert files_on_disk() == kept | {again[0].image.name}
    assert again[0].image.name not in earlier


def _age(name: str, hours: float) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    past = path.stat().st_mtime - hours * 3600
    os.utime(path, (past, past))


def test_the_sweep_deletes_only_old_files_that_no_row_names(at_biometrics, biometrics_officer):
    photo = biometrics.case_photo_add(
        case=at_biometrics, by=biometrics_officer, data=good_photo_jpeg(), source="upload"
    )
    named = {str(f.name) for f in (photo.original, photo.thumbnail, photo.print_version)}
    orphan = case_files.save("cases/X/left-by-a-killed-request.jpg", SimpleUploadedFile("o", b"o"))
    young = case_files.save("cases/X/row-still-committing.jpg", SimpleUploadedFile("y", b"y"))
    for name in (*named, orphan):
        _age(name, hours=30)
    day = dt.timedelta(hours=24)

    assert personal_files_sweep(older_than=day, dry_run=True) == [orphan]
    assert files_on_disk() == named | {orphan, young}
    assert personal_files_sweep(older_than=day) == [orphan]
    assert files_on_disk() == named | {young}


def test_the_sweep_command_reports_what_it_deleted(capsys):
    orphan = case_files.save("complaints/2026/12/X-1.pdf", SimpleUploadedFile("o", PDF))
    _age(orphan, hours=2)
    call_command("files_sweep", "--hours", "1", "--dry-run")
    assert f"1 berkas tanpa baris akan dihapus\n  {orphan}" in capsys.readouterr().out
    call_command("files_sweep", "--hours", "1")
    assert "files_sweep: 1 berkas tanpa baris dihapus" in capsys.readouterr().out
    assert files_on_disk() == set()
