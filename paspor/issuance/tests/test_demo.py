import io

import pytest
from django.core.management import call_command

from conftest import make_user
from paspor.accounts.models import Certification, Role, StaffAssignment
from paspor.issuance.demo import seed_issuance_demo
from paspor.issuance.models import Booklet, BookletKind, PassportStatus
from paspor.issuance.selectors import available_booklets
from paspor.issuance.services import passport_mark_ready, print_confirm, print_start
from paspor.issuance.tests.conftest import PRINT_AND_QC, make_paid_case
from paspor.issuance.tests.helpers import qc
from paspor.offices.models import StationType


@pytest.mark.django_db
def test_demo_stock_is_seeded_once(office):
    make_user("cetak", role=Role.PRINT_QC, office=office)
    seed_issuance_demo(office)
    seed_issuance_demo(office)
    assert available_booklets(office, BookletKind.ELECTRONIC) == 200
    assert Booklet.objects.count() == 300


@pytest.mark.django_db
def test_the_demo_office_has_a_second_officer_for_quality_control():
    # Quality control is four-eyes: what `cetak` prints, another print/QC officer checks.
    out = io.StringIO()
    call_command("seed_demo", "--no-history", stdout=out)
    printers = set(
        StaffAssignment.objects.filter(office__code="ketapang", role=Role.PRINT_QC).values_list(
            "user__username", flat=True
        )
    )
    assert {"cetak", "cetak2"} <= printers
    login_lines = [line.split() for line in out.getvalue().splitlines()]
    assert ["cetak2", *str(Role.PRINT_QC.label).split()] in login_lines

    cetak = StaffAssignment.objects.get(user__username="cetak", role=Role.PRINT_QC).user
    office = StaffAssignment.objects.get(user__username="cetak", role=Role.PRINT_QC).office
    loket = StaffAssignment.objects.get(user__username="loket").user
    case = make_paid_case(office, loket, nik="6104015708900099")
    passport = print_confirm(passport=print_start(case=case, by=cetak), by=cetak)
    from paspor.issuance.selectors import qc_officers

    assert [user.username for user in qc_officers(passport)] == ["cetak2"]


@pytest.mark.django_db
def test_the_demo_print_officers_hold_both_certificates_and_check_each_other():
    call_command("seed_demo", "--no-history", stdout=io.StringIO())
    for username in ("cetak", "cetak2"):
        held = set(
            Certification.objects.filter(user__username=username).values_list(
                "station_type", flat=True
            )
        )
        assert held == {StationType.PRINTING, StationType.QUALITY_CONTROL}
    supervisor = Certification.objects.filter(user__username="supervisor")
    assert not supervisor.filter(station_type__in=PRINT_AND_QC).exists()

    cetak, cetak2 = (
        StaffAssignment.objects.get(user__username=name, role=Role.PRINT_QC).user
        for name in ("cetak", "cetak2")
    )
    office = StaffAssignment.objects.get(user__username="cetak").office
    loket = StaffAssignment.objects.get(user__username="loket").user
    case = make_paid_case(office, loket, nik="6104015708900098")
    passport = print_confirm(passport=print_start(case=case, by=cetak2), by=cetak2)
    qc(passport, cetak)
    passport.refresh_from_db()
    assert passport_mark_ready(passport=passport, by=cetak).status == PassportStatus.READY
