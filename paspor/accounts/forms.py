from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(  # Django's own label reads "Sandi" in Indonesian
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nama pengguna/e-mail atau kata sandi salah. Periksa kembali, huruf besar dan kecil "
            "dibedakan."
        ),
        "inactive": _("Akun ini tidak aktif."),
    }

    def clean_username(self) -> str:
        return sign_in_name(str(self.cleaned_data["username"]))


def sign_in_name(typed: str) -> str:
    """The name a sign-in counts failures against. An e-mail address signs in whatever its
    capitals (`UsernameOrEmailBackend`), so it is counted in one spelling: counted as typed,
    "Pemohon@…" would start a fresh lockout after "pemohon@…" was locked."""
    name = typed.strip()
    return name.lower() if "@" in name else name


class TwoFactorCodeForm(forms.Form):
    """The code as the app shows it ("123 456") or as typed ("123456"): the pages get six ASCII
    digits either way. django-otp reads the code with `int()`, so a space left in made every
    code typed as shown a wrong one, and each wrong one doubles the wait for the next try."""

    code = forms.RegexField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        regex=r"^\s*[0-9]{3}\s?[0-9]{3}\s*$",
        error_messages={"invalid": _("Masukkan 6 angka yang tampil di aplikasi autentikator.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(ch for ch in self.cleaned_data["code"] if ch in "0123456789")


class PasswordForgotForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail akun"),
        max_length=254,  # `User.email`: a longer address is no account's
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordTwiceForm(forms.Form):
    """A new password typed twice (`password`, `password_again`): a mistyped second one is said
    at its field. Registration and the forgotten-password page both ask for it."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Kata sandi tidak sama."))
        return data


class NewPasswordForm(PasswordTwiceForm):
    password = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autofocus": True, "autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, jangan hanya angka."),
    )
    password_again = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordChangeForm(NewPasswordForm):
    """The owner's own new password: the current one first, then the new one twice."""

    current = forms.CharField(
        label=_("Kata sandi sekarang"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autofocus": True, "autocomplete": "current-password"}),
    )
    field_order = ["current", "password", "password_again"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs.pop("autofocus", None)
