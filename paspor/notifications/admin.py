"""The outbox in the admin: filter, read, and resend a failed message (through the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paspor.accounts.models import User
from paspor.audit.admin_mixins import AuditedAdmin
from paspor.lib.errors import Conflict
from paspor.notifications.models import Channel, ChannelPreference, Message
from paspor.notifications.sending import message_render
from paspor.notifications.services import channel_preference_set, message_resend
from paspor.offices.admin_forms import ServiceAdmin, ServiceAdminForm


@admin.register(Message)
class MessageAdmin(AuditedAdmin[Message]):
    # What, whether it went and why not first: the list is wider than the screen.
    list_display = (
        "created_at",
        "template",
        "status",
        "error_short",
        "attempts",
        "channel",
        "to_address",
        "next_attempt_at",
        "sent_at",
        "office",
    )
    list_filter = ("status", "channel", "template", "office", "language")
    search_fields = ("to_address", "template", "dedupe_key")
    date_hierarchy = "created_at"
    # The text as sent, right after the stored context it is written from.
    readonly_fields = [
        name
        for field in Message._meta.fields
        for name in ((field.name, "text") if field.name == "context" else (field.name,))
    ]
    actions = ["resend_failed"]

    @admin.display(description=gettext_lazy("Galat terakhir"))
    def error_short(self, obj: Message) -> str:
        """Why the last attempt failed, on the list: the operator sees the cause (a gateway's
        401, an unreachable mail server) before deciding to resend."""
        return Truncator(obj.last_error).chars(60)

    @admin.display(description=gettext_lazy("Teks pesan"))
    def text(self, obj: Message) -> SafeString:
        """The subject and text as the channel gets them, in the recipient's language: what
        the applicant read, or will read once it is resent."""
        try:
            rendered = message_render(
                template=obj.template,
                context=obj.context,
                language=obj.language,
                channel=obj.channel,
            )
        except Exception as exc:  # the operator sees why, the page still opens
            return format_html(
                "{}",
                _("Tidak dapat disusun: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"},
            )
        body = format_html_join(
            mark_safe("<br>"), "{}", ((line,) for line in rendered.body.splitlines())
        )
        return format_html("<strong>{}</strong><br><br>{}", rendered.subject, body)

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
            except Conflict as exc:
                if exc.code == "moot":  # said one by one: the operator tells the applicant
                    self.message_user(request, f"{message}: {exc.message}", messages.WARNING)
                else:
                    skipped += 1
        self.message_user(
            request,
            _("%(resent)s pesan dijadwalkan ulang; %(skipped)s dilewati (bukan pesan gagal).")
            % {"resent": resent, "skipped": skipped},
            messages.SUCCESS if resent else messages.WARNING,
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Message]:
        return super().get_queryset(request).select_related("office")


class ChannelPreferenceForm(ServiceAdminForm[ChannelPreference]):
    """Saved by the service the preferences page uses: an SMS or WhatsApp channel needs a
    number that can be dialled, kept as the gateways dial it (+62…)."""

    class Meta:
        model = ChannelPreference
        fields = ["user", "channel", "phone", "language"]

    def service_save(self, *, by: User | None) -> ChannelPreference:
        return channel_preference_set(
            user=self.value("user"),
            channel=Channel(self.value("channel")),
            phone=self.value("phone") or "",
            language=self.value("language"),
            by=by,
        )


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(ServiceAdmin[ChannelPreference]):
    form = ChannelPreferenceForm
    list_display = ("user", "channel", "language", "updated_at")
    list_filter = ("channel", "language")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The service finds the preference by its person: another one would be a new row.
        return ("user",) if obj is not None else ()
