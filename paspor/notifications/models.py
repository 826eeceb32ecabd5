"""The notification outbox: every message is a row written with the event that causes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")  # due at next_attempt_at (empty: now)
    SENDING = "sending", _("Sedang dikirim")  # claimed by one worker, reclaimed after the lease
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")  # gave up after the last attempt; staff may resend


class Language(models.TextChoices):
    INDONESIAN = "id", _("Bahasa Indonesia")
    ENGLISH = "en", _("English")


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima"),
    )
    to_address = models.CharField(_("alamat tujuan"), max_length=254)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("templat"), max_length=60)
    context = models.JSONField(_("isi"), default=dict)
    language = models.CharField(
        _("bahasa"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    # Same key twice → one message (e.g. "turn-near:<ticket id>"): each message is sent once.
    dedupe_key = models.CharField(
        _("kunci anti-ganda"), max_length=120, unique=True, null=True, blank=True
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("diambil pengirim pada"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pesan")
        verbose_name_plural = _("kotak keluar pesan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.template} → {self.to_address} ({self.get_status_display()})"


class ChannelPreference(models.Model):
    """How an applicant wants to hear from the office: channel, number and language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="channel_preference",
        verbose_name=_("pengguna"),
    )
    channel = models.CharField(
        _("saluran"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    phone = models.CharField(_("nomor telepon/WhatsApp"), max_length=30, blank=True)
    language = models.CharField(
        _("bahasa"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("preferensi saluran")
        verbose_name_plural = pgettext_lazy("plural", "preferensi saluran")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.channel}"
