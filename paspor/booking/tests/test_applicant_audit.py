"""An applicant account's changes in the audit log (docs/audit.md): registration, the verified
e-mail, and each person added, corrected or taken off the list — who did it and when, with
the NIK masked as on printed lists and a correction's old and new values side by side."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from paspor.audit.models import AuditEntry
from paspor.audit.services import audit_verify_all
from paspor.booking import services
from paspor.booking.models import ApplicantProfile, EmailVerification
from paspor.booking.tests.conftest import book

pytestmark = pytest.mark.django_db

NIK = "6104014101900001"
MASKED = "6104••••••••0001"


@pytest.fixture
def siti():
    return services.account_register(
        email="siti@example.com", password="rahasia-siti-2026", full_name="Siti"
    )


def add_siti(account, **changes):
    person: dict[str, Any] = {
        "nik": NIK,
        "full_name": "Siti Rahmawati",
        "sex": "F",
        "birth_date": dt.date(1990, 1, 1),
        "birth_place": "Ketapang",
        "phone": "0812-3456-7890",
    }
    return services.profile_add(account=account, **(person | changes))


def corrected(profile, **changes):
    person = {
        "full_name": profile.full_name,
        "sex": profile.sex,
        "birth_date": profile.birth_date,
        "birth_place": profile.birth_place,
        "phone": profile.phone,
    }
    return services.profile_update(profile=profile, **(person | changes))


def rows(event: str):
    return AuditEntry.objects.filter(event=event).order_by("seq")


def test_registration_is_audited_as_the_accounts_own_act(siti):
    entry = rows("account.registered").get()
    assert entry.actor == siti and entry.office is None
    assert (entry.subject_type, entry.subject_id) == ("accounts.user", str(siti.pk))
    assert entry.new == {"user": "siti@example.com", "language": "id"}


@pytest.mark.parametrize("via", ["code", "link"])
def test_the_verified_email_is_audited_with_how(siti, via):
    verification = EmailVerification.objects.get(account=siti)
    if via == "link":
        services.email_verify_token(token=verification.token)
    else:
        code = "123456"
        verification.code_hash = services.applicants._code_hash(verification.token, code)
        verification.save(update_fields=["code_hash"])
        services.email_verify_code(account=siti, code=code)
    entry = rows("account.email_verified").get()
    assert entry.actor == siti and entry.new == {"user": "siti@example.com", "via": via}


def test_a_person_added_is_audited_with_the_nik_masked(siti):
    profile = add_siti(siti)
    entry = rows("profile.added").get()
    assert entry.actor == siti
    assert (entry.subject_type, entry.subject_id) == ("booking.applicantprofile", str(profile.pk))
    assert NIK not in str(entry.new) and "6281234567890" not in str(entry.new)
    assert entry.new == {
        "nik": MASKED,
        "full_name": "Siti Rahmawati",
        "sex": "F",
        "birth_date": "1990-01-01",
        "birth_place": "Ketapang",
        "phone": "…890",
        "nik_flags": [],
    }


def test_a_correction_is_audited_with_old_and_new_values(siti):
    profile = add_siti(siti)
    corrected(profile, full_name="Siti R. Lain", birth_date=dt.date(1991, 2, 2))
    entry = rows("profile.updated").get()
    assert entry.actor == siti and entry.subject_id == str(profile.pk)
    # The birth date moved away from the NIK's: the officer's note comes with it.
    assert entry.old == {
        "nik": MASKED,
        "full_name": "Siti Rahmawati",
        "birth_date": "1990-01-01",
        "nik_flags": [],
    }
    assert entry.new["nik"] == MASKED
    assert entry.new["full_name"] == "Siti R. Lain" and entry.new["birth_date"] == "1991-02-02"
    flags = ApplicantProfile.objects.get(pk=profile.pk).nik_flags
    assert flags and entry.new["nik_flags"] == flags


def test_a_correction_names_the_active_booking_it_reaches(frozen, office, sessions, budi):
    """The intake officer checks what the booking says: who changed it, and when, is on
    record with the booking's own audit rows."""
    booking = book(budi, office, sessions[0])
    corrected(budi, full_name="Budi Santosa", sex="F")
    entry = rows("profile.updated").get()
    assert entry.old["sex"] == "M" and entry.new["sex"] == "F"
    assert entry.new["bookings"] == [str(booking.pk)]


def test_a_correction_that_changes_nothing_writes_no_row(siti):
    profile = add_siti(siti)
    corrected(profile)
    assert not rows("profile.updated").exists()


def test_a_person_removed_is_audited_before_the_profile_goes(siti):
    profile = add_siti(siti)
    pk = profile.pk
    services.profile_delete(profile=profile)
    assert not ApplicantProfile.objects.filter(pk=pk).exists()  # never booked: deleted
    entry = rows("profile.removed").get()
    assert entry.actor == siti and entry.subject_id == str(pk)
    assert entry.old == {"nik": MASKED, "full_name": "Siti Rahmawati"}
    assert entry.new == {"kept_for_history": False}


def test_removing_adding_and_removing_again_leaves_each_step(frozen, office, sessions, budi):
    """The pattern of an account that books for others (calo): NIKs added, removed, added
    again. Each step is a row of the account's history."""
    booking = book(budi, office, sessions[0])
    services.booking_cancel(booking=booking, by=budi.account)
    services.profile_delete(profile=budi)
    again = add_siti(
        budi.account, nik=budi.nik, full_name="Budi Santoso", sex="M", birth_date=budi.birth_date
    )
    services.profile_delete(profile=again)
    events = list(
        AuditEntry.objects.filter(subject_id=str(budi.pk), subject_type="booking.applicantprofile")
        .order_by("seq")
        .values_list("event", flat=True)
    )
    assert events == ["profile.removed", "profile.added", "profile.removed"]
    restored = rows("profile.added").get()
    assert restored.new["restored"] is True
    assert [r.new["kept_for_history"] for r in rows("profile.removed")] == [True, True]
    assert audit_verify_all() == []


def test_the_audit_log_shows_these_rows_without_the_nik(client_for, admin_user, siti):
    profile = add_siti(siti)
    corrected(profile, full_name="Siti R. Lain")
    services.profile_delete(profile=profile)
    client = client_for(admin_user)
    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    for event in ("account.registered", "profile.added", "profile.updated", "profile.removed"):
        assert event in page
    for entry in AuditEntry.objects.filter(event__startswith="profile."):
        shown = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
        assert shown.status_code == 200
        assert NIK not in shown.content.decode()
