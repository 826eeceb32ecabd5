from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.complaints.models import ComplaintCategory
from paspor.lib.phone import PhoneField
from paspor.offices.models import Office


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


class ComplaintForm(forms.Form):
    office = forms.ModelChoiceField(
        label=pgettext_lazy("complaint form", "Kantor imigrasi"),
        queryset=Office.objects.filter(is_active=True),
        to_field_name="code",
        empty_label=_("— pilih kantor —"),
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=ComplaintCategory.choices)
    body = forms.CharField(
        label=_("Isi pengaduan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan apa yang terjadi, kapan, dan di loket mana bila tahu."),
    )
    name = forms.CharField(label=_("Nama (boleh dikosongkan)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail untuk jawaban (boleh dikosongkan)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Telepon/WhatsApp (boleh dikosongkan)"))
    files = MultipleFileField(  # type: ignore[assignment]  # a field named like BaseForm.files
        label=_("Lampiran (PDF, PNG atau JPEG; paling banyak 3, masing-masing sampai 5 MB)"),
        required=False,
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=12)


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Tanggapan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
