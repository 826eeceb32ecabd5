"""Sign-in security in the admin (docs/security.md): an administrator removes an officer's
authenticator, lifts its wait after wrong codes, clears a sign-in lock or changes what a group
may do — each leaves an audit row, and the authenticator's key is never shown."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, totp_code, totp_device_for
from paspor.accounts.groups import OFFICE_SETUP_GROUP
from paspor.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"
VERIFY = "/akun/dua-langkah/verifikasi/"


@pytest.fixture
def root(client_for, admin_user):
    return client_for(admin_user)


def device_url(name: str, device: TOTPDevice) -> str:
    return reverse(f"admin:otp_totp_totpdevice_{name}", args=[device.pk])


def test_the_authenticators_key_is_never_shown(root, supervisor):
    """Whoever reads the key makes the owner's codes on another phone."""
    device = totp_device_for(supervisor)
    key_as_typed = base64.b32encode(device.bin_key).decode()
    page = root.get(device_url("change", device))
    assert page.status_code == 200
    body = page.content.decode()
    assert device.key not in body and key_as_typed not in body
    assert 'name="key"' not in body
    listing = root.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    assert "qrcode" not in listing.lower()
    assert root.get(device_url("config", device)).status_code == 403
    assert root.get(device_url("qrcode", device)).status_code == 403
    # A device is enrolled by its owner, who alone sees its key, once.
    assert root.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403


def test_only_the_devices_name_changes_in_the_admin(root, supervisor, admin_user):
    """A wider tolerance or another key would accept codes the owner's app never showed."""
    device = totp_device_for(supervisor)
    response = root.post(
        device_url("change", device),
        {
            "name": "Ponsel kantor",
            "user": admin_user.pk,
            "key": "00" * 20,
            "tolerance": "100",
            "confirmed": "",
            "throttling_failure_count": "0",
        },
    )
    assert response.status_code == 302
    changed = TOTPDevice.objects.get(pk=device.pk)
    assert changed.name == "Ponsel kantor"
    assert (changed.user, changed.key, changed.tolerance) == (supervisor, device.key, 1)
    assert changed.confirmed
    entry = AuditEntry.objects.get(event="admin.changed", subject_type="otp_totp.totpdevice")
    assert entry.actor == admin_user and entry.new == {"name": "Ponsel kantor"}


def test_removing_an_authenticator_is_audited(root, supervisor, admin_user):
    """The recovery for a lost phone: the owner then enrols a new one with the password
    alone, so who removed the old one is on record."""
    device = totp_device_for(supervisor)
    response = root.post(device_url("delete", device), {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    entry = AuditEntry.objects.get(event="auth.two_factor_removed")
    assert entry.actor == admin_user
    assert (entry.subject_type, entry.subject_id) == ("accounts.user", str(supervisor.pk))
    assert entry.old == {"user": supervisor.username, "device": "uji", "confirmed": True}
    assert not AuditEntry.objects.filter(event="admin.deleted").exists()


def test_removing_several_authenticators_leaves_one_row_each(root, supervisor, head_of_office):
    devices = [totp_device_for(supervisor), totp_device_for(head_of_office)]
    response = root.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(d.pk) for d in devices],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk__in=[d.pk for d in devices]).exists()
    removed = AuditEntry.objects.filter(event="auth.two_factor_removed")
    assert sorted(removed.values_list("subject_id", flat=True)) == sorted(
        str(user.pk) for user in (supervisor, head_of_office)
    )


def test_lifting_the_wait_after_wrong_codes_is_audited(root, supervisor, admin_user):
    device = totp_device_for(supervisor)
    device.throttling_failure_count = 12  # a wait of 2 048 s before the next try
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    untouched = totp_device_for(admin_user)
    response = root.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {"action": "reset_failures", "_selected_action": [str(device.pk), str(untouched.pk)]},
        follow=True,
    )
    assert "Hitungan kode salah dihapus untuk 1 perangkat." in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0 and device.throttling_failure_timestamp is None
    entry = AuditEntry.objects.get(event="auth.two_factor_reset")  # none for the device at 0
    assert entry.actor == admin_user and entry.old["failures"] == 12
    assert entry.subject_id == str(supervisor.pk)
    # The owner signs in with the next code at once.
    client = Client()
    client.post(LOGIN, {"username": supervisor.username, "password": PASSWORD})
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302


def locked_out(user, settings) -> AccessAttempt:
    settings.AXES_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(2):
        client.post(LOGIN, {"username": user.username, "password": "salah"})
    good = {"username": user.username, "password": PASSWORD}
    assert client.post(LOGIN, good).status_code == 429
    return AccessAttempt.objects.get(username=user.username)


def test_clearing_a_sign_in_lock_is_audited(root, intake_officer, admin_user, settings):
    attempt = locked_out(intake_officer, settings)
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert root.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(event="auth.lockout_lifted")
    assert entry.actor == admin_user
    assert (entry.subject_type, entry.subject_id) == ("auth.login", intake_officer.username)
    assert entry.old == {"ip": "10.0.0.7", "failures": 3, "locked": True}  # the 429 counts too
    good = {"username": intake_officer.username, "password": PASSWORD}
    assert Client(REMOTE_ADDR="10.0.0.7").post(LOGIN, good).status_code == 302


def test_a_sign_in_lock_is_cleared_or_kept_never_edited(root, intake_officer, settings):
    attempt = locked_out(intake_officer, settings)
    change = reverse("admin:axes_accessattempt_change", args=[attempt.pk])
    assert 'name="_save"' not in root.get(change).content.decode()
    assert root.post(change, {"failures_since_start": "0"}).status_code == 403
    listing = root.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "cleanup_expired_attempts" not in listing  # deletes without a row: left off


def test_a_sign_in_record_deleted_in_the_admin_is_audited(root, intake_officer, admin_user):
    Client().post(LOGIN, {"username": intake_officer.username, "password": PASSWORD})
    record = AccessLog.objects.get(username=intake_officer.username)
    delete = reverse("admin:axes_accesslog_delete", args=[record.pk])
    assert root.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(event="admin.deleted", subject_type="axes.accesslog")
    assert entry.actor == admin_user


def test_a_groups_permissions_are_audited_before_and_after(root, admin_user):
    """What "Penyiapan kantor" may do reaches every headquarters officer in it."""
    group = Group.objects.get(name=OFFICE_SETUP_GROUP)
    before = sorted(
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    )
    extra = Permission.objects.get(codename="change_fee", content_type__app_label="payments")
    response = root.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {
            "name": group.name,
            "permissions": [str(p.pk) for p in group.permissions.all()] + [str(extra.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(event="admin.changed", subject_type="auth.group")
    assert entry.actor == admin_user
    assert entry.old == {"permissions": before}
    assert entry.new == {"permissions": sorted([*before, "payments.change_fee"])}


def test_the_audit_rows_of_the_admin_read_in_the_audit_log(root, supervisor):
    device = totp_device_for(supervisor)
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now() - dt.timedelta(seconds=1)
    device.save()
    root.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {"action": "reset_failures", "_selected_action": [str(device.pk)]},
    )
    root.post(device_url("delete", device), {"post": "yes"})
    listing = root.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "auth.two_factor_reset" in listing and "auth.two_factor_removed" in listing
    entry = AuditEntry.objects.get(event="auth.two_factor_removed")
    row = root.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert row.status_code == 200
