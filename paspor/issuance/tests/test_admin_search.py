"""The admin's search box finds passports, cases, travel-ban entries, NIK blocks and bookings by
a whole NIK (matched exactly: the NIK is sealed at rest), and a text search still answers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from paspor.booking.models import NikBlock
from paspor.cases.models import TravelBanEntry
from paspor.issuance.services import print_start
from paspor.notifications.tests.factories import make_booking, make_profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NIK = "6104015708900001"  # the paid case's
SPACED = "6104 0157 0890 0001"
OTHER_NIK = "6104015708900002"


def search(client, changelist, term):
    return client.get(reverse(f"admin:{changelist}"), {"q": term})


def found(response, text):
    assert response.status_code == 200
    return text in response.content.decode()


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_a_printed_passport_is_found_by_its_holders_nik(admin_client, stock, paid_case, printer):
    passport = print_start(case=paid_case, by=printer)
    assert found(search(admin_client, "issuance_passport_changelist", SPACED), ">C1000001<")
    assert not found(search(admin_client, "issuance_passport_changelist", OTHER_NIK), ">C1000001<")
    assert found(search(admin_client, "issuance_passport_changelist", paid_case.code), ">C1000001<")
    assert passport.passport_number == "C1000001"


def test_a_case_is_found_by_nik_and_by_name(admin_client, paid_case):
    code = f">{paid_case.code}<"
    assert found(search(admin_client, "cases_case_changelist", NIK), code)
    assert found(search(admin_client, "cases_case_changelist", SPACED), code)
    assert found(search(admin_client, "cases_case_changelist", "Aminah"), code)
    assert not found(search(admin_client, "cases_case_changelist", OTHER_NIK), code)


def test_a_travel_ban_entry_is_found_by_nik_and_by_name(admin_client):
    TravelBanEntry.objects.create(full_name="Tono Sudirjo", nik=NIK, reason="Putusan pengadilan")
    changelist = "cases_travelbanentry_changelist"
    assert found(search(admin_client, changelist, SPACED), "Tono Sudirjo")
    assert found(search(admin_client, changelist, "sudirjo"), "Tono Sudirjo")
    assert not found(search(admin_client, changelist, OTHER_NIK), "Tono Sudirjo")


def test_a_nik_block_is_found_by_nik_and_by_case_code(admin_client):
    until = timezone.now() + dt.timedelta(days=30)
    NikBlock.objects.create(nik=NIK, until=until, reason="Absen 3 Maret", case_code="KTP-2026-1")
    changelist = "booking_nikblock_changelist"
    assert found(search(admin_client, changelist, SPACED), "Absen 3 Maret")
    assert found(search(admin_client, changelist, "KTP-2026"), "Absen 3 Maret")
    assert not found(search(admin_client, changelist, OTHER_NIK), "Absen 3 Maret")


def test_a_booking_is_found_by_nik_and_by_code(admin_client, office, applicant):
    booking = make_booking(office, make_profile(applicant, nik=NIK), code="BK777001")
    changelist = "booking_booking_changelist"
    assert found(search(admin_client, changelist, SPACED), ">BK777001<")
    assert found(search(admin_client, changelist, "bk777"), ">BK777001<")
    assert not found(search(admin_client, changelist, OTHER_NIK), ">BK777001<")
    assert booking.nik == NIK


def test_a_search_of_sixteen_other_digits_is_no_exact_nik(admin_client, paid_case):
    # Arabic-Indic digits are digits to Python's \d, never a NIK.
    response = search(admin_client, "cases_case_changelist", "٦١٠٤٠١٥٧٠٨٩٠٠٠٠١")
    assert not found(response, f">{paid_case.code}<")
