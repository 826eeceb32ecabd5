"""People in the admin: accounts, their roles per office and their station certifications.

Roles and certifications are written through the accounts services (`staff_assign`,
`staff_unassign`, `certification_grant`), which keep their own audit rows; a password typed in
the admin is recorded as changed, never by value (paspor.audit.admin_mixins).

Headquarters officers an administrator lets manage accounts (docs/onboarding.md) create an
office's staff here. Only a superuser hands out what reaches beyond one office: the
superuser and staff flags, groups and model permissions, and the national roles; and only a
superuser changes the account of a superuser, a Django staff account, a national role, or of
anyone who holds no role at an office (an applicant, with or without a profile yet).

Authenticators, sign-in locks and permission groups are in the admin too, audited
(paspor.accounts.admin_security).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from paspor.accounts.access import staff_can_work_station, user_roles
from paspor.accounts.admin_security import register_security_admins
from paspor.accounts.models import (
    DEVICE_ROLES,
    NATIONAL_ROLES,
    ROLE_STATIONS,
    Certification,
    Role,
    StaffAssignment,
    User,
)
from paspor.accounts.services import (
    DEVICE_ACCOUNT_MIXED,
    NATIONAL_ROLE_SUPERUSERS_ONLY,
    certification_grant,
    certification_revoke,
    staff_assign,
    staff_unassign,
)
from paspor.audit.admin_mixins import CHANGED_SECRET, AuditedAdmin
from paspor.audit.services import audit_record
from paspor.offices.calendar import office_today
from paspor.offices.models import Office, StationType

UNASSIGNED_IN_ADMIN = "Dicabut melalui admin"


class AssignmentForm(forms.ModelForm[StaffAssignment]):
    # Set per request by the inline: whether the signed-in user may hand out national roles.
    may_grant_national = True

    class Meta:
        model = StaffAssignment
        fields = ["office", "role", "is_active"]
        help_texts = {
            "office": _("Kosong hanya untuk peran nasional (kantor pusat, administrator)."),
            "role": _(
                "Petugas loket, biometrik, penyerahan dan supervisor juga memerlukan sertifikat "
                "pos (di bawah) untuk membuka loket. Kios dan papan tampilan adalah akun "
                "perangkat satu kantor."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, office = data.get("role"), data.get("office")
        if role in NATIONAL_ROLES and not self.may_grant_national and self._grants(data):
            self.add_error("role", NATIONAL_ROLE_SUPERUSERS_ONLY)
        elif role == Role.APPLICANT:
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

    def _grants(self, data: dict[str, Any]) -> bool:
        """The row would hold its role after the save, and not as it held it before: a new
        row, another role, or a withdrawn row ticked active again (a withdrawn national role
        stays on the list, inactive, and re-ticking it is giving it back)."""
        changed = {"role", "is_active"} & set(self.changed_data)
        return bool(data.get("is_active")) and (self.instance.pk is None or bool(changed))


class AssignmentFormSet(BaseInlineFormSet[StaffAssignment, User, ModelForm[StaffAssignment]]):
    def clean(self) -> None:
        """A kiosk or a board is signed in all day in the lobby: its account is a device of
        one office and nothing else (`staff_assign` refuses the same)."""
        super().clean()
        held = [
            (form.cleaned_data.get("role"), form.cleaned_data.get("office"))
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("is_active")
            and form.cleaned_data.get("role")
        ]
        roles = {role for role, _office in held}
        offices = {office for _role, office in held}
        if roles & DEVICE_ROLES and (not roles <= DEVICE_ROLES or len(offices) > 1):
            raise forms.ValidationError(str(DEVICE_ACCOUNT_MIXED), code="device_account_mixed")


class AssignmentInline(admin.TabularInline[StaffAssignment, User]):
    model = StaffAssignment
    form = AssignmentForm
    formset = AssignmentFormSet
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        may = bool(request.user.is_superuser)
        formset.form = type(formset.form.__name__, (formset.form,), {"may_grant_national": may})
        return formset


class CertificationForm(forms.ModelForm[Certification]):
    class Meta:
        model = Certification
        fields = ["user", "station_type", "certificate_number", "issued_on", "expires_on", "issuer"]
        help_texts = {
            "station_type": _(
                "Pos yang boleh dibuka petugas ini, bila perannya di kantor itu juga melayani "
                "pos tersebut; berlaku dari tanggal terbit sampai tanggal berlaku."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("Tanggal berlaku sampai harus setelah tanggal terbit."))
        return data


class CertificationInline(admin.TabularInline[Certification, User]):
    """Certifications are granted here (through the service) and never edited: a wrong one is
    deleted and granted again, so the audit shows both."""

    model = Certification
    form = CertificationForm
    extra = 0

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _granted(typed: Certification, request: HttpRequest) -> Certification:
    """Grant through the service (its own audit row) the certification typed in the admin."""
    return certification_grant(
        user=typed.user,
        station_type=typed.station_type,
        certificate_number=typed.certificate_number,
        issued_on=typed.issued_on,
        expires_on=typed.expires_on,
        issuer=typed.issuer,
        by=_actor(request),
    )


def _kept_for_superusers(user: User) -> bool:
    """Accounts only a superuser changes: every account that is not an office's staff. Those
    that reach beyond one office, and applicants: an account that holds no role at an office
    (active or withdrawn) is taken for the applicant's own, whether or not it has a profile
    yet — one just registered, or whose only profiles were deleted, has none."""
    if user.is_superuser or user.is_staff or user.profiles.exists():
        return True
    roles = user.assignments.all()
    if roles.filter(role__in=NATIONAL_ROLES, is_active=True).exists():
        return True
    office_roles = roles.filter(office__isnull=False).exclude(
        role__in=[*NATIONAL_ROLES, Role.APPLICANT]
    )
    return not office_roles.exists()


class AssignmentOfficeFilter(admin.RelatedFieldListFilter):
    """The offices where a person holds a role, titled in the reader's words (the assignment's
    office field has no name of its own), and national roles named as such, not "-"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = str(_("kantor"))
        self.empty_value_display = conditional_escape(_("nasional"))


