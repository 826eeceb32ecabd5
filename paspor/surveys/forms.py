from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.surveys.questions import QUESTIONS


class SurveyForm(forms.Form):
    comment = forms.CharField(
        label=_("Saran untuk kami (boleh dikosongkan)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        for question in QUESTIONS:
            self.fields[question.field] = forms.TypedChoiceField(
                label=str(question.text),
                choices=[(n, label) for n, label in enumerate(question.answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        self.fields["comment"] = comment

    def answers(self) -> list[int]:
        return [self.cleaned_data[question.field] for question in QUESTIONS]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[question.field] for question in QUESTIONS]


class PeriodForm(forms.Form):
    dari = forms.DateField(
        label=_("Dari"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sampai = forms.DateField(
        label=_("Sampai"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data
