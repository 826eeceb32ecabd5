from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The log starts with this system, and a filter day is turned into the next midnight: dates far
# outside these years (0001, 9999) are typing slips, and 9999-12-31 has no next day at all.
FIRST_YEAR = 2000
LAST_YEAR = 2099


def _within_log_years(value: dt.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Masukkan tanggal antara tahun %(first)s dan %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class PiiFilterForm(forms.Form):
    petugas = forms.CharField(label=_("Petugas (nama pengguna)"), required=False, max_length=150)
    permohonan = forms.CharField(label=_("Nomor permohonan"), required=False, max_length=12)
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[_within_log_years],
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[_within_log_years],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("dari"), data.get("sampai")
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal awal tidak boleh setelah tanggal akhir."))
        return data
