"""Forms of the applicant and staff pages; they validate input, services apply the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paspor.accounts.forms import PasswordTwiceForm
from paspor.booking.conf import setting
from paspor.booking.models import (
    QUOTA_REASON_MAX,
    AllocationMode,
    ApplicantProfile,
    FlagKind,
    Pool,
    ReleaseRule,
)
from paspor.booking.rules import (
    CHILD_UNDER_RANGE,
    ELDERLY_FROM_RANGE,
    OLD_PASSPORT_LABELS,
    Answers,
    OldPassport,
)
from paspor.booking.services.applicants import password_check
from paspor.cases.types import PassportKind, Sex
from paspor.lib.birth_date import birth_date_validator
from paspor.lib.errors import DomainError
from paspor.lib.language import in_active_language
from paspor.lib.nik import NikError, parse_nik
from paspor.lib.person_text import birth_place_check, full_name_check
from paspor.lib.phone import PhoneField
from paspor.offices.models import Weekday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegisterForm(PasswordTwiceForm):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    # `User.email` holds 254 (RFC 5321's longest path); the form's own limit is 320.
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = PhoneField()
    # Kept as typed, as the sign-in form compares it (spaces at either end included).
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, jangan hanya angka."),
    )
    password_again = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        """A password the rules refuse is said in the same submit as a second one that differs
        (`account_register` checks it again)."""
        data = super().clean()
        password = data.get("password")
        if password:
            try:
                password_check(
                    password=password,
                    email=data.get("email") or "",
                    full_name=data.get("full_name") or "",
                )
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class VerifyForm(forms.Form):
    # No `maxlength`: a browser would cut "123 456", copied from the e-mail, to "123 45" and
    # send that as a wrong code, using up one of the five tries. Only six digits reach the
    # service; anything else is said at the field and costs no try.
    code = forms.RegexField(
        label=_("Kode verifikasi (6 angka)"),
        regex=r"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$",
        error_messages={"invalid": _("Masukkan 6 angka kode verifikasi dari e-mail.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        return "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())


class ProfileForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK (16 angka, sesuai KTP/KK)"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    full_name = forms.CharField(label=_("Nama lengkap sesuai KTP"), max_length=200)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices, widget=forms.RadioSelect)
    # A date no one can be born on is said with the NIK's mistakes, not one submit later
    # (`profile_add` checks it again).
    birth_date = forms.DateField(
        label=_("Tanggal lahir"), widget=DateInput(), validators=[birth_date_validator]
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100)
    phone = PhoneField()

    def clean_nik(self) -> str:
        """An impossible number is said with the other fields' mistakes, not one submit later
        (`profile_add` checks it again, and normalises it)."""
        nik: str = self.cleaned_data["nik"]
        try:
            parse_nik(nik, today=timezone.localdate())
        except NikError as exc:
            message = in_active_language(exc.message, exc.message_en)
            raise forms.ValidationError(message, code=f"nik_{exc.code}") from None
        return nik

    def clean_full_name(self) -> str:
        return _words(self.cleaned_data["full_name"], full_name_check)

    def clean_birth_place(self) -> str:
        return _words(self.cleaned_data["birth_place"], birth_place_check)


def _words(value: str, check: Callable[[str], None]) -> str:
    """A name or place said at its field with the other mistakes (the service checks again)."""
    try:
        check(value)
    except DomainError as exc:
        raise forms.ValidationError(exc.message, code=exc.code) from None
    return value


class ProfileEditForm(ProfileForm):
    """The same person's data corrected: everything but the NIK, which stays as booked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["nik"]


class ProfileRadioSelect(forms.RadioSelect):
    """The people of the account; one in `unavailable` is listed but cannot be chosen."""

    unavailable: frozenset[str] = frozenset()

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        if str(option["value"]) in self.unavailable:
            option["attrs"]["disabled"] = True
        return option


