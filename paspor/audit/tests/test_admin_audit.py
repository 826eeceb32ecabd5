"""What the admin writes to the audit log: what changed, without its secrets, and one row per
object however it was deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from paspor.accounts.models import Role
from paspor.audit.models import AuditEntry
from paspor.cases.models import TravelBanEntry

pytestmark = pytest.mark.django_db

NIK = "6104015708900001"


@pytest.fixture
def hq_client(client_for):
    return client_for(make_user("pusat-audit", role=Role.HQ))


def test_a_nik_typed_in_the_admin_is_masked_in_the_audit_log(hq_client):
    response = hq_client.post(
        reverse("admin:cases_travelbanentry_add"),
        {"full_name": "Orang Dicegah", "nik": NIK, "reason": "Surat cegah", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = AuditEntry.objects.get(event="admin.created", subject_type="cases.travelbanentry")
    assert NIK not in str(entry.new)
    assert entry.new["nik"] == "6104••••••••0001"
    assert entry.new["full_name"] == "Orang Dicegah"


def test_delete_selected_leaves_one_audit_row_per_object(client_for, admin_user):
    entries = [TravelBanEntry.objects.create(full_name=f"Nama {n}", reason="uji") for n in range(3)]
    response = client_for(admin_user).post(
        reverse("admin:cases_travelbanentry_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(e.pk) for e in entries],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not TravelBanEntry.objects.exists()
    deleted = AuditEntry.objects.filter(event="admin.deleted", subject_type="cases.travelbanentry")
    assert sorted(deleted.values_list("subject_id", flat=True)) == sorted(
        str(e.pk) for e in entries
    )
