from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.complaints.models import TRACKING_CODE, ComplaintCategory
from paspor.complaints.services import attachments_check
from paspor.lib.errors import DomainError
from paspor.lib.phone import PhoneField
from paspor.offices.models import Office
from paspor.offices.selectors import office_choices_by_province


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


BODY_MAX = 5000  # the help texts say "5.000 karakter"


class ComplaintForm(forms.Form):
    office = forms.ModelChoiceField(
        label=pgettext_lazy("complaint form", "Kantor imigrasi"),
        queryset=Office.objects.filter(is_active=True),
        to_field_name="code",
        empty_label=_("— pilih kantor —"),
    )
    # No category is chosen for the complainant: a preselected one is filed unread.
    category = forms.ChoiceField(
        label=_("Kategori"), choices=[("", _("— pilih kategori —")), *ComplaintCategory.choices]
    )
    body = forms.CharField(
        label=_("Isi pengaduan"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Ceritakan apa yang terjadi, kapan, dan di loket mana bila tahu. Paling banyak "
            "5.000 karakter."
        ),
    )
    name = forms.CharField(label=_("Nama (boleh dikosongkan)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail untuk jawaban (boleh dikosongkan)"),
        max_length=254,  # the column's length (Complaint.email)
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Telepon/WhatsApp (boleh dikosongkan)"))
    files = MultipleFileField(  # type: ignore[assignment]  # a field named like BaseForm.files
        label=_("Lampiran (PDF, PNG atau JPEG; paling banyak 3, masing-masing sampai 5 MB)"),
        required=False,
    )

    def clean_files(self) -> list[Any]:
        # Checked with the other fields, so a wrong file is said together with their mistakes
        # instead of only once they are mended (the service checks again before writing).
        files: list[Any] = self.cleaned_data["files"]
        try:
            attachments_check(files)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code="attachment") from None
        return files

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Grouped by province, by city within: the names all begin with the office's class.
        office = self.fields["office"]
        assert isinstance(office, forms.ModelChoiceField) and office.queryset is not None
        office.choices = [("", office.empty_label), *office_choices_by_province(office.queryset)]


class TrackForm(forms.Form):
    # Longer than a code (12): a pasted code often brings spaces, which the browser would cut
    # the code's end for; they are stripped here.
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        help_text=_("Bentuknya ADU-XXXXXXXX, seperti pada e-mail atau layar setelah mengadu."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split()).upper()
        if not TRACKING_CODE.fullmatch(code):
            raise forms.ValidationError(_("Kode pelacakan tidak ditemukan."), code="not_found")
        return code


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Tanggapan"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tanggapan bersifat final: disimpan dan dikirim sekali, dan tidak dapat diubah. "
            "Paling banyak 5.000 karakter."
        ),
    )


class AnsweredSearchForm(forms.Form):
    kode = forms.CharField(label=_("Cari kode pelacakan"), max_length=40, required=False)

    def clean_kode(self) -> str:
        return "".join(str(self.cleaned_data["kode"]).split()).upper()
