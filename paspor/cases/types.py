"""Kinds of application and passport, shared by booking, cases, payments and issuance."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationType(models.TextChoices):
    NEW_ADULT = "new_adult", _("Paspor baru (dewasa)")
    NEW_CHILD = "new_child", _("Paspor baru anak (di bawah 17 tahun)")
    REPLACEMENT = "replacement", _("Penggantian (habis berlaku atau halaman penuh)")
    DAMAGED = "damaged", _("Penggantian karena rusak")
    LOST = "lost", _("Penggantian karena hilang")
    CHANGE_OF_DATA = "change_of_data", _("Perubahan data")


class PassportKind(models.TextChoices):
    ORDINARY = "ordinary", _("Paspor biasa non-elektronik (48 halaman)")
    ELECTRONIC = "electronic", _("Paspor elektronik")


class Sex(models.TextChoices):
    MALE = "M", _("Laki-laki")
    FEMALE = "F", _("Perempuan")
