from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paspor.lib.report_years import within_report_years
from paspor.reports.forms import check_period
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

    def questions_missing(self) -> bool:
        """Whether a question is unanswered (the suggestion's own error is said at its field)."""
        return any(question.field in self.errors for question in QUESTIONS)


DATE_ERRORS = {
    "invalid": _("Masukkan tanggal yang benar, misalnya 2026-09-01."),
    "required": _("Isi tanggal ini."),
}


class PeriodForm(forms.Form):
    dari = forms.DateField(
        label=_("Dari"),
        input_formats=["%Y-%m-%d"],
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )
    sampai = forms.DateField(
        label=_("Sampai"),
        input_formats=["%Y-%m-%d"],
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_report_years],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("dari"), data.get("sampai")
        if start and end:
            # The dashboards' bounds: the index is reported per quarter, semester or year.
            check_period(start, end)
        return data
