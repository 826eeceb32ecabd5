"""An uploaded CSV read without a crash: lines as the file numbers them, headers as people
write them, and a semicolon file said as such."""

import csv
import io

import pytest

from paspor.lib.csv_rows import csv_header, csv_rows
from paspor.lib.errors import DomainError


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    return list(csv_rows(csv.DictReader(io.StringIO(text))))


def test_a_row_carries_the_line_it_starts_on_in_the_file():
    text = 'name,reason\n\n\nA,"two\nlines"\n\nB,x\n'
    assert [(line, row["name"]) for line, row in _rows(text)] == [(4, "A"), (7, "B")]


def test_a_short_row_reads_missing_fields_as_empty():
    assert _rows("name,reason\nA\n") == [(2, {"name": "A", "reason": ""})]


def test_header_names_are_read_without_case_or_surrounding_spaces():
    reader = csv.DictReader(io.StringIO("Name, Reason ,NIK\n"))
    assert csv_header(reader) == ["name", "reason", "nik"]
    assert _rows("Name, Reason\nA, x\n") == [(2, {"name": "A", "reason": " x"})]


def test_a_file_separated_by_semicolons_is_told_to_use_commas():
    with pytest.raises(DomainError, match=r"harus koma \(,\), bukan titik koma"):
        _rows("name;reason\nA;x\n")


def test_an_unreadable_row_is_refused_with_its_line_in_the_file():
    with pytest.raises(DomainError, match="Baris 4: isi CSV tidak dapat dibaca"):
        _rows("name,reason\nA,x\n\nB," + "a" * 140_000 + "\n")
