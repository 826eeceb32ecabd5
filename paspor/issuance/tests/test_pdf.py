"""The data-page preview: photo, data, MRZ in a monospaced face, SPECIMEN outside production."""

import datetime as dt
import shutil
import subprocess

import pytest
import time_machine

from paspor.issuance.pdf import data_page_pdf, mrz_font
from paspor.issuance.photos import case_print_photo
from paspor.issuance.services import print_start
from paspor.issuance.tests.conftest import make_paid_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport(stock, paid_case, printer):
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        return print_start(case=paid_case, by=printer)


def test_the_preview_carries_the_data_and_the_mrz(passport):
    pdf = data_page_pdf(passport)
    assert pdf.startswith(b"%PDF")
    assert passport.mrz_line1.encode().replace(b"<", b"") in pdf.replace(b"<", b"")
    for text in (b"C1000001", b"SITI AMINAH", b"17 MAR 2036", b"SPECIMEN", b"Courier-Bold"):
        assert text in pdf


@pytest.mark.parametrize(
    ("full_name", "shown", "dropped"),
    [
        ("Dr. H. Ahmad Fauzi, S.H., M.M.", b"AHMAD FAUZI", (b"DR.", b"S.H.", b"M.M.")),
        ("Ir Sutami", b"SUTAMI", (b"IR SUTAMI",)),
        ("Rina Wati, S.Kep., Ns.", b"RINA WATI", (b"S.KEP", b"NS.")),
    ],
)
def test_the_visual_zone_names_the_holder_as_the_mrz_does(
    stock, office, intake_officer, printer, full_name, shown, dropped
):
    # Doc 9303 part 3 §4.6: titles and degrees are not part of the name; both zones agree.
    case = make_paid_case(office, intake_officer, full_name=full_name)
    with time_machine.travel(dt.datetime(2026, 3, 17, 3, 0, tzinfo=dt.UTC), tick=False):
        passport = print_start(case=case, by=printer)
    pdf = data_page_pdf(passport)
    assert shown in pdf
    primary, _, secondary = passport.mrz_line1[5:].rstrip("<").partition("<<")
    assert f"{secondary} {primary}".replace("<", " ").strip() == shown.decode()
    for text in dropped:
        assert text not in pdf


def test_no_specimen_watermark_in_production(passport, settings):
    settings.PRODUCTION = True
    assert b"SPECIMEN" not in data_page_pdf(passport)


def test_a_missing_photo_shows_a_placeholder(passport):
    assert case_print_photo(passport.case) is None  # the cases app has no photo for it
    pdf = data_page_pdf(passport)
    # In both languages, as the page's labels.
    assert b"FOTO / PHOTO" in pdf and b"belum tersedia /" in pdf and b"not yet available" in pdf


def test_an_unusable_mrz_font_falls_back_to_courier(settings):
    settings.ISSUANCE = {"mrz_font_path": "/nonexistent/OCRB.ttf"}
    assert mrz_font() == "Courier-Bold"


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed"
)
def test_the_preview_renders_to_an_image_with_ink_in_the_mrz_band(passport, tmp_path):
    import cv2

    source = tmp_path / "page.pdf"
    source.write_bytes(data_page_pdf(passport))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    image = cv2.imread(str(tmp_path / "page.png"), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    height, width = image.shape
    assert abs(width / height - 125 / 88) < 0.02  # a TD3 data page
    mrz_band = image[int(height * 0.75) :, :]
    assert (mrz_band < 80).mean() > 0.02  # black MRZ characters on the white band


def test_the_print_photo_from_the_cases_app_is_drawn(passport, monkeypatch, tmp_path):
    import cv2
    import numpy as np

    face = np.full((240, 180, 3), 245, dtype=np.uint8)
    cv2.ellipse(face, (90, 110), (50, 65), 0, 0, 360, (150, 180, 210), -1)
    cv2.rectangle(face, (30, 190), (150, 240), (90, 60, 40), -1)
    ok, png = cv2.imencode(".png", face)
    assert ok
    monkeypatch.setattr("paspor.issuance.pdf.case_print_photo", lambda case: png.tobytes())
    pdf = data_page_pdf(passport)
    assert b"/Subtype /Image" in pdf and b"belum tersedia" not in pdf
    (tmp_path / "with-photo.pdf").write_bytes(pdf)


def test_the_accepted_photo_of_the_case_is_the_data_page_photo(
    passport, printer, tmp_path, settings
):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from paspor.cases.models import CasePhoto

    settings.MEDIA_ROOT = tmp_path
    jpeg = b"\xff\xd8\xff\xe0" + b"foto" * 10
    photo = CasePhoto(
        case=passport.case,
        source="upload",
        report=[],
        passed=True,
        uploaded_by=printer,
        uploaded_at=timezone.now(),
        accepted_by=printer,
        accepted_at=timezone.now(),
    )
    for field in ("original", "thumbnail", "print_version"):
        getattr(photo, field).save(f"{field}.jpg", ContentFile(jpeg), save=False)
    photo.save()
    assert case_print_photo(passport.case) == jpeg
