"""People: applicants' accounts, staff with roles per office, and staff certifications."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from paspor.offices.models import COUNTER_STATIONS, StationType


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Pemohon")
    KIOSK = "kiosk", _("Perangkat kios")
    DISPLAY = "display", _("Papan tampilan")
    INTAKE = "intake", _("Petugas loket (pemeriksaan berkas)")
    BIOMETRICS = "biometrics", _("Petugas foto, biometrik dan wawancara")
    SUPERVISOR = "supervisor", _("Supervisor (Kasi/Kasubsi)")
    PRINT_QC = "print_qc", _("Petugas cetak dan kendali mutu")
    HANDOVER = "handover", _("Petugas penyerahan paspor")
    HEAD = "head", _("Kepala kantor")
    HQ = "hq", _("Kantor pusat (Ditjen)")
    ADMIN = "admin", _("Administrator")


STAFF_ROLES = frozenset(Role) - {Role.APPLICANT}
DEVICE_ROLES = frozenset({Role.KIOSK, Role.DISPLAY})
# Roles that act for every office (headquarters, system administrators).
NATIONAL_ROLES = frozenset({Role.HQ, Role.ADMIN})

# Which station types each role may staff; a certification is also needed (see access.py).
ROLE_STATIONS: dict[Role, frozenset[str]] = {
    Role.INTAKE: frozenset({StationType.INTAKE, StationType.INFORMATION, StationType.PAYMENT_HELP}),
    Role.BIOMETRICS: frozenset({StationType.BIOMETRICS}),
    Role.HANDOVER: frozenset({StationType.HANDOVER, StationType.INFORMATION}),
    # Printing and quality control are back-office work: no counter, but certified all the same.
    Role.PRINT_QC: frozenset({StationType.PRINTING, StationType.QUALITY_CONTROL}),
    Role.SUPERVISOR: frozenset(COUNTER_STATIONS),
}


class User(AbstractUser):
    """One login. Applicants sign in with their e-mail; staff with a username."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email_verified = models.BooleanField(_("e-mail terverifikasi"), default=False)
    # A password someone else typed (headquarters creating the account, an administrator
    # setting a new one) is known to them: its owner replaces it before anything else.
    password_change_required = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    # Moved by "sign out everywhere": part of the session hash, so every session and API token
    # made before stops working (accounts.services.account_sign_out_everywhere).
    session_generation = models.PositiveIntegerField(_("generasi sesi"), default=0, editable=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = pgettext_lazy("plural", "pengguna")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="user_email_unique"
            )
        ]

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's HMAC of the password, and of the session generation once the account was
        signed out everywhere; an account never signed out keeps Django's own value, so no
        session ends when the counter arrives. The fallback keys' hashes come through here
        too (`get_session_auth_fallback_hash`)."""
        if not self.session_generation:
            djangos: str = super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
            return djangos
        return salted_hmac(
            "paspor.accounts.models.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class SignInKind(models.TextChoices):
    BROWSER = "browser", _("Peramban")
    APP = "app", _("Aplikasi")


class SignIn(models.Model):
    """One device signed in to an account: a browser's session or an app's bearer token. The
    owner sees the list and signs out one of them (accounts.services.sign_in_end); a session
    or token whose row has ended is refused on its next request. `auth_hash` is the account's
    session hash when the row was last used: once the password changes or the account is
    signed out everywhere, a row whose hash is no longer the account's is a device already
    signed out, and the list leaves it out."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sign_ins", verbose_name=_("pengguna")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=SignInKind.choices)
    user_agent = models.CharField(_("peramban atau aplikasi"), max_length=400, blank=True)
    auth_hash = models.CharField(max_length=16, editable=False)
    created_at = models.DateTimeField(_("masuk"))
    last_seen_at = models.DateTimeField(_("terakhir dipakai"))
    expires_at = models.DateTimeField(_("berakhir"))
    ended_at = models.DateTimeField(_("dikeluarkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("perangkat yang masuk")
        verbose_name_plural = pgettext_lazy("plural", "perangkat yang masuk")
        indexes = [models.Index(fields=["user", "-last_seen_at"], name="signin_user_seen")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} {self.public_id}"


class StaffAssignment(models.Model):
    """A role a person holds at an office; national roles have no office."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("pengguna")
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("kantor"),
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = pgettext_lazy("plural", "penugasan")
        constraints = [
            models.UniqueConstraint(fields=["user", "office", "role"], name="assignment_unique"),
            models.CheckConstraint(
                condition=models.Q(office__isnull=False) | models.Q(role__in=[Role.HQ, Role.ADMIN]),
                name="office_roles_need_office",
            ),
        ]

    def __str__(self) -> str:
        where = self.office.code if self.office is not None else "nasional"
        return f"{self.user} — {self.get_role_display()} ({where})"


class Certification(models.Model):
    """Proof an officer was trained for a station type; valid from issue to expiry."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="certifications", verbose_name=_("pengguna")
    )
    station_type = models.CharField(_("pos"), max_length=20, choices=StationType.choices)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=60)
    issued_on = models.DateField(_("tanggal terbit"))
    expires_on = models.DateField(_("berlaku sampai"))
    issuer = models.CharField(_("penerbit"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sertifikasi")
        verbose_name_plural = pgettext_lazy("plural", "sertifikasi")
        ordering = ["user", "station_type", "-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(issued_on__lte=models.F("expires_on")),
                name="certification_issued_before_expiry",
            )
        ]

    def __str__(self) -> str:
        # Read in the admin's lists and messages: the station and the date in the reader's words.
        return gettext("%(user)s: %(station)s, berlaku sampai %(date)s") % {
            "user": self.user,
            "station": self.get_station_type_display(),
            "date": date_format(self.expires_on, "j F Y"),
        }
