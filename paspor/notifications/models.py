"""The notification outbox: every message is a row written with the event that causes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_address = models.CharField(_("alamat tujuan"), max_length=254)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("templat"), max_length=60)
    context = models.JSONField(_("isi"), default=dict)
    language = models.CharField(max_length=5, default="id")
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    # Same key twice → one message (e.g. "turn-near:<ticket id>"): each message is sent once.
    dedupe_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    office = models.ForeignKey(
        "offices.Office", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pesan")
        verbose_name_plural = _("kotak keluar pesan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.template} → {self.to_address} ({self.status})"
