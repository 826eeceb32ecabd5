"""The booking proof PDF: a value too long for its column continues on the next line, inside
the page's margin and clear of the QR code, instead of being cut off."""

import itertools

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from paspor.booking.pdf import proof_pdf
from paspor.payments.tests.factories import record_drawing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

ADDRESS = "Jalan Letnan Jenderal Soeprapto Nomor 127, Kelurahan Sampit, Kecamatan Delta Pawan"


@pytest.fixture
def far_office(office):
    office.address = ADDRESS
    office.city = "Kabupaten Ketapang"
    office.province = "Kalimantan Barat"
    office.save(update_fields=["address", "city", "province"])
    return office


def test_a_long_office_address_is_printed_whole_on_further_lines(far_office, booking, monkeypatch):
    booking.refresh_from_db()
    drawn = record_drawing(monkeypatch)
    proof_pdf(booking)
    start = next(i for i, d in enumerate(drawn) if d.text.startswith("Jalan Letnan"))
    end = next(i for i, d in enumerate(drawn) if d.text == "Dokumen ASLI yang wajib dibawa")
    lines = drawn[start:end]
    assert " ".join(d.text for d in lines) == f"{ADDRESS}, Kabupaten Ketapang, Kalimantan Barat"
    assert len(lines) > 1 and len({d.left for d in lines}) == 1
    assert all(above.y - below.y >= 4 * mm for above, below in itertools.pairwise(lines))


def test_nothing_on_the_proof_runs_past_the_margin_or_into_the_qr_code(
    far_office, booking, monkeypatch
):
    booking.refresh_from_db()
    booking.profile.full_name = "Raden Ajeng Kusumawardhani Setyaningrum Prameswari Hadiningrat"
    drawn = record_drawing(monkeypatch)
    proof_pdf(booking)
    width, height = A4
    qr_left, qr_bottom, qr_top = width - 70 * mm, height - 75 * mm, height - 25 * mm
    for d in drawn:
        assert d.right <= width - 20 * mm + 0.5, d.text
        beside_qr = qr_bottom - 3 * mm < d.y < qr_top
        assert not (beside_qr and d.right > qr_left), d.text
    assert any("Hadiningrat" in d.text for d in drawn)
