"""A model field for identity numbers sealed at rest (paspor.lib.sealing).

Python code reads and writes the plain number; the column holds the AES-SIV token. Because the
token is deterministic per key, `filter(nik=...)`, `nik__in`, unique constraints and indexes keep
working on the column. Any other look-up (`startswith`, `contains`, ordering by number) would
compare tokens, not numbers, and is refused with an error rather than silently wrong.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models import lookups

from paspor.lib.sealing import is_sealed, key_ring, seal, seal_all_keys, unseal

ALLOWED_LOOKUPS = {"exact", "iexact", "in", "isnull"}


class SealedIdField(models.CharField):  # type: ignore[type-arg]
    """An identity number (NIK, KK number, old passport number) stored sealed."""

    description = "Identity number sealed at rest"

    def __init__(
        self, *args: Any, purpose: str = "nik", plain_length: int = 16, **kwargs: Any
    ) -> None:
        self.purpose = purpose  # tokens of one purpose compare with each other, across tables
        self.plain_length = plain_length  # the number's own length; the column holds the token
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.purpose != "nik":
            kwargs["purpose"] = self.purpose
        if self.plain_length != 16:
            kwargs["plain_length"] = self.plain_length
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"max_length": self.plain_length, **kwargs})

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else unseal(value, self.purpose)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return unseal(value, self.purpose) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, str) and is_sealed(value):
            return value  # a token already (a look-up over every key); to_python would open it
        value = super().get_prep_value(value)
        if value is None or not isinstance(value, str):
            return value
        return seal(value, self.purpose)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in ALLOWED_LOOKUPS:
            raise FieldError(
                f"{self.name}: a sealed identity number allows only {sorted(ALLOWED_LOOKUPS)}"
                f" look-ups, not '{lookup_name}'"
            )
        return super().get_lookup(lookup_name)


class _SealedIn(lookups.In):
    """`in` over every key in the ring, so rows not yet re-sealed during a rotation still match."""

    def get_prep_lookup(self) -> Any:
        if self.rhs_is_direct_value():
            purpose = self.lhs.output_field.purpose
            self.rhs = [
                token
                for value in self.rhs
                for token in (
                    [value] if not isinstance(value, str) else seal_all_keys(value, purpose)
                )
            ]
        return super().get_prep_lookup()


class _SealedExact(lookups.Exact):
    """Equality; with more than one key in the ring it asks for any key's token."""

    def __new__(cls, lhs: Any, rhs: Any) -> Any:
        if isinstance(rhs, str) and rhs and not is_sealed(rhs) and len(key_ring()) > 1:
            return _SealedIn(lhs, [rhs])
        return super().__new__(cls)


SealedIdField.register_lookup(_SealedExact)
# Identity numbers have no case: `iexact` (the admin's "=field" search) is plain equality.
SealedIdField.register_lookup(_SealedExact, lookup_name="iexact")
SealedIdField.register_lookup(_SealedIn)
