"""Validity by age and type, the expiry day, the name split and the MRZ through the print path."""

import datetime as dt

import pytest
from mrz.checker.td3 import TD3CodeChecker

from paspor.issuance.rules import (
    passport_expiry,
    passport_facts,
    split_name,
    validity_years_allowed,
)
from paspor.lib.mrz import MRZError, parse_td3

ON = dt.date(2026, 3, 17)


@pytest.mark.parametrize(
    ("birth_date", "married", "allowed"),
    [
        (dt.date(1990, 8, 17), False, {5, 10}),  # adult
        (dt.date(2009, 3, 17), False, {5, 10}),  # 17 today
        (dt.date(2009, 3, 18), False, {5}),  # 17 tomorrow
        (dt.date(2012, 1, 1), False, {5}),  # child
        (dt.date(2010, 1, 1), True, {5, 10}),  # married at 16
        (dt.date(2025, 12, 1), False, {5}),  # baby
    ],
)
def test_ten_year_passport_only_from_seventeen_or_married(birth_date, married, allowed):
    assert validity_years_allowed(birth_date=birth_date, married=married, on=ON) == allowed


def test_a_leap_day_child_turns_seventeen_on_the_first_of_march():
    born = dt.date(2008, 2, 29)
    assert validity_years_allowed(birth_date=born, married=False, on=dt.date(2025, 2, 28)) == {5}
    assert 10 in validity_years_allowed(birth_date=born, married=False, on=dt.date(2025, 3, 1))


@pytest.mark.parametrize(
    ("issued", "years", "rule", "expiry"),
    [
        (dt.date(2026, 3, 17), 10, "same_day", dt.date(2036, 3, 17)),
        (dt.date(2026, 3, 17), 5, "same_day", dt.date(2031, 3, 17)),
        (dt.date(2026, 3, 17), 10, "day_before", dt.date(2036, 3, 16)),
        (dt.date(2028, 2, 29), 5, "same_day", dt.date(2033, 2, 28)),
        (dt.date(2028, 2, 29), 5, "day_before", dt.date(2033, 2, 27)),
        (dt.date(2028, 2, 29), 4, "same_day", dt.date(2032, 2, 29)),
        (dt.date(2026, 1, 1), 10, "day_before", dt.date(2035, 12, 31)),
    ],
)
def test_expiry_day_follows_the_configured_rule(issued, years, rule, expiry):
    assert passport_expiry(issue_date=issued, years=years, rule=rule) == expiry


def test_an_unknown_expiry_rule_is_refused():
    with pytest.raises(ValueError):
        passport_expiry(issue_date=ON, years=5, rule="end_of_month")


@pytest.mark.parametrize(
    ("name", "rule", "split"),
    [
        ("Sukarno", "last_word", ("Sukarno", "")),
        ("Siti Aminah", "last_word", ("Aminah", "Siti")),
        ("Muhammad Rizky Pratama", "last_word", ("Pratama", "Muhammad Rizky")),
        ("Dr. H. Ahmad Fauzi, S.H., M.M.", "last_word", ("Fauzi", "Ahmad")),
        ("Siti Aminah", "whole_name", ("Siti Aminah", "")),
        ("  Sukarno  ", "whole_name", ("Sukarno", "")),
        ("Bambang 2", "last_word", ("Bambang", "")),
        ("Ns. Dewi Lestari, S.Kep.", "last_word", ("Lestari", "Dewi")),
        ("Ns. Ratna", "last_word", ("Ratna", "")),
    ],
)
def test_name_split_is_configurable(name, rule, split):
    assert split_name(name, rule=rule) == split


def _checker_accepts(line1, line2):
    return bool(TD3CodeChecker(f"{line1}\n{line2}"))


def test_icao_specimen_comes_out_of_the_print_path_unchanged():
    facts = passport_facts(
        full_name="Anna Maria Eriksson",
        sex="F",
        birth_date=dt.date(1974, 8, 12),
        passport_number="L898902C3",
        issue_date=dt.date(2002, 4, 15),
        validity_years=10,
        document_code="P<",
        issuing_state="UTO",
        nationality="UTO",
        optional_data="ZE184226B",
    )
    assert facts.mrz_line1 == "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    assert facts.mrz_line2 == "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=dt.date(2010, 1, 1)).valid
    assert _checker_accepts(facts.mrz_line1, facts.mrz_line2)


def _facts(name, **overrides):
    values = dict(
        full_name=name,
        sex="M",
        birth_date=dt.date(1985, 1, 31),
        passport_number="C1234567",
        issue_date=ON,
        validity_years=10,
    )
    values.update(overrides)
    return passport_facts(**values)


