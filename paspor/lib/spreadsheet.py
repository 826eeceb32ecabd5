"""Rows of the XLSX exports (openpyxl) whose texts stay the text people typed.

openpyxl stores a text that starts with "=" as a formula, which the spreadsheet opening the
file runs: an office name, a reason or a value of an uploaded file typed as "=HYPERLINK(…)"
would send the sheet's data elsewhere (OWASP "CSV injection"). A row appended here keeps such a
text a text. An export's own formulas (the IKM sheet's sums) are appended as formulas instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def append_text_row(sheet: Any, values: Iterable[object]) -> None:
    """Append `values` as the sheet's next row, a text that starts with "=" kept a text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
