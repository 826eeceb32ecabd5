"""The travel-ban list import: lines as the file numbers them, headers as people write them,
caps that fit a request, and a command that answers in words, never a traceback."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from paspor.cases import travel_ban
from paspor.cases.models import TravelBanEntry
from paspor.cases.travel_ban import travel_ban_import_csv
from paspor.lib.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_bad_row_is_named_by_its_line_in_the_file(hq_user):
    text = "name,aliases,birth_date,nik,reason,valid_until\n\n\n,,,,,\n"
    with pytest.raises(DomainError, match="Baris 4: nama dan alasan wajib diisi"):
        travel_ban_import_csv(text=text, by=hq_user)


def test_a_reason_of_invisible_characters_is_no_reason(hq_user):
    text = "name,reason\nBudi Hartono,\u200b\u200f\n"
    with pytest.raises(DomainError, match="Baris 2: nama dan alasan wajib diisi"):
        travel_ban_import_csv(text=text, by=hq_user)
    assert not TravelBanEntry.objects.exists()


def test_a_quoted_field_over_two_lines_moves_the_next_line(hq_user):
    text = 'name,reason\n"Budi\nHartono",Cegah KPK\nSiti,\n'
    with pytest.raises(DomainError, match="Baris 4:"):
        travel_ban_import_csv(text=text, by=hq_user)


def test_header_names_are_read_without_case_or_spaces(hq_user):
    result = travel_ban_import_csv(text="Name, Reason\nBudi Hartono,Cegah KPK\n", by=hq_user)
    assert (result.created, result.updated) == (1, 0)
    assert TravelBanEntry.objects.get().reason == "Cegah KPK"


def test_a_file_separated_by_semicolons_is_told_to_use_commas(hq_user):
    with pytest.raises(DomainError, match=r"harus koma \(,\), bukan titik koma"):
        travel_ban_import_csv(text="name;reason\nBudi;Cegah\n", by=hq_user)


@pytest.mark.parametrize(
    ("birth_date", "said"),
    [("9999-12-31", "tidak boleh di masa depan"), ("1800-01-01", "lebih dari 130 tahun")],
)
def test_a_birth_date_no_one_has_is_refused_with_its_line(hq_user, birth_date, said):
    """Such an entry never matched an applicant: it barred no one, silently."""
    text = f"name,birth_date,reason\nBudi,1970-01-01,Cegah\nTono,{birth_date},Cegah\n"
    with pytest.raises(DomainError, match=f"Baris 3: Tanggal lahir {said}"):
        travel_ban_import_csv(text=text, by=hq_user)
    assert not TravelBanEntry.objects.exists()


def test_the_entry_form_refuses_a_birth_date_no_one_has():
    entry = TravelBanEntry(full_name="Tono", reason="Cegah", birth_date=dt.date(9999, 12, 31))
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "birth_date" in refused.value.message_dict


def test_a_row_repeating_an_earlier_one_updates_it(hq_user):
    text = "name,birth_date,reason\nBudi,1970-01-01,Cegah KPK\nBudi,1970-01-01,Cegah Kejagung\n"
    result = travel_ban_import_csv(text=text, by=hq_user)
    assert (result.created, result.updated) == (1, 1)
    assert TravelBanEntry.objects.get().reason == "Cegah Kejagung"


def test_a_list_over_the_row_cap_is_refused_naming_it(hq_user, monkeypatch):
    monkeypatch.setattr(travel_ban, "MAX_ROWS", 2)
    with pytest.raises(DomainError, match="paling banyak 2 baris"):
        travel_ban_import_csv(text="name,reason\nA,x\nB,x\nC,x\n", by=hq_user)
    assert not TravelBanEntry.objects.exists()


def test_a_list_over_the_size_cap_is_refused_naming_it(hq_user, monkeypatch):
    monkeypatch.setattr(travel_ban, "MAX_CHARS", 3 * 1024 * 1024)
    text = "name,reason\n" + "Nama,alasan panjang\n" * 170_000
    with pytest.raises(DomainError, match="3 MB"):
        travel_ban_import_csv(text=text, by=hq_user)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,reason\nJosé,alasan\n".encode("latin-1"), "harus UTF-8"),
        (("name,reason\nA," + "a" * 140_000 + "\n").encode(), "Baris 2: isi CSV tidak"),
        (b"name,reason\nA\x00B,alasan\n", "karakter NUL"),
        (("name,reason\n" + "N" * 201 + ",alasan\n").encode(), "nama paling panjang 200"),
    ],
)
def test_the_command_refuses_a_bad_file_in_words(tmp_path, content, message):
    path = tmp_path / "daftar.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("cases_import_travel_bans", str(path))
    assert not TravelBanEntry.objects.exists()


def test_the_upload_page_names_the_caps_and_refuses_a_file_over_them_unread(
    client_for, hq_user, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(hq_user)
    page = client.get(reverse("cases:travel_bans")).content.decode()
    assert "Paling banyak 10.000 baris dan 2 MB." in page
    monkeypatch.setattr(travel_ban, "MAX_CHARS", 1024 * 1024)
    big = SimpleUploadedFile("daftar.csv", b"name,reason\n" + b"x" * (4 * 1024 * 1024 + 1))
    refused = client.post(reverse("cases:travel_bans"), {"file": big})
    assert refused.status_code == 400
    assert "Berkas CSV terlalu besar" in refused.content.decode()
    assert not TravelBanEntry.objects.exists()


def test_the_caps_group_thousands_the_readers_way():
    from django.utils import translation

    with translation.override("en"):
        assert travel_ban.travel_ban_caps_text() == "At most 10,000 rows and 2 MB."
    with translation.override("id"):
        assert travel_ban.travel_ban_caps_text() == "Paling banyak 10.000 baris dan 2 MB."
