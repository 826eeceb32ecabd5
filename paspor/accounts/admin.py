"""People in the admin: accounts, their roles per office and their station certifications.

Roles and certifications are written through the accounts services (`staff_assign`,
`staff_unassign`, `certification_grant`), which keep their own audit rows; a password typed in
the admin is recorded as changed, never by value (paspor.audit.admin_mixins).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import NATIONAL_ROLES, Certification, Role, StaffAssignment, User
from paspor.accounts.services import certification_grant, staff_assign, staff_unassign
from paspor.audit.admin_mixins import CHANGED_SECRET, AuditedAdmin
from paspor.audit.services import audit_record

UNASSIGNED_IN_ADMIN = "Dicabut melalui admin"


class AssignmentForm(forms.ModelForm[StaffAssignment]):
    class Meta:
        model = StaffAssignment
        fields = ["office", "role", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, office = data.get("role"), data.get("office")
        if role == Role.APPLICANT:
            self.add_error(
                "role", _("Pemohon bukan peran petugas: akun pemohon tidak diberi penugasan.")
            )
        elif role and role not in NATIONAL_ROLES and office is None:
            self.add_error("office", _("Peran ini dipegang di satu kantor: pilih kantornya."))
        elif role in NATIONAL_ROLES and office is not None:
            self.add_error(
                "office", _("Peran nasional tidak terikat pada satu kantor: kosongkan kantornya.")
            )
        return data


class AssignmentInline(admin.TabularInline[StaffAssignment, User]):
    model = StaffAssignment
    form = AssignmentForm
    extra = 0


class CertificationForm(forms.ModelForm[Certification]):
    class Meta:
        model = Certification
        fields = ["user", "station_type", "certificate_number", "issued_on", "expires_on", "issuer"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("Tanggal berlaku sampai harus setelah tanggal terbit."))
        return data


class CertificationInline(admin.TabularInline[Certification, User]):
    model = Certification
    form = CertificationForm
    extra = 0


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(User)
class PasporUserAdmin(AuditedAdmin[User], UserAdmin[User]):
    inlines = [AssignmentInline, CertificationInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active"]
    list_filter = ["is_active", "is_staff", "assignments__role", "assignments__office"]
    search_fields = ["username", "email", "first_name", "last_name"]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """The admin's own password page saves outside `save_model`: its change is audited
        here (that it changed, never the password)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            with transaction.atomic():
                audit_record(
                    actor=_actor(request),
                    office=None,
                    subject=user,
                    event="admin.password_changed",
                    new={"password": CHANGED_SECRET},
                )
        return response

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is StaffAssignment:
            self._assignments_save(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    def _assignments_save(self, request: HttpRequest, user: User, formset: Any) -> None:
        """Roles are granted and withdrawn by the services: a withdrawn role stays on the list,
        inactive, so who held what remains readable."""
        by = _actor(request)
        with transaction.atomic():
            rows = formset.save(commit=False)
            for gone in formset.deleted_objects:
                staff_unassign(assignment=gone, by=by, reason=UNASSIGNED_IN_ADMIN)
            for row in rows:
                if row.pk is not None:
                    before = StaffAssignment.objects.get(pk=row.pk)
                    same = (before.office_id, before.role) == (row.office_id, row.role)
                    if same and row.is_active:
                        staff_assign(user=user, office=row.office, role=Role(row.role), by=by)
                        continue
                    staff_unassign(assignment=before, by=by, reason=UNASSIGNED_IN_ADMIN)
                    if not row.is_active:
                        continue
                staff_assign(user=user, office=row.office, role=Role(row.role), by=by)


@admin.register(Certification)
class CertificationAdmin(AuditedAdmin[Certification]):
    form = CertificationForm
    list_display = ["user", "station_type", "certificate_number", "issued_on", "expires_on"]
    list_filter = ["station_type", "expires_on"]
    search_fields = ["user__username", "certificate_number"]
    date_hierarchy = "expires_on"

    def save_model(
        self, request: HttpRequest, obj: Certification, form: ModelForm[Certification], change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        granted = certification_grant(
            user=obj.user,
            station_type=obj.station_type,
            certificate_number=obj.certificate_number,
            issued_on=obj.issued_on,
            expires_on=obj.expires_on,
            issuer=obj.issuer,
            by=_actor(request),
        )
        obj.pk = granted.pk