class StaffCreationForm(AdminUserCreationForm[User]):
    """A new account always gets its first password. Django's choice to switch password sign-in
    off (for single sign-on, which Paspor does not use) made an account no one could sign in
    with: a kiosk or officer that looked set up and was not."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = True
        self.fields["password2"].required = True

    def save(self, commit: bool = True) -> User:
        # The first password is known to whoever typed it: its owner replaces it at sign-in.
        self.instance.password_change_required = True
        return super().save(commit=commit)


class StaffPasswordForm(AdminPasswordChangeForm[User]):
    """A password set in the admin is known to whoever typed it: the account's owner replaces
    it at the next sign-in (`User.password_change_required`)."""

    def save(self, commit: bool = True) -> Any:
        self.user.password_change_required = True
        return super().save(commit=commit)


@admin.register(User)
class PasporUserAdmin(AuditedAdmin[User], UserAdmin[User]):
    add_form = StaffCreationForm
    change_password_form = StaffPasswordForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
    )
    inlines = [AssignmentInline, CertificationInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active"]
    list_filter = [
        "is_active",
        "is_staff",
        "assignments__role",
        ("assignments__office", AssignmentOfficeFilter),
    ]
    search_fields = ["username", "email", "first_name", "last_name"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        stations = (_("Pos yang dapat dibuka hari ini"), {"fields": ["stations_today"]})
        if request.user.is_superuser:
            return [*fieldsets, stations]
        # Flags, groups and permissions reach beyond one office: a superuser's to give.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f == "is_active"]})
            if "is_superuser" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ] + [stations]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*super().get_readonly_fields(request, obj), "stations_today"]

    @admin.display(description=_("pos"))
    def stations_today(self, obj: User) -> str:
        """Where this person may open a counter today, by the rule the counter applies
        (`staff_can_work_station`), at each office where a role of theirs works stations: today
        on that office's own calendar (Jayapura's day starts two hours before Jakarta's)."""
        rows = []
        for office in Office.objects.filter(
            pk__in=obj.assignments.filter(is_active=True).values("office_id")
        ).order_by("name"):
            if not any(ROLE_STATIONS.get(role) for role in user_roles(obj, office)):
                continue
            today = office_today(office)
            labels = [
                str(station_type.label)
                for station_type in StationType
                if staff_can_work_station(
                    user=obj, office=office, station_type=station_type, on=today
                )
            ]
            rows.append((str(office), ", ".join(labels) or gettext("belum ada")))
        if not rows:
            return gettext("Tidak ada: peran ini tidak membuka loket, atau belum ada penugasan.")
        return format_html_join("", "<div>{}: {}</div>", rows)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None or request.user.is_superuser:
            return allowed
        return allowed and not _kept_for_superusers(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        if obj is None or request.user.is_superuser:
            return allowed
        return allowed and not _kept_for_superusers(obj)

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
        elif formset.model is Certification:
            self._certifications_save(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    def _certifications_save(self, request: HttpRequest, user: User, formset: Any) -> None:
        """New certifications are granted by the service (its own audit row); one deleted
        here is audited as an admin deletion."""
        with transaction.atomic():
            rows = formset.save(commit=False)
            for gone in formset.deleted_objects:
                certification_revoke(certification=gone, by=_actor(request))
            for row in rows:
                if row.pk is None:
                    row.user = user
                    _granted(row, request)

    def _assignments_save(self, request: HttpRequest, user: User, formset: Any) -> None:
        """Roles are granted and withdrawn by the services: a withdrawn role stays on the list,
        inactive, so who held what remains readable."""
        by = _actor(request)
        with transaction.atomic():
            rows = formset.save(commit=False)
            withdrawn = list(formset.deleted_objects)
            granted = []
            for row in rows:
                if row.pk is not None:
                    before = StaffAssignment.objects.get(pk=row.pk)
                    same = (before.office_id, before.role) == (row.office_id, row.role)
                    if not (same and row.is_active):
                        withdrawn.append(before)
                if row.is_active:
                    granted.append(row)
            # The form refuses it first; this holds whatever a form lets through (the service
            # refuses it too, but in words an admin page would answer with a 500).
            if not request.user.is_superuser and any(r.role in NATIONAL_ROLES for r in granted):
                raise PermissionDenied(NATIONAL_ROLE_SUPERUSERS_ONLY)
            # Withdrawn first: the roles given are checked against what the account keeps.
            for gone in withdrawn:
                staff_unassign(assignment=gone, by=by, reason=UNASSIGNED_IN_ADMIN)
            for row in granted:
                staff_assign(user=user, office=row.office, role=Role(row.role), by=by)


class CertificationValidityFilter(admin.SimpleListFilter):
    """What a head of office asks of the certificates: which have lapsed, which lapse soon
    enough to book the training now, which are in force. Counted on Jakarta's calendar (the
    list spans offices in every time zone); a certificate is valid through its last day."""

    title = _("berlaku sampai")
    parameter_name = "berlaku"
    EXPIRED, WITHIN_30, WITHIN_90, VALID = "kedaluwarsa", "30-hari", "90-hari", "berlaku"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            (self.EXPIRED, _("Sudah kedaluwarsa")),
            (self.WITHIN_30, _("Habis dalam 30 hari")),
            (self.WITHIN_90, _("Habis dalam 90 hari")),
            (self.VALID, _("Masih berlaku")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Certification]
    ) -> QuerySet[Certification]:
        today = timezone.localdate()
        value = self.value()
        if value == self.EXPIRED:
            return queryset.filter(expires_on__lt=today)
        if value in (self.WITHIN_30, self.WITHIN_90):
            days = 30 if value == self.WITHIN_30 else 90
            return queryset.filter(
                expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days)
            )
        if value == self.VALID:
            return queryset.filter(issued_on__lte=today, expires_on__gte=today)
        return queryset


@admin.register(Certification)
class CertificationAdmin(AuditedAdmin[Certification]):
    """Granted through the service and never edited (a wrong row is deleted and granted
    again): the audit keeps what was certified when."""

    form = CertificationForm
    list_display = ["holder", "station_type", "certificate_number", "issued_on", "expires_on"]
    list_filter = ["station_type", CertificationValidityFilter]
    search_fields = ["user__username", "certificate_number"]
    date_hierarchy = "expires_on"

    @admin.display(description=_("pengguna"), ordering="user__username")
    def holder(self, obj: Certification) -> str:
        """Sorted by the username, not by when the account was made (the field's own column)."""
        return obj.user.username

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Certification, form: ModelForm[Certification], change: bool
    ) -> None:
        obj.pk = _granted(obj, request).pk

    def delete_model(self, request: HttpRequest, obj: Certification) -> None:
        certification_revoke(certification=obj, by=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Certification]) -> None:
        with transaction.atomic():
            for certification in queryset:
                certification_revoke(certification=certification, by=_actor(request))


register_security_admins(admin.site)
