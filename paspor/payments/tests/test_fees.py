"""The fee rule (STANDARDS.md §4): passport by kind and validity, express, fines, by date."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest

from paspor.cases.types import ApplicationType, PassportKind
from paspor.lib.errors import Conflict
from paspor.payments.fees import PP_28_2019, bill_lines_for_case, fee_in_force, fine_kind_of
from paspor.payments.models import Fee, FeeItem

ON = dt.date(2026, 3, 2)


def case_like(**values):
    base = dict(
        application_type=ApplicationType.NEW_ADULT,
        passport_kind=PassportKind.ELECTRONIC,
        validity_years=10,
        express=False,
    )
    base.update(values)
    return SimpleNamespace(**base)


@pytest.mark.django_db
def test_the_data_migration_loads_the_pp_45_2024_schedule():
    amounts = {fee.item: fee.amount for fee in Fee.objects.all()}
    assert amounts == {
        "ordinary_5": 350_000,
        "ordinary_10": 650_000,
        "electronic_5": 650_000,
        "electronic_10": 950_000,
        "express": 1_000_000,
        "fine_lost": 1_000_000,
        "fine_damaged": 500_000,
    }
    assert all(fee.legal_basis for fee in Fee.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "expected_items", "total"),
    [
        (dict(passport_kind="ordinary", validity_years=5), ["ordinary_5"], 350_000),
        (dict(passport_kind="ordinary", validity_years=10), ["ordinary_10"], 650_000),
        (dict(passport_kind="electronic", validity_years=5), ["electronic_5"], 650_000),
        (dict(passport_kind="electronic", validity_years=10), ["electronic_10"], 950_000),
        (dict(express=True), ["electronic_10", "express"], 1_950_000),
        (
            dict(application_type=ApplicationType.LOST, passport_kind="ordinary", validity_years=5),
            ["ordinary_5", "fine_lost"],
            1_350_000,
        ),
        (
            dict(application_type=ApplicationType.DAMAGED),
            ["electronic_10", "fine_damaged"],
            1_450_000,
        ),
        (
            dict(application_type=ApplicationType.LOST, express=True),
            ["electronic_10", "express", "fine_lost"],
            2_950_000,
        ),
        (dict(application_type=ApplicationType.REPLACEMENT), ["electronic_10"], 950_000),
        (
            dict(application_type=ApplicationType.NEW_CHILD, validity_years=5),
            ["electronic_5"],
            650_000,
        ),
    ],
)
def test_bill_is_the_sum_of_the_fee_rows_that_apply(fees, values, expected_items, total):
    lines = bill_lines_for_case(case_like(**values), ON)
    assert [line.item for line in lines] == expected_items
    assert sum(line.amount for line in lines) == total
    assert all(isinstance(line.amount, int) for line in lines)


@pytest.mark.django_db
def test_loss_by_disaster_carries_no_fine(fees):
    case = case_like(application_type=ApplicationType.LOST, fine_waived_reason="Banjir Ketapang")
    assert [line.item for line in bill_lines_for_case(case, ON)] == ["electronic_10"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (dict(application_type=ApplicationType.LOST), "lost"),
        (dict(application_type=ApplicationType.DAMAGED), "damaged"),
        (dict(application_type=ApplicationType.NEW_ADULT), None),
        # A case that carries its own fine kind decides it (e.g. damaged found at intake).
        (dict(application_type=ApplicationType.REPLACEMENT, fine_kind="damaged"), "damaged"),
        (dict(application_type=ApplicationType.LOST, fine_kind="none"), "lost"),
        (dict(application_type=ApplicationType.DAMAGED, fine_waived_reason="Gempa"), None),
        (dict(application_type=ApplicationType.LOST, fine_waived_reason="  "), "lost"),
    ],
)
def test_fine_kind_comes_from_the_case_or_its_application_type(values, expected):
    assert fine_kind_of(case_like(**values)) == expected


@pytest.mark.django_db
def test_a_new_decree_applies_from_its_effective_date_only(fees):
    old = Fee.objects.get(item=FeeItem.EXPRESS)
    old.effective_to = dt.date(2026, 6, 30)
    old.save(update_fields=["effective_to"])
    Fee.objects.create(
        item=FeeItem.EXPRESS,
        amount=1_250_000,
        effective_from=dt.date(2026, 7, 1),
        legal_basis="PP uji",
    )
    assert fee_in_force(FeeItem.EXPRESS, dt.date(2026, 6, 30)).amount == 1_000_000
    assert fee_in_force(FeeItem.EXPRESS, dt.date(2026, 7, 1)).amount == 1_250_000


@pytest.mark.django_db
def test_a_date_without_a_fee_row_is_refused_with_a_reason(fees):
    with pytest.raises(Conflict) as refused:
        fee_in_force(FeeItem.ORDINARY_5, dt.date(2020, 1, 1))
    assert "belum ditetapkan" in refused.value.message


@pytest.mark.django_db
def test_overlapping_fee_periods_are_refused_in_the_admin_form(fees):
    from paspor.payments.admin import FeeForm

    form = FeeForm(
        data={
            "item": "express",
            "amount": 1,
            "effective_from": "2026-01-01",
            "effective_to": "",
            "legal_basis": "x",
        }
    )
    assert not form.is_valid()
    assert "bertumpang tindih" in str(form.errors)


# --- The legal basis is public text: a citation, not our note to headquarters ---------------

OLD_FINE_BASIS = "PP 28/2019 (denda paspor hilang/rusak; belum dikonfirmasi dalam PP 45/2024)"


@pytest.mark.django_db
def test_the_fines_cite_pp_28_2019_by_its_title():
    for item in (FeeItem.FINE_LOST, FeeItem.FINE_DAMAGED):
        basis = Fee.objects.get(item=item).legal_basis
        assert basis == PP_28_2019
        assert basis.startswith("PP 28/2019 tentang Jenis dan Tarif atas Jenis Penerimaan")
        assert "belum dikonfirmasi" not in basis and "(" not in basis


def _migration_0004():
    return importlib.import_module("paspor.payments.migrations.0004_fine_legal_basis_citation")


@pytest.mark.django_db
def test_the_data_migration_replaces_exactly_the_old_default_text(
    office, intake_officer, supervisor
):
    from django.apps import apps

    from paspor.payments.services import bill_issue_for_case
    from paspor.payments.tests.factories import make_case

    lost = Fee.objects.get(item=FeeItem.FINE_LOST)
    damaged = Fee.objects.get(item=FeeItem.FINE_DAMAGED)
    Fee.objects.filter(pk=lost.pk).update(legal_basis=OLD_FINE_BASIS)
    Fee.objects.filter(pk=damaged.pk).update(legal_basis="PP 28/2019 jo. PP baru (kantor pusat)")
    case = make_case(office, intake_officer, application_type=ApplicationType.LOST)
    issued = bill_issue_for_case(case=case, by=supervisor).bill.items.get(item="fine_lost")
    assert issued.legal_basis == OLD_FINE_BASIS

    _migration_0004().forwards(apps, None)

    lost.refresh_from_db()
    damaged.refresh_from_db()
    assert lost.legal_basis == PP_28_2019
    assert damaged.legal_basis == "PP 28/2019 jo. PP baru (kantor pusat)"  # headquarters' own
    # A bill is the record of what was charged: the item issued before keeps its text.
    issued.refresh_from_db()
    assert issued.legal_basis == OLD_FINE_BASIS
    assert (_migration_0004().OLD, _migration_0004().NEW) == (OLD_FINE_BASIS, PP_28_2019)
