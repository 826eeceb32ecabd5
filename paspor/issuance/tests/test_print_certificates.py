"""Printing and quality control are certified work, like the stations at the counters.

A print/QC officer prints (allocates a booklet, confirms the print, records a booklet spoiled
while printing) only with a printing certificate valid today, and checks a printed passport
(and releases it for pickup) only with a quality-control certificate valid today. The pages
say so before the officer tries and offer no button; a submission is refused with 403 naming
the missing certificate, and nothing is written. An officer of another office finds nothing.
"""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Certification, Role
from paspor.cases.certification import NotCertified
from paspor.cases.models import CaseStatus
from paspor.issuance.models import Booklet, BookletStatus, Passport, PassportStatus, QualityCheck
from paspor.issuance.selectors import qc_officers
from paspor.issuance.services import (
    passport_mark_ready,
    print_confirm,
    print_spoil,
    print_start,
)
from paspor.issuance.tests.conftest import (
    PRINT_AND_QC,
    PRINTING,
    QUALITY_CONTROL,
    make_paid_case,
)
from paspor.issuance.tests.helpers import qc
from paspor.offices.models import StationType
from paspor.offices.readiness import office_readiness

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "stock")]

NO_PRINTING = "Anda belum memiliki sertifikat Pencetakan paspor"
NO_QC = "Anda belum memiliki sertifikat Kendali mutu paspor"


@pytest.fixture
def uncertified(office):
    """A print/QC officer of the office who holds neither certificate yet."""
    return make_user("cetak_baru", role=Role.PRINT_QC, office=office)


@pytest.fixture
def printer_only(office):
    """Certified to print, not to check."""
    return make_user("cetak_saja", role=Role.PRINT_QC, office=office, stations=PRINTING)


@pytest.fixture
def other_office_printer(other_office):
    return make_user(
        "cetak_pontianak", role=Role.PRINT_QC, office=other_office, stations=PRINT_AND_QC
    )


@pytest.fixture
def printing(paid_case, printer):
    return print_start(case=paid_case, by=printer)


@pytest.fixture
def printed(printing, printer):
    return print_confirm(passport=printing, by=printer)


@pytest.fixture
def passed(printed, checker):
    qc(printed, checker)
    printed.refresh_from_db()
    return printed


def url(name, **kwargs):
    return reverse(f"issuance:{name}", kwargs={"office": "ketapang", **kwargs})


def page_of(client, name, **kwargs):
    return client.get(url(name, **kwargs)).content.decode()


def _nothing_allocated(case):
    case.refresh_from_db()
    assert case.status == CaseStatus.PAID and not Passport.objects.filter(case=case).exists()
    assert not Booklet.objects.exclude(status=BookletStatus.IN_STOCK).exists()


# --- Printing ----------------------------------------------------------------------------------


def test_an_officer_without_a_printing_certificate_allocates_no_booklet(paid_case, uncertified):
    with pytest.raises(NotCertified) as refused:
        print_start(case=paid_case, by=uncertified)
    assert refused.value.status == 403 and refused.value.code == "not_certified"
    assert refused.value.message.startswith(NO_PRINTING)
    _nothing_allocated(paid_case)


def test_the_print_pages_say_so_and_offer_no_button(client_for, paid_case, uncertified):
    client = client_for(uncertified)
    queue = page_of(client, "print_queue")
    assert 'id="not-certified"' in queue and NO_PRINTING in queue
    page = page_of(client, "print_case", code=paid_case.code)
    assert 'id="not-certified"' in page and NO_PRINTING in page
    assert 'id="start-print"' not in page

    answer = client.post(url("print_start", code=paid_case.code))
    assert answer.status_code == 403 and NO_PRINTING in answer.content.decode()
    _nothing_allocated(paid_case)


def test_a_certified_printer_is_told_nothing(client_for, paid_case, printer):
    page = page_of(client_for(printer), "print_case", code=paid_case.code)
    assert 'id="not-certified"' not in page and 'id="start-print"' in page


def test_an_officer_whose_printing_certificate_expired_is_told_its_number_and_end(
    client_for, paid_case, printer
):
    Certification.objects.filter(user=printer, station_type=StationType.PRINTING).update(
        issued_on=dt.date(2023, 1, 1), expires_on=dt.date(2026, 3, 16)
    )
    with pytest.raises(NotCertified) as refused:
        print_start(case=paid_case, by=printer)
    assert "Sertifikat Pencetakan paspor Anda (nomor C-petugas_cetak-printing)" in (
        refused.value.message
    )
    assert "berakhir 16 Maret 2026" in refused.value.message
    answer = client_for(printer).post(url("print_start", code=paid_case.code))
    assert answer.status_code == 403 and "C-petugas_cetak-printing" in answer.content.decode()
    _nothing_allocated(paid_case)


def test_only_a_certified_printer_confirms_or_spoils_a_print(
    client_for, printing, uncertified, checker
):
    code = printing.case.code
    with pytest.raises(NotCertified):
        print_confirm(passport=printing, by=uncertified)
    with pytest.raises(NotCertified):
        print_spoil(passport=printing, by=uncertified, witness=checker, reason="Tinta luntur")

    client = client_for(uncertified)
    page = page_of(client, "print_case", code=code)
    assert 'id="confirm-print"' not in page and 'id="spoil-print"' not in page
    confirmed = client.post(url("print_confirm", code=code))
    assert confirmed.status_code == 403 and NO_PRINTING in confirmed.content.decode()
    spoiled = client.post(
        url("print_spoil", code=code), {"witness": checker.pk, "reason": "Tinta luntur"}
    )
    assert spoiled.status_code == 403 and NO_PRINTING in spoiled.content.decode()
    printing.refresh_from_db()
    assert printing.status == PassportStatus.PRINTING
    assert printing.booklet.status == BookletStatus.ALLOCATED


