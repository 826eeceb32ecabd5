"""Text fields of the JSON API's input schemas, bounded like the forms that take the same data.

A form's `CharField(max_length=…)` refuses an over-long value and a NUL character before a
service sees it; a pydantic `str` takes anything — a 100 000-character name, a NUL that
PostgreSQL cannot store. `Text(n)` is the API's counterpart: surrounding spaces stripped, at
most `n` characters (the model column's length), no control characters and no direction
overrides (paspor.lib.text), and not empty — nor only invisible characters — unless
`blank=True`. The bounds appear in the OpenAPI document; a refusal is a 422 naming the field.

`Described` gives a path or query parameter its description; `NEVER_ANSWERS` is the
`openapi_extra` key under which an operation lists the shared error answers it cannot give.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from paspor.lib.text import blank, has_bidi_control

NEVER_ANSWERS = "x-never-answers"  # read and removed by paspor.api.PasporAPI

# Line breaks and tabs are text; every other control character (NUL, escape, …) is not.
_ALLOWED_CONTROLS = frozenset("\n\r\t")


def _no_control_characters(value: str) -> str:
    if any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in value):
        raise ValueError(_("tidak boleh berisi karakter kendali"))
    if has_bidi_control(value):
        raise ValueError(_("tidak boleh berisi karakter pengatur arah teks"))
    return value


def _visible(value: str) -> str:
    if blank(value):
        raise ValueError(_("tidak boleh hanya berisi karakter tak terlihat"))
    return value


@dataclass(frozen=True)
class Text:
    """`full_name: Annotated[str, Text(200)]` — a required, bounded text;
    `Text(254, blank=True)` may be empty."""

    max_length: int
    blank: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        text = core_schema.str_schema(
            strip_whitespace=True, min_length=0 if self.blank else 1, max_length=self.max_length
        )
        checked = core_schema.no_info_after_validator_function(_no_control_characters, text)
        if self.blank:
            return checked
        return core_schema.no_info_after_validator_function(_visible, checked)


@dataclass(frozen=True)
class Described:
    """`Annotated[Pool, Described("...")]`: the text becomes the description of the enum's own
    schema (`#/components/schemas/Pool`), which its module's class does not carry; the values
    stay listed there once, shared by every field that uses them. A field of that type needs
    no description of its own (pydantic drops one equal to the enum's as redundant)."""

    text: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        handler.resolve_ref_schema(json_schema)["description"] = self.text
        return json_schema
