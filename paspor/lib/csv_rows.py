"""Reading an uploaded CSV without a crash on what the csv module cannot read."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils.translation import gettext as _

from paspor.lib.errors import DomainError


def unreadable(line: int) -> DomainError:
    return DomainError(
        _("Baris %(line)s: isi CSV tidak dapat dibaca; periksa tanda kutip dan panjang kolom.")
        % {"line": line},
        code="csv_unreadable",
    )


def csv_text_check(text: str) -> None:
    """Refuses a file holding NUL, which no CSV export writes and PostgreSQL cannot store."""
    if "\x00" in text:
        raise DomainError(
            _("Berkas CSV berisi karakter NUL: simpan ulang sebagai teks UTF-8."), code="csv_text"
        )


def csv_header(reader: csv.DictReader[str]) -> list[str]:
    """The header's column names as written (empty for an empty file)."""
    try:
        names = reader.fieldnames
    except csv.Error:
        raise unreadable(1) from None
    return list(names or ())


def csv_rows(reader: csv.DictReader[str]) -> Iterator[dict[str, str]]:
    """The rows after the header; one the csv module cannot read (a field over its limit, a
    quote left open, so that the rest of the file reads as one field) is refused with the
    line it starts on, never a crash."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise unreadable(line) from None
        yield row
