"""A stored code shown in words: the label of its choice in the active language."""

from __future__ import annotations

from typing import Any

from django.db import models


def choice_label(choices: type[models.Choices], value: Any) -> str:
    """`value`'s label in `choices`; a code the table does not know (an older release wrote it,
    a bank sent it) as it is."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