# --- Quality control ---------------------------------------------------------------------------


def test_an_officer_without_a_quality_control_certificate_checks_nothing(
    client_for, printed, printer_only
):
    with pytest.raises(NotCertified) as refused:
        qc(printed, printer_only)
    assert refused.value.message.startswith(NO_QC)

    client = client_for(printer_only)
    queue = page_of(client, "qc_queue")
    assert 'id="not-certified"' in queue and NO_QC in queue
    page = page_of(client, "qc_check", number=printed.passport_number)
    assert 'id="not-certified"' in page and NO_QC in page
    assert 'id="qc-pass"' not in page
    answer = client.post(
        url("qc_submit", number=printed.passport_number),
        {
            "data_matches": "on",
            "photo_ok": "on",
            "mrz_line1": printed.mrz_line1,
            "mrz_line2": printed.mrz_line2,
            "decision": "pass",
        },
    )
    assert answer.status_code == 403 and NO_QC in answer.content.decode()
    printed.refresh_from_db()
    assert printed.status == PassportStatus.PRINTED and not QualityCheck.objects.exists()


def test_only_a_certified_checker_releases_a_passport_for_pickup(client_for, passed, printer_only):
    number = passed.passport_number
    with pytest.raises(NotCertified):
        passport_mark_ready(passport=passed, by=printer_only)
    client = client_for(printer_only)
    assert f'id="ready-{number}"' not in page_of(client, "qc_queue")
    answer = client.post(url("mark_ready", number=number))
    assert answer.status_code == 403 and NO_QC in answer.content.decode()
    passed.refresh_from_db()
    assert passed.status == PassportStatus.QC_PASSED


def test_the_officers_named_for_quality_control_hold_a_valid_certificate(
    printed, checker, printer_only, uncertified
):
    assert list(qc_officers(printed)) == [checker]
    Certification.objects.filter(user=checker, station_type=StationType.QUALITY_CONTROL).update(
        expires_on=dt.date(2026, 3, 16)
    )
    assert list(qc_officers(printed)) == []


# --- Another office ----------------------------------------------------------------------------


def test_an_officer_of_another_office_finds_nothing_to_print_or_check(
    client_for, paid_case, printed, other_office_printer
):
    client = client_for(other_office_printer)
    assert client.get(url("print_case", code=paid_case.code)).status_code == 404
    assert client.post(url("print_start", code=paid_case.code)).status_code == 404
    assert client.post(url("print_confirm", code=paid_case.code)).status_code == 404
    number = printed.passport_number
    assert client.get(url("qc_check", number=number)).status_code == 404
    assert client.post(url("qc_submit", number=number), {}).status_code == 404
    assert client.post(url("mark_ready", number=number)).status_code == 404


def test_a_certificate_does_not_open_another_office_s_printing(
    office, intake_officer, other_office_printer
):
    case = make_paid_case(office, intake_officer, nik="6104015708900077")
    with pytest.raises(NotCertified) as refused:
        print_start(case=case, by=other_office_printer)
    assert refused.value.message == (
        "Peran Anda di kantor ini tidak mengerjakan pos Pencetakan paspor."
    )
    _nothing_allocated(case)


# --- Setting up the office --------------------------------------------------------


def _print_qc_step(office):
    (step,) = [s for s in office_readiness(office).steps if s.key == "print_qc"]
    return step


def test_the_office_is_ready_to_print_only_with_a_certified_printer_and_another_checker(
    other_office,
):
    office = other_office  # no print/QC officer yet
    make_user("cetak_a", role=Role.PRINT_QC, office=office)
    make_user("cetak_b", role=Role.PRINT_QC, office=office)
    step = _print_qc_step(office)
    assert not step.done and not step.blocking
    assert "Pencetakan paspor" in step.missing and "Kendali mutu paspor" in step.missing

    both = make_user("cetak_c", role=Role.PRINT_QC, office=office, stations=PRINT_AND_QC)
    assert not _print_qc_step(office).done  # one person cannot check their own print
    make_user("cetak_d", role=Role.PRINT_QC, office=office, stations=QUALITY_CONTROL)
    assert _print_qc_step(office).done
    assert both.certifications.count() == 2


def test_the_administrator_grants_printing_and_quality_control_certificates(client_for, admin_user):
    page = client_for(admin_user).get("/admin/accounts/certification/add/").content.decode()
    assert '<option value="printing">Pencetakan paspor</option>' in page
    assert '<option value="quality_control">Kendali mutu paspor</option>' in page
    listing = client_for(admin_user).get("/admin/accounts/certification/").content.decode()
    assert "station_type__exact=quality_control" in listing  # the list's filter


def test_printing_and_quality_control_are_no_counter_station(client_for, admin_user):
    # Back-office work: no station, counter or service route of an office offers them.
    client = client_for(admin_user)
    for path in (
        "/admin/offices/station/add/",
        "/admin/offices/counter/add/",
        "/admin/offices/officeservice/add/",
    ):
        page = client.get(path).content.decode()
        assert 'value="intake"' in page, path
        assert 'value="printing"' not in page and 'value="quality_control"' not in page, path
