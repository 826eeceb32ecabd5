"""The period dashboard's filter: office (or national) and the period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.lib.report_years import within_report_years

NATIONAL = "nasional"
MAX_PERIOD_DAYS = 366


def check_period(start: dt.date, end: dt.date) -> None:
    """The bounds of a report's period, the dashboards' and the IKM's alike: one day
    (start == end) is a period, and the longest is a year."""
    if start > end:
        raise forms.ValidationError(_("Tanggal awal tidak boleh setelah tanggal akhir."))
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise forms.ValidationError(_("Periode paling panjang satu tahun."))


class DashboardFilter(forms.Form):
    kantor = forms.ChoiceField(label=_("Kantor"), required=False)
    dari = forms.DateField(
        label=_("Dari"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )
    sampai = forms.DateField(
        label=_("Sampai"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )

    def __init__(
        self,
        *args: Any,
        offices: list[tuple[str, list[tuple[str, str]]]],
        national: bool,
        **kwargs: Any,
    ):
        """`offices`: (province, [(code, name), …]) groups, as `office_choices_by_province`."""
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = (
            [(NATIONAL, str(_("Nasional (semua kantor)")))] if national else []
        )
        field = self.fields["kantor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices + offices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("dari"), data.get("sampai")
        if start and end:
            check_period(start, end)
        return data


class CapacityFilter(forms.Form):
    """The day to plan and the service target (docs/capacity.md: 80 % within 15 minutes)."""

    tanggal = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )
    tunggu = forms.FloatField(
        label=_("Target tunggu (menit)"), min_value=1, max_value=240, initial=15
    )
    persen = forms.IntegerField(
        label=_("Dilayani dalam target (%)"), min_value=50, max_value=99, initial=80
    )


class ReadinessFilter(forms.Form):
    """The national readiness list: one province, and only the offices not ready."""

    provinsi = forms.ChoiceField(label=_("Provinsi"), required=False)
    belum_siap = forms.BooleanField(label=_("Hanya kantor yang belum siap"), required=False)

    def __init__(self, *args: Any, provinces: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["provinsi"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", str(_("Semua provinsi"))), *((p, p) for p in provinces)]