def active_booking_note(code: str) -> str:
    """Beside a person who cannot be booked for again: why, and what to do instead. `code` is
    the account's own active booking; empty when another account made it (its code stays
    hidden)."""
    if code:
        return _(
            "sudah punya booking aktif %(code)s: ubah jadwal atau batalkan dulu booking tersebut"
        ) % {"code": code}
    return str(_("NIK ini sudah punya booking aktif dari akun lain"))


def active_booking_refusal(code: str) -> str:
    """The same as a sentence, when such a person is chosen anyway (a page opened earlier)."""
    if code:
        return _(
            "Pemohon ini sudah punya booking aktif %(code)s. Ubah jadwal booking tersebut atau "
            "batalkan dulu sebelum memesan lagi."
        ) % {"code": code}
    return str(_("NIK ini sudah punya booking aktif dari akun lain."))


class QuestionnaireForm(forms.Form):
    profile = forms.ChoiceField(label=_("Untuk siapa?"), widget=ProfileRadioSelect)
    old_passport = forms.ChoiceField(
        label=_("Paspor sebelumnya"),
        choices=[(k.value, v) for k, v in OLD_PASSPORT_LABELS.items()],
        widget=forms.RadioSelect,
    )
    data_changed = forms.BooleanField(
        label=_("Nama, tanggal lahir atau tempat lahir berubah sejak paspor lama"), required=False
    )
    married = forms.BooleanField(
        label=_("Sudah/pernah menikah (penting untuk pemohon di bawah 17 tahun)"), required=False
    )
    disability = forms.BooleanField(label=_("Penyandang disabilitas"), required=False)
    pregnant = forms.BooleanField(label=_("Sedang hamil"), required=False)
    passport_kind = forms.ChoiceField(
        label=_("Jenis paspor"),
        choices=PassportKind.choices,
        initial=PassportKind.ELECTRONIC,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        profiles: list[ApplicantProfile],
        active: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        """`active`: public id of a profile whose NIK has an active booking → that booking's
        code ("" when another account made it). Such a person is shown, marked and not
        selectable: one active booking per NIK (the database index is the real guard)."""
        super().__init__(*args, **kwargs)
        self._active = active or {}
        field = self.fields["profile"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(p.public_id), self._label(p)) for p in profiles]
        assert isinstance(field.widget, ProfileRadioSelect)
        field.widget.unavailable = frozenset(self._active)
        self._sex = {str(p.public_id): p.sex for p in profiles}

    def _label(self, profile: ApplicantProfile) -> str:
        label = f"{profile.full_name} ({profile.nik_masked})"
        code = self._active.get(str(profile.public_id))
        return label if code is None else f"{label} — {active_booking_note(code)}"

    def clean_profile(self) -> str:
        chosen: str = self.cleaned_data["profile"]
        if chosen in self._active:  # a page opened before that booking was made
            raise forms.ValidationError(
                active_booking_refusal(self._active[chosen]), code="nik_active"
            )
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("pregnant") and self._sex.get(str(data.get("profile"))) == Sex.MALE:
            self.add_error("pregnant", _("Pilihan “Sedang hamil” hanya untuk pemohon perempuan."))
        return data

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            old_passport=OldPassport(data["old_passport"]),
            data_changed=bool(data.get("data_changed")),
            married=bool(data.get("married")),
            disability=bool(data.get("disability")),
            pregnant=bool(data.get("pregnant")),
            passport_kind=data["passport_kind"],
        )


class RescheduleForm(forms.Form):
    date = forms.DateField(label=_("Tanggal baru"), widget=DateInput())
    session = forms.CharField(label=_("Sesi"), max_length=5)


class InvalidForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlagReviewForm(forms.Form):
    kind = forms.ChoiceField(choices=FlagKind.choices)
    ident = forms.CharField(max_length=254)
    note = forms.CharField(
        label=_("Catatan tinjauan"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QuotaForm(forms.Form):
    """One quota, or the same quota for every service day or every session at once."""

    EVERY = "all"

    weekday = forms.ChoiceField(label=_("Hari"), required=False)
    date = forms.DateField(label=_("atau tanggal tertentu"), required=False, widget=DateInput())
    session = forms.ChoiceField(label=_("Sesi"))
    pool = forms.ChoiceField(label=_("Kuota"), choices=Pool.choices)
    capacity = forms.IntegerField(label=_("Kapasitas"), min_value=0, max_value=10000)
    reason = forms.CharField(
        label=_("Alasan (untuk tanggal tertentu)"),
        required=False,
        max_length=QUOTA_REASON_MAX,
    )

    def __init__(
        self,
        *args: Any,
        sessions: list[tuple[str, str]],
        open_weekdays: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = [key for key, _label in sessions]
        self.open_weekdays = open_weekdays
        weekday = self.fields["weekday"]
        assert isinstance(weekday, forms.ChoiceField)
        weekday.choices = [
            ("", "—"),
            (self.EVERY, _("Setiap hari layanan kantor")),
            *[(str(value), label) for value, label in Weekday.choices],
        ]
        session = self.fields["session"]
        assert isinstance(session, forms.ChoiceField)
        session.choices = [*sessions, (self.EVERY, _("Semua sesi"))]

    def clean(self) -> dict[str, Any]:
        """Adds `weekdays` (the days a weekday quota is for) and `session_keys`."""
        data = super().clean() or {}
        day = data.get("weekday") or ""
        has_date = isinstance(data.get("date"), dt.date)
        if bool(day) == has_date:
            raise forms.ValidationError(_("Isi hari ATAU tanggal tertentu (salah satu)."))
        data["weekdays"] = self.open_weekdays if day == self.EVERY else [int(day)] if day else []
        if day == self.EVERY and not self.open_weekdays:
            self.add_error("weekday", _("Kantor ini belum punya hari layanan (jam layanan)."))
        chosen = data.get("session")
        data["session_keys"] = self.sessions if chosen == self.EVERY else [chosen]
        return data


class SessionForm(forms.Form):
    """A new arrival session, or a new end for the session that starts at that time."""

    start = forms.TimeField(
        label=_("Datang mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Datang sampai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


class PolicyForm(forms.Form):
    """When dates open, and for each pool first come or a ballot (`booking_policy_set`)."""

    release_rule = forms.ChoiceField(
        label=_("Aturan pembukaan kuota"), choices=ReleaseRule.choices, widget=forms.RadioSelect
    )
    release_time = forms.TimeField(
        label=_("Jam pembukaan (waktu kantor)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    rolling_days = forms.IntegerField(
        label=_("Hari dibuka sebelumnya (aturan bergulir)"), min_value=1, max_value=365
    )
    ballot_window_hours = forms.IntegerField(
        label=_("Lama pendaftaran undian (jam)"), min_value=1, max_value=14 * 24
    )
    priority_child_under = forms.IntegerField(
        label=_("Prioritas: anak di bawah umur (tahun)"),
        required=False,
        min_value=CHILD_UNDER_RANGE[0],
        max_value=CHILD_UNDER_RANGE[1],
    )
    priority_elderly_from = forms.IntegerField(
        label=_("Prioritas: lansia mulai umur (tahun)"),
        required=False,
        min_value=ELDERLY_FROM_RANGE[0],
        max_value=ELDERLY_FROM_RANGE[1],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, key in (
            ("priority_child_under", "BOOKING_PRIORITY_CHILD_UNDER"),
            ("priority_elderly_from", "BOOKING_PRIORITY_ELDERLY_FROM"),
        ):
            self.fields[name].help_text = _("Kosong: mengikuti pengaturan pusat (%(n)s tahun).") % {
                "n": setting(key)
            }
        for pool, label in Pool.choices:
            self.fields[f"mode_{pool}"] = forms.ChoiceField(
                label=_("Cara alokasi: %(pool)s") % {"pool": label},
                choices=AllocationMode.choices,
                widget=forms.RadioSelect,
            )

    def modes(self) -> dict[str, str]:
        return {pool: self.cleaned_data[f"mode_{pool}"] for pool in Pool.values}
