"""Input-validation errors of the JSON API in words people read, Indonesian first.

django-ninja answers a request that does not match the documented parameters with pydantic's
list of errors, whose `msg` is English ("Field required", "Input should be a valid date").
The list stays — it is what a program reads (`type` and `loc` are unchanged) — but each `msg`
is said again in the reader's language, and a `message` sentence names every field at fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The body's own parameter name (ninja nests the body under it) says nothing to a reader.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}

_TYPE_WORDS = {
    "missing": gettext_lazy("wajib diisi"),
    "date_type": gettext_lazy("harus tanggal yang sah (TTTT-BB-HH)"),
    "date_parsing": gettext_lazy("harus tanggal yang sah (TTTT-BB-HH)"),
    "date_from_datetime_parsing": gettext_lazy("harus tanggal yang sah (TTTT-BB-HH)"),
    "date_from_datetime_inexact": gettext_lazy("harus tanggal saja, tanpa jam (TTTT-BB-HH)"),
    "datetime_type": gettext_lazy("harus waktu yang sah (ISO 8601)"),
    "datetime_parsing": gettext_lazy("harus waktu yang sah (ISO 8601)"),
    "datetime_from_date_parsing": gettext_lazy("harus waktu yang sah (ISO 8601)"),
    "time_type": gettext_lazy("harus jam yang sah (JJ:MM)"),
    "time_parsing": gettext_lazy("harus jam yang sah (JJ:MM)"),
    "int_type": gettext_lazy("harus bilangan bulat"),
    "int_parsing": gettext_lazy("harus bilangan bulat"),
    "int_from_float": gettext_lazy("harus bilangan bulat"),
    "float_type": gettext_lazy("harus angka"),
    "float_parsing": gettext_lazy("harus angka"),
    "decimal_type": gettext_lazy("harus angka"),
    "decimal_parsing": gettext_lazy("harus angka"),
    "bool_type": gettext_lazy("harus true atau false"),
    "bool_parsing": gettext_lazy("harus true atau false"),
    "string_type": gettext_lazy("harus berupa teks"),
    "string_unicode": gettext_lazy("harus berupa teks"),
    "string_pattern_mismatch": gettext_lazy("bentuknya tidak sesuai"),
    "list_type": gettext_lazy("harus berupa daftar"),
    "dict_type": gettext_lazy("harus berupa objek"),
    "model_type": gettext_lazy("harus berupa objek"),
    "model_attributes_type": gettext_lazy("harus berupa objek"),
    "uuid_type": gettext_lazy("harus UUID yang sah"),
    "uuid_parsing": gettext_lazy("harus UUID yang sah"),
    "extra_forbidden": gettext_lazy("tidak dikenal"),
    "json_invalid": gettext_lazy("bukan JSON yang sah"),
}

_BOUND_WORDS = {
    "string_too_short": ("min_length", gettext_lazy("terlalu pendek (paling sedikit {} karakter)")),
    "string_too_long": ("max_length", gettext_lazy("terlalu panjang (paling banyak {} karakter)")),
    "too_short": ("min_length", gettext_lazy("terlalu sedikit (paling sedikit {} isian)")),
    "too_long": ("max_length", gettext_lazy("terlalu banyak (paling banyak {} isian)")),
    "greater_than_equal": ("ge", gettext_lazy("harus paling kecil {}")),
    "greater_than": ("gt", gettext_lazy("harus lebih dari {}")),
    "less_than_equal": ("le", gettext_lazy("harus paling besar {}")),
    "less_than": ("lt", gettext_lazy("harus kurang dari {}")),
    "enum": ("expected", gettext_lazy("harus salah satu dari: {}")),
    "literal_error": ("expected", gettext_lazy("harus salah satu dari: {}")),
}


def field_name(loc: Iterable[Any]) -> str:
    """`["body", "payload", "profile", "nik"]` → `profile.nik`; `["query", "start"]` → `start`."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body":  # then the body parameter's own name ("payload"): no word for people
            parts = parts[1:]
    return ".".join(parts) or _("isi permintaan")


def error_words(error: Mapping[str, Any]) -> str:
    """What is wrong with one field, in the active language."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _TYPE_WORDS:
        return str(_TYPE_WORDS[kind])
    if kind == "string_too_short" and context.get("min_length") == 1:
        return str(_TYPE_WORDS["missing"])  # an empty (or all-spaces) required text
    if kind in _BOUND_WORDS:
        key, words = _BOUND_WORDS[kind]
        if key in context:
            bound = context[key]
            if key == "expected":
                # pydantic writes "'a', 'b' or 'c'" in English: list the values, no "or".
                bound = str(bound).replace(" or ", ", ")
            return str(format_lazy(str(words), bound))
    if kind == "value_error" and context.get("error"):
        # A validator of ours raised ValueError with a sentence already written for people.
        return str(context["error"])
    return _("tidak sah")


def explained(errors: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """The error list with each `msg` in words, and one sentence naming every field at fault."""
    items: list[dict[str, Any]] = []
    phrases: list[str] = []
    for error in errors:
        words = error_words(error)
        items.append({**error, "msg": words})
        phrase = f"{field_name(error.get('loc', ()))} {words}"
        if phrase not in phrases:
            phrases.append(phrase)
    sentence = _("Isian tidak sah: %(fields)s.") % {"fields": "; ".join(phrases)}
    return items, sentence
