"""Accounts in the admin: no password in the audit log, roles refused in words.

The audit log is append-only and read by auditors: a password typed when an administrator
creates an account must never land there. A role given in a way the database forbids is
refused with a sentence, not with the constraint's code name.
"""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.urls import reverse

from paspor.accounts.models import StaffAssignment, User
from paspor.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Rahasia-Sekali-9x"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def test_a_password_typed_in_the_admin_is_never_written_to_the_audit_log(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "petugasbaru",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "certifications-TOTAL_FORMS": "0",
            "certifications-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(event="admin.created", subject_type="accounts.user")
    assert PASSWORD not in str(entry.new)
    assert entry.new["username"] == "petugasbaru"


def assignment_post(user: User, office_id: object, role: str) -> dict[str, object]:
    return {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-office": office_id,
        "assignments-0-role": role,
        "assignments-0-is_active": "on",
        "certifications-TOTAL_FORMS": "0",
        "certifications-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize(
    ("language", "role", "refused"),
    [
        ("id", "intake", "Peran ini dipegang di satu kantor: pilih kantornya."),
        ("en", "intake", "This role is held at one office: choose the office."),
        ("id", "applicant", "Pemohon bukan peran petugas"),
    ],
)
def test_a_role_the_rules_forbid_is_refused_in_words(
    admin_client, applicant, language, role, refused
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[applicant.pk]),
        assignment_post(applicant, "", role),
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert refused in page
    assert "office_roles_need_office" not in page
    assert not StaffAssignment.objects.filter(user=applicant).exists()


def test_a_role_given_in_the_admin_goes_through_the_service(admin_client, applicant, office):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[applicant.pk]),
        assignment_post(applicant, office.pk, "intake"),
    )
    assert response.status_code == 302
    assert StaffAssignment.objects.filter(user=applicant, office=office, role="intake").exists()
    assert AuditEntry.objects.filter(event="staff.assigned").exists()


@pytest.mark.parametrize(
    ("language", "refused"),
    [
        ("id", "Tanggal berlaku sampai harus setelah tanggal terbit."),
        ("en", "The expiry date must be after the date of issue."),
    ],
)
def test_a_certification_expiring_before_it_is_issued_is_refused_in_words(
    admin_client, intake_officer, language, refused
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = admin_client.post(
        reverse("admin:accounts_certification_add"),
        {
            "user": intake_officer.pk,
            "station_type": "intake",
            "certificate_number": "X-1",
            "issued_on": "2026-01-01",
            "expires_on": "2025-01-01",
        },
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert refused in page
    assert "certification_issued_before_expiry" not in page


def test_a_password_changed_on_the_admins_password_page_is_audited_without_it(
    admin_client, admin_user
):
    officer = User.objects.create_user(username="petugas-sandi", password=PASSWORD)
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[officer.pk]),
        {"password1": "Sandi-Baru-Sekali-7x", "password2": "Sandi-Baru-Sekali-7x"},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Sandi-Baru-Sekali-7x")
    entry = AuditEntry.objects.get(event="admin.password_changed", subject_id=str(officer.pk))
    assert entry.actor == admin_user
    assert "Sandi-Baru" not in str(entry.new) and entry.new == {"password": "(diubah)"}
