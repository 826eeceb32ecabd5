"""The audit log: appended in the service's transaction, chained, and tamper-evident."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from paspor.audit.models import AuditEntry
from paspor.audit.services import audit_record, audit_verify_all


def _record(office, event="uji", **new):
    with transaction.atomic():
        return audit_record(actor=None, office=office, subject=office, event=event, new=new)


@pytest.mark.django_db
def test_rows_are_chained_per_office(office, other_office):
    first = _record(office, a=1)
    second = _record(office, a=2)
    elsewhere = _record(other_office, a=3)
    assert second.prev_hash == first.hash
    assert (first.seq, second.seq) == (1, 2)
    assert elsewhere.chain == other_office.code and elsewhere.seq == 1
    assert audit_verify_all() == []


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(office):
    with pytest.raises(RuntimeError):
        audit_record(actor=None, office=office, subject=office, event="uji")


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_audit_row(office):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=None, office=office, subject=office, event="uji")
        raise ValueError("service failed after auditing")
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_database_refuses_to_update_or_delete_audit_rows(office):
    entry = _record(office)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(event="dipalsukan")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


def _drop_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_no_update ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")


@pytest.mark.django_db
def test_audit_verify_finds_a_tampered_row(office):
    """Someone with database rights drops the trigger and edits a row: the chain breaks there."""
    _record(office, amount=350000)
    tampered = _record(office, amount=650000)
    _record(office, amount=950000)
    _drop_triggers()
    AuditEntry.objects.filter(pk=tampered.pk).update(new={"amount": 1})
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit_verify", stdout=out, stderr=err)
    assert f"baris #{tampered.seq}" in err.getvalue()
    assert "content does not match" in err.getvalue()


@pytest.mark.django_db
def test_audit_verify_finds_a_deleted_row(office):
    _record(office)
    removed = _record(office)
    _record(office)
    _drop_triggers()
    AuditEntry.objects.filter(pk=removed.pk).delete()
    [brk] = audit_verify_all()
    assert brk.seq == removed.seq and "missing" in brk.problem


@pytest.mark.django_db
def test_audit_verify_passes_on_an_intact_log(office):
    _record(office)
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "utuh" in out.getvalue()


@pytest.mark.django_db
def test_admin_can_read_but_not_change_audit_rows(office, client_for):
    from conftest import make_user

    entry = _record(office)
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = client_for(admin)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
