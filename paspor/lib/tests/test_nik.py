from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paspor.lib.nik import (
    NikError,
    NikInfo,
    RegencyKind,
    nik_compare,
    nik_notes,
    parse_nik,
    regency_kind,
    region_name,
)

TODAY = date(2026, 3, 17)


def _parse(nik: str) -> NikInfo:
    return parse_nik(nik, today=TODAY)


def _rejection_code(nik: str) -> str:
    with pytest.raises(NikError) as caught:
        _parse(nik)
    return caught.value.code


# --- The examples of STANDARDS.md §2 -------------------------------------------------------------


def test_man_from_banten_regency_02_born_12_november_1987() -> None:
    info = _parse("3602041211870001")
    assert info.province_code == "36"
    assert info.province_name == "Banten"
    assert info.regency_code == "36.02"
    assert info.regency_kind is RegencyKind.KABUPATEN
    assert info.district_code == "36.02.04"
    assert info.birth_date == date(1987, 11, 12)
    assert info.sex == "M"
    assert info.serial == "0001"
    assert info.warnings == []


def test_regency_36_02_is_lebak_in_the_kemendagri_list() -> None:
    # Kabupaten Serang is 36.04; 36.02 is Lebak in Kepmendagri 300.2.2-2138/2025.
    assert _parse("3602041211870001").regency_name == "Kabupaten Lebak"
    assert region_name("36.04") == "Kabupaten Serang"


def test_woman_from_kota_bandung_born_20_october_1990() -> None:
    info = _parse("3273056010900009")
    assert info.province_name == "Jawa Barat"
    assert info.regency_code == "32.73"
    assert info.regency_name == "Kota Bandung"
    assert info.regency_kind is RegencyKind.KOTA
    assert info.sex == "F"
    assert info.birth_date == date(1990, 10, 20)
    assert info.warnings == []


def test_ketapang_is_regency_04_of_kalimantan_barat() -> None:
    info = _parse("6104011503850002")
    assert info.province_name == "Kalimantan Barat"
    assert info.regency_code == "61.04"
    assert info.regency_name == "Kabupaten Ketapang"
    assert info.district_name is not None


def test_district_name_is_filled_when_known() -> None:
    assert _parse("3273056010900009").district_name == region_name("32.73.05")
    assert region_name("32.73.05") is not None


def test_spaces_between_groups_are_ignored() -> None:
    assert _parse(" 3602 0412 1187 0001 ").nik == "3602041211870001"


def test_the_list_has_38_provinces() -> None:
    provinces = [code for n in range(100) if region_name(code := f"{n:02d}") is not None]
    assert len(provinces) == 38
    assert region_name("96") == "Papua Barat Daya"


# --- Kabupaten or kota ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("regency", "kind"),
    [
        ("01", RegencyKind.KABUPATEN),
        ("69", RegencyKind.KABUPATEN),
        ("70", None),
        ("71", RegencyKind.KOTA),
        ("99", RegencyKind.KOTA),
    ],
)
def test_regency_codes_below_70_are_kabupaten_above_are_kota(
    regency: str, kind: RegencyKind | None
) -> None:
    assert regency_kind(regency) is kind


# --- Women's day + 40 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("raw_day", "day"), [("41", 1), ("50", 10), ("71", 31)])
def test_woman_day_of_birth_is_written_plus_40(raw_day: str, day: int) -> None:
    info = _parse(f"327305{raw_day}01900009")
    assert info.sex == "F"
    assert info.birth_date == date(1990, 1, day)


@pytest.mark.parametrize("raw_day", ["01", "31"])
def test_day_of_birth_up_to_31_is_a_man(raw_day: str) -> None:
    assert _parse(f"327305{raw_day}01900009").sex == "M"


# --- Century -------------------------------------------------------------------------------------


def test_year_not_after_today_stays_in_this_century() -> None:
    assert _parse("3273051703260001").birth_date == date(2026, 3, 17)


def test_birth_later_this_year_than_today_belongs_to_last_century() -> None:
    assert _parse("3273051803260001").birth_date == date(1926, 3, 18)


def test_year_after_this_year_belongs_to_last_century() -> None:
    assert _parse("3273050101300001").birth_date == date(1930, 1, 1)


def test_year_00_is_2000_in_this_century() -> None:
    assert _parse("3273050101000001").birth_date == date(2000, 1, 1)


def test_century_follows_the_given_today() -> None:
    info = parse_nik("3273050101300001", today=date(2031, 1, 1))
    assert info.birth_date == date(2030, 1, 1)