AWKWARD_NAMES = [
    ("Sukarno", "PPIDNSUKARNO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Siti Aminah", "PPIDNAMINAH<<SITI<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ma'ruf Amin", "PPIDNAMIN<<MARUF<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ni Made Ayu Dewi-Lestari", "PPIDNDEWI<LESTARI<<NI<MADE<AYU<<<<<<<<<<<<<<"),
    ("José Ramos-Horta", "PPIDNRAMOS<HORTA<<JOSE<<<<<<<<<<<<<<<<<<<<<<"),
    ("Dr. H. Ahmad Fauzi, S.H., M.M.", "PPIDNFAUZI<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Jürgen Müller", "PPIDNMUELLER<<JUERGEN<<<<<<<<<<<<<<<<<<<<<<<"),
    (
        "Raden Mas Gusti Bendara Pangeran Haryo Hadiwijaya Kusumanegara",
        "PPIDNKUSUMANEGARA<<RADEN<MAS<GUSTI<BENDARA<P",
    ),
    (
        "Muhammad Abdurrahman Wahid Hasyim Asyari Nahdlatululama Wijayakusumaningrat",
        "PPIDNWIJAYAKUSUMANINGRAT<<MUHAMMAD<ABDURRAHM",
    ),
]


@pytest.mark.parametrize(("name", "line1"), AWKWARD_NAMES)
def test_awkward_names_give_a_valid_machine_readable_zone(name, line1):
    facts = _facts(name)
    assert facts.mrz_line1 == line1
    assert len(facts.mrz_line1) == len(facts.mrz_line2) == 44
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).valid
    assert _checker_accepts(facts.mrz_line1, facts.mrz_line2)


# STANDARDS.md §1: titles and degrees are not part of the MRZ name, wherever they are written;
# the identifiers stored for the officer are the ones the MRZ shows.
TITLED_NAMES = [
    ("Sukarno, Ir.", ("Sukarno", ""), "PPIDNSUKARNO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ir Sutami", ("Sutami", ""), "PPIDNSUTAMI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Muhammad Hatta, Dr.", ("Hatta", "Muhammad"), "PPIDNHATTA<<MUHAMMAD<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Siti Aminah, Hj.", ("Aminah", "Siti"), "PPIDNAMINAH<<SITI<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ahmad Fauzi, S.Hum.", ("Fauzi", "Ahmad"), "PPIDNFAUZI<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ahmad Fauzi S.Hum.", ("Fauzi", "Ahmad"), "PPIDNFAUZI<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Rina Wati, S.Kep., Ns.", ("Wati", "Rina"), "PPIDNWATI<<RINA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    (
        "Budi Hartono, S.E.I., M.E.",
        ("Hartono", "Budi"),
        "PPIDNHARTONO<<BUDI<<<<<<<<<<<<<<<<<<<<<<<<<<",
    ),
    ("Agus Salim S.Tr.Kes.", ("Salim", "Agus"), "PPIDNSALIM<<AGUS<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Nur Aini, A.Md.Kep.", ("Aini", "Nur"), "PPIDNAINI<<NUR<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Hans Müller, Dipl.-Ing.", ("Müller", "Hans"), "PPIDNMUELLER<<HANS<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Abdul R. Hakim", ("Hakim", "Abdul R."), "PPIDNHAKIM<<ABDUL<R<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("R.A. Kartini", ("Kartini", "R.A."), "PPIDNKARTINI<<RA<<<<<<<<<<<<<<<<<<<<<<<<<<<<"),
    ("Ratna Sari Dewi", ("Dewi", "Ratna Sari"), "PPIDNDEWI<<RATNA<SARI<<<<<<<<<<<<<<<<<<<<<<<"),
]


@pytest.mark.parametrize(("name", "split", "line1"), TITLED_NAMES)
def test_titles_and_degrees_stay_out_of_the_identifiers_and_line_1(name, split, line1):
    facts = _facts(name)
    assert (facts.primary_identifier, facts.secondary_identifier) == split
    assert facts.mrz_line1 == line1
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).valid
    assert _checker_accepts(facts.mrz_line1, facts.mrz_line2)


def test_whole_name_rule_also_leaves_out_a_degree_after_a_comma():
    facts = _facts("Rina Wati, S.Kep., Ns.", name_split="whole_name")
    assert facts.primary_identifier == "Rina Wati"
    assert facts.mrz_line1 == "PPIDNRINA<WATI<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"


def test_a_truncated_name_ends_with_a_letter_in_position_44():
    facts = _facts(AWKWARD_NAMES[-1][0])
    assert facts.mrz_line1[43].isalpha()
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).name_possibly_truncated


def test_whole_name_rule_puts_everything_in_the_primary_identifier():
    facts = _facts("Siti Aminah", name_split="whole_name")
    assert facts.mrz_line1 == "PPIDNSITI<AMINAH<<<<<<<<<<<<<<<<<<<<<<<<<<<<"


def test_document_code_p_filler_is_accepted_and_optional_check_zero_allowed():
    facts = _facts("Siti Aminah", document_code="P<", empty_optional_check="0")
    assert facts.mrz_line1.startswith("P<IDN")
    assert facts.mrz_line2[42] == "0"
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).valid


