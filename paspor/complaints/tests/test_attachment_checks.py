"""A complaint's attachments must open for the staff who read them: not cut off, not an image
of more pixels than allowed (refused before it is decoded), and named with their extension."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from paspor.complaints.models import Complaint, ComplaintCategory
from paspor.complaints.services import attachment_name, complaint_submit
from paspor.complaints.tests.conftest import PDF, image
from paspor.lib.errors import DomainError
from paspor.lib.tests.test_image_limits import bomb_png

pytestmark = pytest.mark.django_db


def submit(office, *files):
    return complaint_submit(
        office=office,
        category=ComplaintCategory.OTHER,
        body="Lampiran terlampir.",
        files=list(files),
        ip="10.2.2.2",
    )


@pytest.mark.parametrize(
    "data", [b"\xff\xd8\xff", b"%PDF-", image(".png")[:60], PDF[:20], b"%PDF-1.7<html></html>"]
)
def test_a_cut_off_attachment_is_refused_by_name(office, data):
    with pytest.raises(DomainError) as refused:
        submit(office, SimpleUploadedFile("bukti.pdf", data))
    assert refused.value.message == (
        "Lampiran bukti.pdf: Berkas rusak atau tidak lengkap; pindai ulang."
    )
    assert not Complaint.objects.exists()


def test_an_image_claiming_a_gigapixel_is_refused(office):
    with pytest.raises(DomainError, match=r"Lampiran foto\.png: Gambar terlalu besar"):
        submit(office, SimpleUploadedFile("foto.png", bomb_png()))
    assert not Complaint.objects.exists()


def test_a_long_name_is_shortened_with_its_extension_kept(office):
    name = "surat-" + "a" * 300 + ".pdf"
    complaint = submit(office, SimpleUploadedFile(name, PDF))
    kept = complaint.attachments.get().original_name
    assert len(kept) == 200 and kept.endswith("aaa.pdf") and kept.startswith("surat-")


def test_a_name_without_an_extension_is_only_cut():
    assert attachment_name("a" * 300) == "a" * 200
    assert attachment_name("pendek.jpg") == "pendek.jpg"