def test_29_february_2000_exists() -> None:
    assert _parse("3273052902000001").birth_date == date(2000, 2, 29)


def test_29_february_00_is_refused_when_the_century_makes_it_1900() -> None:
    assert parse_nik("3273052902000001", today=date(2000, 2, 29)).birth_date == date(2000, 2, 29)
    with pytest.raises(NikError):
        parse_nik("3273052902000001", today=date(2000, 2, 28))


def test_29_february_00_read_in_a_century_without_it_is_2000() -> None:
    # 2100 is no leap year: the latest 29 February '00 not after today is 2000-02-29.
    assert parse_nik("3273052902000001", today=date(2100, 3, 1)).birth_date == date(2000, 2, 29)
    assert parse_nik("3273056902000001", today=date(2150, 1, 1)).birth_date == date(2000, 2, 29)


# --- Rejections ----------------------------------------------------------------------------------


@pytest.mark.parametrize("nik", ["", "360204121187000", "36020412118700011"])
def test_nik_must_have_16_digits(nik: str) -> None:
    assert _rejection_code(nik) == "length"


@pytest.mark.parametrize("nik", ["36020412118700O1", "3602-0412-1187-0001", "٣602041211870001"])
def test_nik_has_digits_only(nik: str) -> None:
    assert _rejection_code(nik) == "not_digits"


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_month_outside_1_to_12_is_impossible(month: str) -> None:
    assert _rejection_code(f"36020412{month}870001") == "month"


@pytest.mark.parametrize("day", ["00", "32", "35", "40", "72", "80", "99"])
def test_day_00_32_to_40_and_72_up_is_impossible(day: str) -> None:
    assert _rejection_code(f"360204{day}11870001") == "day"


@pytest.mark.parametrize(
    "nik",
    [
        "3602043104870001",  # 31 April
        "3602047104870001",  # a woman born 31 April
        "3602043002880001",  # 30 February
        "3602042902870001",  # 29 February 1987
        "3602043111870001",  # 31 November
    ],
)
def test_day_missing_from_the_calendar_is_impossible(nik: str) -> None:
    assert _rejection_code(nik) == "date"


def test_29_february_in_a_leap_year_is_accepted() -> None:
    assert _parse("3602042902880001").birth_date == date(1988, 2, 29)


def test_serial_0000_is_impossible() -> None:
    assert _rejection_code("3602041211870000") == "serial"


def test_rejection_speaks_indonesian_and_english() -> None:
    with pytest.raises(NikError) as caught:
        _parse("3602041213870001")
    assert str(caught.value) == "Bulan lahir pada NIK (13) tidak mungkin: harus 01–12."
    assert "month" in caught.value.message_en
    assert isinstance(caught.value, ValueError)


# --- Unknown regions only warn -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "level"),
    [
        ("0002041211870001", "provinsi 00"),
        ("3600041211870001", "kabupaten/kota 36.00"),
        ("3602001211870001", "kecamatan 36.02.00"),
    ],
)
def test_a_00_region_code_is_never_issued_but_only_warns(nik: str, level: str) -> None:
    # STANDARDS.md §2: unknown region codes are a warning for the officer, not a rejection.
    info = _parse(nik)
    assert info.birth_date == date(1987, 11, 12)
    assert len(info.warnings) == 1
    assert level in info.warnings[0]
    assert "tidak pernah dipakai" in info.warnings[0]


def test_unknown_province_warns_but_parses() -> None:
    info = _parse("2002041211870001")
    assert info.province_name is None
    assert info.regency_name is None
    assert len(info.warnings) == 1
    assert "provinsi 20" in info.warnings[0]


def test_unknown_regency_in_known_province_warns_once() -> None:
    info = _parse("3698041211870001")
    assert info.province_name == "Banten"
    assert info.regency_name is None
    assert info.regency_kind is RegencyKind.KOTA
    assert len(info.warnings) == 1
    assert "kabupaten/kota 36.98" in info.warnings[0]


def test_unknown_district_in_known_regency_warns() -> None:
    info = _parse("3273991211870001")
    assert info.regency_name == "Kota Bandung"
    assert info.district_name is None
    assert len(info.warnings) == 1
    assert "kecamatan 32.73.99" in info.warnings[0]


def test_regency_code_70_is_neither_kabupaten_nor_kota_and_only_warns() -> None:
    info = _parse("3670041211870001")
    assert info.regency_kind is None
    assert info.warnings


# --- Comparing with the stated birth date and sex ------------------------------------------------


