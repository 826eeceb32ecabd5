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
    """The header's column names without case or surrounding spaces (empty for an empty file):
    "Name, Reason" names the columns `name` and `reason`.

    Excel set to Indonesian saves "CSV" with semicolons: a header that is one column holding
    ";" is such a file, said as such rather than as missing columns."""
    try:
        names = list(reader.fieldnames or ())
    except csv.Error:
        raise unreadable(1) from None
    if len(names) == 1 and ";" in names[0]:
        raise DomainError(
            _("Pemisah kolom CSV harus koma (,), bukan titik koma (;): simpan ulang sebagai CSV."),
            code="csv_separator",
        )
    return [name.strip().lower() for name in names]


def csv_rows(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows after the header, each with the line of the file it starts on.

    Blank lines are skipped but counted, and a quoted field may run over several lines: the
    line is the file's, as an editor shows it, not the row's rank. A missing field reads as ""
    and one past the header's columns is dropped. A row the csv module cannot read (a field
    over its limit, a quote left open, so that the rest of the file reads as one field) is
    refused with the line it starts on, never a crash."""
    names = csv_header(reader)
    lines = reader.reader
    while True:
        start = lines.line_num + 1
        try:
            fields = next(lines)
        except StopIteration:
            return
        except csv.Error:
            raise unreadable(start) from None
        if fields:
            row = dict(zip(names, fields, strict=False))
            yield start, {**dict.fromkeys(names, ""), **row}
