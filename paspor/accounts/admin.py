from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from paspor.accounts.models import Certification, StaffAssignment, User
from paspor.audit.admin_mixins import AuditedAdmin


class AssignmentInline(admin.TabularInline[StaffAssignment, User]):
    model = StaffAssignment
    extra = 0


class CertificationInline(admin.TabularInline[Certification, User]):
    model = Certification
    extra = 0


@admin.register(User)
class PasporUserAdmin(AuditedAdmin[User], UserAdmin[User]):
    inlines = [AssignmentInline, CertificationInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active"]


@admin.register(Certification)
class CertificationAdmin(AuditedAdmin[Certification]):
    list_display = ["user", "station_type", "certificate_number", "issued_on", "expires_on"]
    list_filter = ["station_type"]
    search_fields = ["user__username", "certificate_number"]