def test_matching_birth_date_and_sex_raise_no_warning() -> None:
    info = _parse("3273056010900009")
    assert nik_compare(info=info, birth_date=date(1990, 10, 20), sex="F") == []


def test_different_birth_date_is_flagged() -> None:
    info = _parse("3602041211870001")
    warnings = nik_compare(info=info, birth_date=date(1987, 11, 13), sex="M")
    assert len(warnings) == 1
    assert "12-11-1987" in warnings[0]
    assert "13-11-1987" in warnings[0]


def test_different_sex_is_flagged() -> None:
    info = _parse("3273056010900009")
    warnings = nik_compare(info=info, birth_date=date(1990, 10, 20), sex="M")
    expected = (
        "Jenis kelamin pada NIK (perempuan) berbeda dengan jenis kelamin yang dinyatakan "
        "(laki-laki)."
    )
    assert warnings == [expected]


def test_both_disagreements_are_flagged() -> None:
    info = _parse("3602041211870001")
    assert len(nik_compare(info=info, birth_date=date(1988, 11, 12), sex="F")) == 2


def test_every_note_has_an_english_twin_for_an_english_page() -> None:
    region = _parse("3698041211870001")
    assert region.warnings_en == [
        "The regency/city code 36.98 in the NIK is not in Kemendagri's latest list of regions. "
        "This is no reason to refuse: the region may have been split since the NIK was issued. "
        "Check it against the KTP and the KK."
    ]
    unused = _parse("0004041211870001")
    assert "province code 00 in the NIK was never used" in unused.warnings_en[0]
    info = _parse("3273056010900009")
    assert nik_compare(info=info, birth_date=date(1990, 10, 21), sex="M", english=True) == [
        "The birth date in the NIK (20-10-1990) differs from the stated birth date (21-10-1990). "
        "Check the birth certificate; the NIK stays valid and is not reissued to correct this.",
        "The sex in the NIK (female) differs from the stated sex (male).",
    ]


def test_the_notes_of_a_stored_nik_in_either_language() -> None:
    indonesian, english = (
        nik_notes(
            "3698041211870001",
            birth_date=date(1987, 11, 13),
            sex="F",
            english=english,
            today=date(2026, 1, 1),
        )
        for english in (False, True)
    )
    assert len(indonesian) == len(english) == 3  # region, birth date, sex
    assert indonesian[0].startswith("Kode kabupaten/kota 36.98")
    assert english[2] == "The sex in the NIK (male) differs from the stated sex (female)."


def test_birth_a_century_earlier_agrees_with_the_nik() -> None:
    info = _parse("3602040505200001")
    assert info.birth_date == date(2020, 5, 5)
    assert nik_compare(info=info, birth_date=date(1920, 5, 5), sex="M") == []


def test_unspecified_sex_is_not_compared() -> None:
    info = _parse("3602041211870001")
    assert nik_compare(info=info, birth_date=date(1987, 11, 12), sex="X") == []


def test_unknown_sex_value_is_a_programming_error() -> None:
    info = _parse("3602041211870001")
    with pytest.raises(ValueError, match="sex"):
        nik_compare(info=info, birth_date=date(1987, 11, 12), sex="L")


# --- Any number of the right shape ---------------------------------------------------------------


def _pair() -> st.SearchStrategy[str]:
    return st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")


@given(
    parts=st.tuples(_pair(), _pair(), _pair(), _pair(), _pair(), _pair()),
    serial=st.integers(min_value=0, max_value=9999),
    today=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
)
def test_any_sixteen_digits_parse_or_raise_nik_error(
    parts: tuple[str, ...], serial: int, today: date
) -> None:
    nik = "".join(parts) + f"{serial:04d}"
    try:
        info = parse_nik(nik, today=today)
    except NikError:
        return
    assert info.nik == nik
    assert info.birth_date <= today
    assert info.sex == ("F" if int(nik[6:8]) > 40 else "M")
    assert info.birth_date.day == int(nik[6:8]) % 40
    assert info.birth_date.month == int(nik[8:10])
    assert info.birth_date.year % 100 == int(nik[10:12])


@given(text=st.text(max_size=20))
def test_any_text_parses_or_raises_nik_error(text: str) -> None:
    try:
        info = parse_nik(text, today=TODAY)
    except NikError:
        return
    assert len(info.nik) == 16


def test_a_masked_nik_keeps_the_region_and_the_serial_only():
    from paspor.lib.nik import nik_masked

    assert nik_masked("6104015708900001") == "6104••••••••0001"
    assert nik_masked("12345") == "12345"  # not a NIK: shown as it is
