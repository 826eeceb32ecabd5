"""Uploads at intake and at the biometrics station: an image claiming too many pixels is
refused on its header before it is decoded, a cut-off scan is refused, and the signature form
says why it refused a file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from paspor.cases import biometrics, intake
from paspor.cases.models import CasePhoto, CaseScan, Signature
from paspor.cases.tests.conftest import good_photo_jpeg, open_case, signature_png
from paspor.lib.errors import DomainError
from paspor.lib.tests.test_image_limits import bomb_png, no_decoding  # noqa: F401

pytestmark = pytest.mark.django_db
DAMAGED = "Berkas rusak atau tidak lengkap; pindai ulang."


def test_a_photo_claiming_a_gigapixel_is_refused_before_decoding(
    at_biometrics,
    biometrics_officer,
    no_decoding,  # noqa: F811
):
    with pytest.raises(DomainError, match="Gambar terlalu besar"):
        biometrics.case_photo_add(
            case=at_biometrics, by=biometrics_officer, data=bomb_png(), source="upload"
        )
    assert not CasePhoto.objects.exists()


def test_a_signature_claiming_a_gigapixel_is_refused_before_decoding(
    at_biometrics,
    biometrics_officer,
    no_decoding,  # noqa: F811
):
    with pytest.raises(DomainError, match="Gambar terlalu besar"):
        biometrics.case_signature_add(
            case=at_biometrics, by=biometrics_officer, data=bomb_png(), source="upload"
        )
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff",
        b"\x89PNG\r\n\x1a\n",
        b"%PDF-",
        good_photo_jpeg()[: len(good_photo_jpeg()) // 2],
        signature_png()[: len(signature_png()) // 2],
    ],
    ids=["jpeg-marker", "png-signature", "pdf-magic", "half-jpeg", "half-png"],
)
def test_a_cut_off_scan_is_refused(office, intake_officer, data):
    case = open_case(office, intake_officer)
    with pytest.raises(DomainError, match=DAMAGED):
        intake.case_scan_add(case=case, by=intake_officer, document_code="ktp", data=data)
    assert not CaseScan.objects.exists()


def test_a_whole_image_is_kept_as_a_scan(office, intake_officer):
    case = open_case(office, intake_officer)
    scan = intake.case_scan_add(
        case=case, by=intake_officer, document_code="ktp", data=signature_png()
    )
    assert scan.content_type == "image/png"


def test_an_empty_signature_file_says_why_on_the_page(
    at_biometrics, biometrics_officer, client_for
):
    url = reverse(
        "cases:step", args=[at_biometrics.office.code, at_biometrics.code, "tanda-tangan"]
    )
    empty = SimpleUploadedFile("a.png", b"", content_type="image/png")
    response = client_for(biometrics_officer).post(url, {"signature-file": empty})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_signature-file_error"' in page and "Berkas yang dikirimkan kosong." in page
    assert 'aria-describedby="id_signature-file_error"' in page