def test_expiry_in_the_mrz_is_the_computed_one():
    facts = _facts("Siti Aminah", validity_years=5, expiry_rule="day_before")
    assert facts.expiry_date == dt.date(2031, 3, 16)
    assert facts.mrz_line2[21:27] == "310316"


def test_a_name_in_another_script_is_refused_with_a_message():
    with pytest.raises(MRZError) as error:
        _facts("Сергей Иванов")
    assert "Latin" in error.value.message


# The data page's name (pdf.visual_name) is built from the stored identifiers, so the MRZ must be
# written from exactly those words: titles come off the whole name once, before the split. A
# part judged again on its own reads a middle word as a trailing degree or a leading title.
SPLIT_ONCE = [
    ("Ahmad M.Nur Hadi", ("Hadi", "Ahmad M.Nur"), "HADI<<AHMAD<MNUR"),
    ("Moh. Lim H.Sutrisno", ("H.Sutrisno", "Moh. Lim"), "HSUTRISNO<<MOH<LIM"),
    ("Rahmat Sp.A Hidayat", ("Hidayat", "Rahmat Sp.A"), "HIDAYAT<<RAHMAT<SPA"),
]


@pytest.mark.parametrize(("name", "split", "field"), SPLIT_ONCE)
def test_the_mrz_names_the_words_the_data_page_shows(name, split, field):
    facts = _facts(name)
    assert (facts.primary_identifier, facts.secondary_identifier) == split
    assert facts.mrz_line1[5:].rstrip("<") == field
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).valid
    assert _checker_accepts(facts.mrz_line1, facts.mrz_line2)


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Budi Santoso, S. Kom.", "SANTOSO<<BUDI"),
        ("Siti Aminah, S. Pd., M. Pd.", "AMINAH<<SITI"),
        ("Rina Wati, S. Kep., Ners", "WATI<<RINA"),
    ],
)
def test_a_degree_typed_with_spaces_after_a_comma_stays_out_of_line_1(name, field):
    assert _facts(name).mrz_line1[5:].rstrip("<") == field


# With the default "last_word" split, a degree left in the name would become the primary
# identifier, the name border systems match on.
@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Budi Santoso, S.E., Ak., CA", "SANTOSO<<BUDI"),
        ("Budi Santoso, S.E., M.M., CPA", "SANTOSO<<BUDI"),
        ("dr. Siti Aminah, MARS", "AMINAH<<SITI"),
        ("Budi Santoso, S.Kom., MTI", "SANTOSO<<BUDI"),
        ("Prof. Dr. dr. Budi Santoso, Sp.PD-KGEH, MMB, FINASIM", "SANTOSO<<BUDI"),
        ("Budi Santoso, M.Si. (Han)", "SANTOSO<<BUDI"),
        ("Budi Santoso, S.T., M.Tr.(Han)", "SANTOSO<<BUDI"),
        ("Budi Santoso PhD", "SANTOSO<<BUDI"),
        ("Budi Santoso Dr.", "SANTOSO<<BUDI"),
        ("Dr.-Ing. Ir. Bambang Sutrisno", "SUTRISNO<<BAMBANG"),
        (
            "Prof. Dr.-Ing. Dr. Sc. h.c. Bacharuddin Jusuf Habibie",
            "HABIBIE<<BACHARUDDIN<JUSUF",
        ),
        ("Dr. rer. nat. Budi Santoso", "SANTOSO<<BUDI"),
        ("Drs. Ec. Budi Santoso", "SANTOSO<<BUDI"),
        ("Ust. Budi Santoso", "SANTOSO<<BUDI"),
    ],
)
def test_no_title_or_degree_becomes_the_primary_identifier(name, field):
    facts = _facts(name)
    assert facts.mrz_line1[5:].rstrip("<") == field
    assert parse_td3(facts.mrz_line1, facts.mrz_line2, today=ON).valid
    assert _checker_accepts(facts.mrz_line1, facts.mrz_line2)


# STANDARDS.md §1: from 1 January 2028 every new passport carries the second letter.
@pytest.mark.parametrize(
    ("code", "issued", "refused"),
    [
        ("P<", dt.date(2027, 12, 31), False),
        ("P<", dt.date(2028, 1, 1), True),
        ("P<", dt.date(2030, 6, 1), True),
        ("PP", dt.date(2028, 1, 1), False),
        ("PP", dt.date(2026, 3, 17), False),
    ],
)
def test_a_passport_code_without_second_letter_only_before_2028(code, issued, refused):
    if not refused:
        assert _facts("Siti Aminah", document_code=code, issue_date=issued).mrz_line1[:2] == code
        return
    with pytest.raises(MRZError) as error:
        _facts("Siti Aminah", document_code=code, issue_date=issued)
    assert error.value.code == "document_code_second_letter_required"
    assert "2028" in error.value.message and "PP" in error.value.message_en
