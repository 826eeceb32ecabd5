"""The paging line under a long list: counts grouped the way the reader's language writes them."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def _paging(language: str, rows: int, number: int) -> str:
    page = Paginator(range(rows), 50).page(number)
    with translation.override(language):
        html = render_to_string(
            "issuance/_pages.html",
            {"page": page, "query": "q=1", "parameter": "halaman", "label": "tagihan"},
        )
    return " ".join(html.split())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Baris 1.201–1.250 dari 12.345"),
        ("en", "Rows 1,201–1,250 of 12,345"),
    ],
)
def test_the_row_counts_are_grouped_in_the_readers_language(language, expected):
    line = _paging(language, rows=12_345, number=25)
    assert expected in line
    assert "?q=1&amp;halaman=24" in line and "?q=1&amp;halaman=26" in line


def test_the_page_count_is_grouped_too():
    assert "Halaman 1.001 dari 1.001" in _paging("id", rows=50_050, number=1_001)


def test_a_list_of_one_page_has_no_paging_line():
    assert _paging("id", rows=50, number=1) == ""
