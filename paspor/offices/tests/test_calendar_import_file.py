"""`import_calendar` on a file it cannot take: a message, never a traceback or a database
error (PostgreSQL refuses a NUL and a name over 200 characters; SQLite stored them)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command

from paspor.offices.models import CalendarDay
from paspor.offices.services import calendar_import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2026():
    with time_machine.travel(dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date,kind,name\n2026-12-03,closure,Pemadaman é\n".encode("latin-1"), "harus UTF-8"),
        (("date,kind,name\n2026-12-03,closure," + "a" * 140_000 + "\n").encode(), "Baris 2: isi"),
        (b"date,kind,name\n2026-12-03,closure,Pem\x00adaman\n", "karakter NUL"),
        (
            ("date,kind,name\n2026-12-03,closure," + "n" * 201 + "\n").encode(),
            "Baris 2: kolom name paling panjang 200",
        ),
        (
            ("date,kind,source\n\n2026-12-03,closure," + "s" * 201 + "\n").encode(),
            "Baris 3: kolom source paling panjang 200",
        ),
        (b"date;kind;name\n2026-12-03;closure;Pemadaman\n", "harus koma"),
    ],
)
def test_the_command_refuses_a_bad_file_in_words(office, tmp_path, content, message):
    path = tmp_path / "kalender.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_calendar", str(path), "--office", office.code)
    assert not CalendarDay.objects.filter(office=office).exists()


def test_lines_are_numbered_as_in_the_file_and_headers_read_without_case(office):
    text = "Date, Kind\n\n\n2026-13-01,closure\n"
    result = calendar_import_csv(office=office, text=text, by=None)
    assert result.errors == ["Baris 4: tanggal harus berformat YYYY-MM-DD"]
