"""Display helpers of the officer screens (numbers and labels in the page's language)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from paspor.cases.documents import document_label
from paspor.cases.interview import MIGRANT_WORK_RULES
from paspor.lib.language import in_active_language, nik_notes_shown

register = template.Library()

_DECIMAL = re.compile(r"\d+\.\d+")


@register.filter
def local_numbers(text: Any) -> str:
    """Decimals written by the code ("≥ 2.5") in the page's style ("≥ 2,5" in Indonesian)."""
    return _DECIMAL.sub(lambda m: formats.number_format(Decimal(m.group())), str(text))


@register.filter
def check_label(check: dict[str, Any]) -> str:
    """A photo check's label in the page's language (the report stores both)."""
    return in_active_language(str(check.get("label_id") or ""), str(check.get("label_en") or ""))


_FLAG_RULES = {rule.code: rule for rule in MIGRANT_WORK_RULES}


@register.filter
def flag_message(flag: dict[str, Any]) -> str:
    """An interview flag in the page's language; the interview stores it in Indonesian."""
    rule = _FLAG_RULES.get(str(flag.get("code", "")))
    return rule.message if rule is not None else str(flag.get("message", ""))


@register.filter
def nik_notes(case: Any) -> list[str]:
    """The case's NIK notes in the page's language (the case keeps them in Indonesian)."""
    return nik_notes_shown(
        list(case.nik_warnings), nik=case.nik, birth_date=case.birth_date, sex=case.sex
    )


_BAN_BASIS = {
    "nik": _("NIK sama"),
    "name_birth_date": _("Nama dan tanggal lahir"),
    "name_only": _("Nama saja (daftar tanpa tanggal lahir)"),
}


@register.filter
def ban_basis(code: Any) -> str:
    """Why a travel-ban entry hit, in words (the check stores a code)."""
    label = _BAN_BASIS.get(str(code))
    return str(label) if label is not None else str(code)


@register.filter
def document_name(code: Any) -> str:
    """A document's name from its stored code ("ktp" → the e-KTP's label)."""
    return document_label(str(code))


@register.filter
def file_kind(content_type: Any) -> str:
    """A stored file's type as an officer names it: "image/jpeg" → "JPEG", "application/pdf"
    → "PDF"."""
    return str(content_type).rpartition("/")[2].upper()
