"""Headquarters keeps the fee schedule and the payment channels here; the rest is read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Case, IntegerField, Max, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from paspor.accounts.models import User
from paspor.audit.admin_mixins import HeadquartersAdmin
from paspor.lib.admin_dates import DateHierarchyAdmin
from paspor.lib.money import rupiah
from paspor.offices.admin_forms import ServiceAdmin, ServiceAdminForm
from paspor.payments.fees import fee_overlaps
from paspor.payments.models import (
    Bill,
    BillingCode,
    BillItem,
    Fee,
    FeeItem,
    NotificationLog,
    Payment,
    PaymentChannel,
)
from paspor.payments.services import payment_channel_ensure

AMOUNT = _("jumlah (rupiah)")


class FeeForm(forms.ModelForm[Fee]):
    class Meta:
        model = Fee
        fields = ["item", "amount", "effective_from", "effective_to", "legal_basis"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A row charged on a bill shows its item and start read-only: they are not posted, and
        # the checks take them from the row.
        item = data.get("item") or self.instance.item
        start = data.get("effective_from") or self.instance.effective_from
        end = data.get("effective_to")
        if self.instance.pk is not None and end is not None:
            last_charged = (
                BillItem.objects.filter(fee=self.instance)
                .aggregate(last=Max("bill__fee_date"))
                .get("last")
            )
            if last_charged is not None and end < last_charged:
                raise forms.ValidationError(
                    _(
                        "Tarif ini sudah dipakai tagihan dengan tanggal tarif %(date)s: tanggal "
                        "“berlaku sampai” tidak boleh sebelum itu."
                    )
                    % {"date": date_format(last_charged, "j F Y")}
                )
        if item and start:
            clash = fee_overlaps(item=item, start=start, end=end, exclude_pk=self.instance.pk)
            if clash:
                raise forms.ValidationError(
                    _(
                        "Periode berlaku bertumpang tindih dengan: %(rows)s. Tutup dulu baris lama "
                        "dengan tanggal “berlaku sampai”."
                    )
                    % {"rows": "; ".join(str(row) for row in clash)}
                )
        return data


# The fee table's own order (STANDARDS.md §4): passports by kind and length, then same-day
# service, then the fines. The item codes sort otherwise ("electronic_10" before "ordinary_5").
ITEM_POSITION = Case(
    *(When(item=item, then=Value(position)) for position, item in enumerate(FeeItem.values)),
    output_field=IntegerField(),
)


@admin.register(Fee)
class FeeAdmin(HeadquartersAdmin[Fee]):
    """The schedule reads as the fee table does: item by item in the table's order, each item's
    rows newest first (the one in force on top, the history under it)."""

    form = FeeForm
    list_display = ["fee_item", "amount_in_rupiah", "effective_from", "effective_to", "legal_basis"]
    list_filter = ["item"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Fee]:
        fees = self.model._default_manager.annotate(item_position=ITEM_POSITION)
        return fees.order_by(*self.get_ordering(request))

    def get_ordering(self, request: HttpRequest) -> tuple[str, ...]:
        return ("item_position", "-effective_from")

    @admin.display(ordering="item_position", description=_("jenis tarif"))
    def fee_item(self, obj: Fee) -> str:
        return obj.get_item_display()

    @admin.display(ordering="amount", description=_("Tarif"))
    def amount_in_rupiah(self, obj: Fee) -> str:
        return rupiah(obj.amount)

    def get_readonly_fields(self, request: HttpRequest, obj: Fee | None = None) -> list[str]:
        # A row already charged on a bill keeps its amount and start; close it and add a new one.
        if obj is not None and BillItem.objects.filter(fee=obj).exists():
            return ["item", "amount", "effective_from"]
        return []

    def has_delete_permission(self, request: HttpRequest, obj: Fee | None = None) -> bool:
        return False


class PaymentChannelForm(ServiceAdminForm[PaymentChannel]):
    """The HMAC secret is typed, never shown again, and never written to the audit log: the
    service keeps it out (an admin save used to record it in the append-only log)."""

    secret = forms.CharField(
        label=_("kunci rahasia HMAC"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Dipakai bank untuk menandatangani notifikasi (HMAC-SHA256)."),
    )

    class Meta:
        model = PaymentChannel
        fields = ["code", "name", "secret", "is_active"]

    def clean_secret(self) -> str:
        secret: str = self.cleaned_data.get("secret") or ""
        return secret or (self.instance.secret if self.instance.pk else "")

    def service_save(self, *, by: User | None) -> PaymentChannel:
        return payment_channel_ensure(
            code=self.value("code"),
            name=self.value("name"),
            secret=self.value("secret"),
            is_active=self.value("is_active"),
            by=by,
        )


@admin.register(PaymentChannel)
class PaymentChannelAdmin(ServiceAdmin[PaymentChannel]):
    form = PaymentChannelForm
    list_display = ["code", "name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The banks sign with the code; the service finds the channel by it.
        return ["code"] if obj is not None else []


class _ReadOnly[M: models.Model](DateHierarchyAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


class BillItemInline(admin.TabularInline[BillItem, Bill]):
    model = BillItem
    extra = 0
    can_delete = False
    readonly_fields = ("position", "item", "description", "amount_in_rupiah", "legal_basis")
    fields = ("position", "item", "description", "amount_in_rupiah", "legal_basis")

    @admin.display(description=AMOUNT)
    def amount_in_rupiah(self, obj: BillItem) -> str:
        return rupiah(obj.amount)

    def has_add_permission(self, request: HttpRequest, obj: Bill | None = None) -> bool:
        return False


@admin.register(Bill)
class BillAdmin(_ReadOnly[Bill]):
    list_display = ["case", "office", "total_in_rupiah", "issued_at"]
    list_filter = ["office"]
    search_fields = ["case__code"]
    date_hierarchy = "issued_at"
    inlines = [BillItemInline]
    exclude = ["total"]
    readonly_fields = ["total_in_rupiah"]

    @admin.display(ordering="total", description=AMOUNT)
    def total_in_rupiah(self, obj: Bill) -> str:
        return rupiah(obj.total)


@admin.register(BillingCode)
class BillingCodeAdmin(_ReadOnly[BillingCode]):
    list_display = ["code", "amount_in_rupiah", "status", "issued_at", "expires_at"]
    list_filter = ["status"]
    search_fields = ["code"]
    exclude = ["amount"]
    readonly_fields = ["amount_in_rupiah"]

    @admin.display(ordering="amount", description=AMOUNT)
    def amount_in_rupiah(self, obj: BillingCode) -> str:
        return rupiah(obj.amount)


@admin.register(Payment)
class PaymentAdmin(_ReadOnly[Payment]):
    list_display = [
        "ntpn",
        "billing_code_text",
        "amount_in_rupiah",
        "channel",
        "status",
        "flag_reason",
        "paid_at",
    ]
    list_filter = ["status", "flag_reason", "channel", "source"]
    search_fields = ["ntpn", "billing_code_text", "reference"]
    date_hierarchy = "paid_at"
    exclude = ["amount"]
    readonly_fields = ["amount_in_rupiah"]

    @admin.display(ordering="amount", description=AMOUNT)
    def amount_in_rupiah(self, obj: Payment) -> str:
        return rupiah(obj.amount)


@admin.register(NotificationLog)
class NotificationLogAdmin(_ReadOnly[NotificationLog]):
    list_display = ["received_at", "channel_code", "outcome", "http_status"]
    list_filter = ["outcome", "channel_code"]
