from django import forms
from django.utils.translation import gettext_lazy as _


class PiiFilterForm(forms.Form):
    petugas = forms.CharField(label=_("Petugas (nama pengguna)"), required=False, max_length=150)
    permohonan = forms.CharField(label=_("Nomor permohonan"), required=False, max_length=12)
    dari = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
