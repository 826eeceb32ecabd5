"""The outbox in the admin: filter, read, and resend a failed message (through the service)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paspor.accounts.models import User
from paspor.audit.admin_mixins import AuditedAdmin
from paspor.lib.errors import Conflict
from paspor.notifications.models import ChannelPreference, Message
from paspor.notifications.services import message_resend


@admin.register(Message)
class MessageAdmin(AuditedAdmin[Message]):
    list_display = (
        "created_at",
        "template",
        "channel",
        "to_address",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "office",
    )
    list_filter = ("status", "channel", "template", "office", "language")
    search_fields = ("to_address", "template", "dedupe_key")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Message._meta.fields]
    actions = ["resend_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False  # messages are read-only; the only change is the resend action

    def has_delete_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Kirim ulang pesan yang gagal"))
    def resend_failed(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        resent = skipped = 0
        for message in queryset.order_by("pk"):
            try:
                message_resend(message=message, by=actor)
                resent += 1
            except Conflict:
                skipped += 1
        self.message_user(
            request,
            _("%(resent)s pesan dijadwalkan ulang; %(skipped)s dilewati (bukan pesan gagal).")
            % {"resent": resent, "skipped": skipped},
            messages.SUCCESS if resent else messages.WARNING,
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Message]:
        return super().get_queryset(request).select_related("office")


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(AuditedAdmin[ChannelPreference]):
    list_display = ("user", "channel", "language", "updated_at")
    list_filter = ("channel", "language")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)
