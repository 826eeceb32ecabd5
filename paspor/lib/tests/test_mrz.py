from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paspor.lib.mrz import (
    DOCUMENT_CODES,
    FieldError,
    MRZError,
    TD3Result,
    check_digit,
    compose_td3,
    mrz_name_field,
    parse_td3,
    strip_titles,
    transliterate_name_part,
)

TODAY = date(2026, 3, 17)
SPECIMEN_LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
SPECIMEN_LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
MRZ_ALPHABET = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _value(char: str) -> int:
    return MRZ_ALPHABET.index(char) - 1 if char != "<" else 0


def _parse(line1: str, line2: str) -> TD3Result:
    return parse_td3(line1, line2, today=TODAY)


def _compose(**overrides: object) -> tuple[str, str]:
    fields: dict[str, object] = {
        "primary": "Lestari",
        "secondary": "Dewi",
        "passport_number": "C1234567",
        "birth_date": date(1990, 10, 20),
        "sex": "F",
        "expiry_date": date(2031, 3, 16),
    }
    fields.update(overrides)
    return compose_td3(**fields)  # type: ignore[arg-type]


def _error_fields(result: TD3Result) -> set[str]:
    return {error.field for error in result.errors}


def _replace(line: str, index: int, char: str) -> str:
    return line[:index] + char + line[index + 1 :]


def _name(primary: str, secondary: str = "") -> str:
    return mrz_name_field(primary=primary, secondary=secondary)


# --- Check digits (STANDARDS.md §1) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "digit"),
    [("520727", "3"), ("AB2134<<<", "5"), ("L898902C3", "6"), ("740812", "2"), ("120415", "9")],
)
def test_check_digit_weights_seven_three_one(field: str, digit: str) -> None:
    assert check_digit(field) == digit


def test_check_digit_of_fillers_only_is_zero() -> None:
    assert check_digit("<<<<<<<<<<<<<<") == "0"


@pytest.mark.parametrize("field", ["l898902c3", "AB-123", "12 34", "ÄB"])
def test_check_digit_refuses_characters_outside_the_mrz_alphabet(field: str) -> None:
    with pytest.raises(MRZError):
        check_digit(field)


# --- The ICAO specimen --------------------------------------------------------------------------


def test_icao_specimen_reads_valid_with_every_field() -> None:
    result = _parse(SPECIMEN_LINE1, SPECIMEN_LINE2)
    assert result.valid
    assert result.errors == []
    assert result.document_code == "P<"
    assert result.issuing_state == "UTO"
    assert result.primary_identifier == "ERIKSSON"
    assert result.secondary_identifier == "ANNA MARIA"
    assert result.passport_number == "L898902C3"
    assert result.nationality == "UTO"
    assert result.birth_date == date(1974, 8, 12)
    assert result.sex == "F"
    assert result.expiry_date == date(2012, 4, 15)
    assert result.optional_data == "ZE184226B"
    assert not result.name_possibly_truncated


def test_icao_specimen_composes_identically() -> None:
    lines = compose_td3(
        document_code="P<",
        issuing_state="UTO",
        primary="Eriksson",
        secondary="Anna Maria",
        passport_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )
    assert lines == (SPECIMEN_LINE1, SPECIMEN_LINE2)


@pytest.mark.parametrize("code", ["P<", "PP", "PD", "PO", "PE"])
def test_reader_accepts_old_and_harmonised_passport_codes(code: str) -> None:
    result = _parse(code + SPECIMEN_LINE1[2:], SPECIMEN_LINE2)
    assert result.valid
    assert result.document_code == code


@pytest.mark.parametrize("code", ["V<", "I<", "PX", "<<", "AC"])
def test_reader_refuses_codes_that_are_not_passports(code: str) -> None:
    assert _error_fields(_parse(code + SPECIMEN_LINE1[2:], SPECIMEN_LINE2)) == {"document_code"}


def test_composed_passport_defaults_to_pp_and_indonesia() -> None:
    line1, line2 = _compose()
    assert line1.startswith("PPIDNLESTARI<<DEWI<")
    assert line2[10:13] == "IDN"
    assert len(line1) == len(line2) == 44


# --- Transliteration (Doc 9303 part 3 §4.6 and §6 A) --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O'Connor", "OCONNOR"),
        ("D’Artagnan", "DARTAGNAN"),
        ("Smith-Jones", "SMITH<JONES"),
        ("Marie – Elise", "MARIE<ELISE"),
        ("Anna, Maria", "ANNA<MARIA"),
        ("  Anna   Maria  ", "ANNA<MARIA"),
        ("Müller", "MUELLER"),
        ("Ärger Öl Über", "AERGER<OEL<UEBER"),
        ("Gößmann", "GOESSMANN"),
        ("GROẞ", "GROSS"),
        ("Æsa Ørsted", "AESA<OERSTED"),
        ("Åse", "AASE"),
        ("Þór Guðmundsson", "THOR<GUDMUNDSSON"),
        ("Muñoz Núñez", "MUNOZ<NUNEZ"),
        ("François Lefèvre", "FRANCOIS<LEFEVRE"),
        ("Łukasz Żółć", "LUKASZ<ZOLC"),
        ("Œuvray", "OEUVRAY"),
        ("IJsselĳ", "IJSSELIJ"),
        ("Dvořák Štěpán", "DVORAK<STEPAN"),
        ("Ştefan Țiriac", "STEFAN<TIRIAC"),
        ("Yıldız İnan", "YILDIZ<INAN"),
        ("Nguyễn", "NGUYEN"),
        ("Mu\u0308ller", "MUELLER"),
        ("Ahmad 2nd", "AHMAD<ND"),
        ("Siti (Ani)", "SITI<ANI"),
        ("J.R.R. Tolkien", "JRR<TOLKIEN"),
        ("", ""),
        ("--", ""),
    ],
)
def test_name_part_is_transliterated_to_mrz_characters(text: str, expected: str) -> None:
    assert transliterate_name_part(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ʿAbd al-Qādir", "ABD<AL<QADIR"), ("Āʾisha", "AISHA"), ("Ibn ʿArabi", "IBN<ARABI")],
)
def test_ayn_and_hamza_marks_are_dropped_like_apostrophes(text: str, expected: str) -> None:
    # Romanised Arabic writes these with modifier letters (U+02BF, U+02BE), not an apostrophe.
    assert transliterate_name_part(text) == expected


@pytest.mark.parametrize("text", ["Иванов", "محمد", "Əliyev", "王"])
def test_letter_without_latin_form_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(MRZError) as caught:
        transliterate_name_part(text)
    assert caught.value.code == "untransliterable_letter"


# --- Titles and degrees -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. H. Ahmad Fauzi, S.H.", "Ahmad Fauzi"),
        ("Prof. Dr. Ir. H. Bambang Sutrisno, M.M.", "Bambang Sutrisno"),
        ("Hj. Siti Aminah, S.Pd., M.Pd.", "Siti Aminah"),
        ("hj. siti aminah s.pd., m.pd", "siti aminah"),
        ("Drs. Budi Santoso S.Kom.", "Budi Santoso"),
        ("dr. Rina Wulandari, Sp.A", "Rina Wulandari"),
        ("Ir Joko Widodo", "Joko Widodo"),
        ("Ahmad Fauzi, SH, MM", "Ahmad Fauzi"),
        ("Ahmad H. Fauzi", "Ahmad H. Fauzi"),
        ("Siti Ma", "Siti Ma"),
        ("Ahmad Hidayat", "Ahmad Hidayat"),
        ("Irawan Drajat", "Irawan Drajat"),
        ("John Smith III", "John Smith"),
        ("Dr.", "Dr."),
    ],
)
def test_titles_and_degrees_are_not_part_of_the_name(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # A title after a comma is a title, not the last word of the name.
        ("Sukarno, Ir.", "Sukarno"),
        ("Muhammad Hatta, Dr.", "Muhammad Hatta"),
        ("Siti Aminah, Hj.", "Siti Aminah"),
        ("Ahmad Dahlan, KH", "Ahmad Dahlan"),
        # Degrees are recognised by how they are written, not looked up in a list.
        ("Ahmad Fauzi, S.Hum.", "Ahmad Fauzi"),
        ("Ahmad Fauzi S.Hum.", "Ahmad Fauzi"),
        ("Rina Wati, S.Kep., Ns.", "Rina Wati"),
        ("Rina Wati S.Kep Ns.", "Rina Wati"),
        ("Budi Hartono, S.E.I.", "Budi Hartono"),
        ("Budi Hartono S.Pi.", "Budi Hartono"),
        ("Dewi Lestari, S.Ds.", "Dewi Lestari"),
        ("Dewi Lestari M.E.", "Dewi Lestari"),
        ("Dewi Lestari, M.Psi.", "Dewi Lestari"),
        ("Agus Salim S.Stat.", "Agus Salim"),
        ("Agus Salim, S.Tr.Kes.", "Agus Salim"),
        ("Hans Müller, Dipl.-Ing.", "Hans Müller"),
        ("Nur Aini A.Md.Kep.", "Nur Aini"),
        ("Nur Aini, A.Md.Keb., S.Tr.Keb.", "Nur Aini"),
        ("Yohanes Lim, B.Sc., M.Sc., Ph.D.", "Yohanes Lim"),
        ("Yohanes Lim, MBA", "Yohanes Lim"),
        ("Rudi Hartono, S.Psi., M.Biomed.", "Rudi Hartono"),
        ("dr. Andi Wijaya, Sp.PD-KGEH", "Andi Wijaya"),
        ("Budi Santoso SKom", "Budi Santoso"),
        ("Ahmad Fauzi S.H. MM", "Ahmad Fauzi"),
        ("RINA WATI, S.KEP., NS.", "RINA WATI"),
        # Leading titles with or without a dot, also run together.
        ("Hajjah Siti Aminah", "Siti Aminah"),
        ("Haji Agus Salim", "Agus Salim"),
        ("K.H. Ahmad Dahlan", "Ahmad Dahlan"),
        ("Prof.Dr.Ir. Bambang Sutrisno", "Bambang Sutrisno"),
        ("drg. Maya Sari", "Maya Sari"),
        ("Ir Sutami", "Sutami"),  # an undotted leading Ir is the title Insinyur
        # Professional titles written in front of the name: Ners, apoteker, bidan.
        ("Ns. Dewi Lestari, S.Kep.", "Dewi Lestari"),
        ("apt. Siti Aminah, S.Farm.", "Siti Aminah"),
        ("Bd. Nur Aini, S.Tr.Keb.", "Nur Aini"),
        ("Ns.Dewi Lestari", "Dewi Lestari"),
        ("Ns. Ratna", "Ratna"),
        ("Nur Aini, Bd.", "Nur Aini"),
    ],
)
def test_degrees_are_recognised_by_their_shape(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Ratna Sari Dewi",
        "Abdul R. Hakim",  # a middle initial
        "Ahmad H.",  # a last initial, not Haji
        "R. A. Kartini",  # hereditary titles stay: they look like initials
        "R.A. Kartini",
        "Raden Ajeng Kartini",
        "Andi Mallarangeng",
        "Teuku Umar",
        "Moh. Hatta",  # abbreviated given names
        "Muh. Irfan",
        "Ahmad M.Rizki",  # an initial fused to a name
        "Siti Ma",  # a family name that is also a degree
        "Lim Se",
        "Irawan Drajat",
        "Ners Wulandari",  # undotted, a front title may be a name
        "Ir",  # never everything
        "Dr. H.",
        "S.H.",
    ],
)
def test_real_names_lose_nothing(name: str) -> None:
    assert strip_titles(name) == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Titles typed without a space before the name.
        ("H.Sutrisno", "Sutrisno"),
        ("Dr.Siti Aminah", "Siti Aminah"),
        ("Prof.Dr.Ir.Bambang Sutrisno", "Bambang Sutrisno"),
        # An honorary doctorate, after the doctor's title.
        ("Dr. (H.C.) Ir. Soekarno", "Soekarno"),
        ("Dr. (HC) Ahmad Fauzi", "Ahmad Fauzi"),
        ("Dr. H.C. Ahmad Fauzi", "Ahmad Fauzi"),
        ("Ahmad Fauzi, Dr. (HC)", "Ahmad Fauzi"),
        # A consultant specialist: "(K)" after the specialist degree.
        ("dr. Rina Wulandari, Sp.A(K)", "Rina Wulandari"),
        ("dr. Rina Wulandari Sp.OG(K)", "Rina Wulandari"),
        ("dr. Rina Wulandari, Sp.THT-KL(K), M.Kes.", "Rina Wulandari"),
        ("dr. Rina Wulandari, Sp.PD (K)", "Rina Wulandari"),
    ],
)
def test_titles_written_together_and_honorary_or_consultant_marks_go(
    name: str, expected: str
) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize(
    "name", ["H.C. Tanuwidjaja", "H.M. Soeharto", "M.Rizki Pratama", "R.A.Kartini", "Hj."]
)
def test_leading_initials_that_are_not_titles_stay(name: str) -> None:
    assert strip_titles(name) == name


def test_a_listed_word_before_a_degree_stays_part_of_the_name() -> None:
    assert strip_titles("Ahmad Ma S.H.") == "Ahmad Ma"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # A KTP name holds no comma but the one before its degrees, known or not.
        ("Budi Santoso, S.E., Ak., CA", "Budi Santoso"),
        ("Budi Santoso, S.E., M.M., CPA", "Budi Santoso"),
        ("dr. Siti Aminah, MARS", "Siti Aminah"),
        ("Budi Santoso, S.Kom., MTI", "Budi Santoso"),
        ("Prof. Dr. dr. Budi Santoso, Sp.PD-KGEH, MMB, FINASIM", "Budi Santoso"),
        ("Budi Santoso, M.Si. (Han)", "Budi Santoso"),
        ("Budi Santoso, S.T., M.Tr.(Han)", "Budi Santoso"),
        # The documented limit: a name written surname first keeps only the surname.
        ("Fauzi, Dr. Ahmad", "Fauzi"),
    ],
)
def test_everything_after_the_first_comma_is_degrees(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Budi Santoso PhD", "Budi Santoso"),
        ("Budi Santoso MBA", "Budi Santoso"),
        ("Ahmad Fauzi SH", "Ahmad Fauzi"),
        ("Ahmad Fauzi SH MM", "Ahmad Fauzi"),
        ("Ahmad Fauzi S.H. MA", "Ahmad Fauzi"),
        ("Budi Santoso Dr.", "Budi Santoso"),
        ("Siti Aminah Hj.", "Siti Aminah"),
        ("Budi Santoso M.Si. (Han)", "Budi Santoso"),
        ("Budi (Han) Santoso", "Budi Santoso"),
    ],
)
def test_degrees_no_name_is_spelt_like_go_from_the_end_without_a_comma(
    name: str, expected: str
) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize(
    "name", ["Siti Ma", "Lim Se", "Tan Meng", "Liem Beng", "Budi Santoso Jr", "Ahmad Fauzi Ng"]
)
def test_undotted_words_that_are_also_names_stay_at_the_end(name: str) -> None:
    assert strip_titles(name) == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr.-Ing. Ir. Bambang Sutrisno", "Bambang Sutrisno"),
        ("Prof. Dr.-Ing. Dr. Sc. h.c. Bacharuddin Jusuf Habibie", "Bacharuddin Jusuf Habibie"),
        ("Dr. rer. nat. Budi Santoso", "Budi Santoso"),
        ("Dr.rer.pol. Budi Santoso", "Budi Santoso"),
        ("Drs. Ec. Budi Santoso", "Budi Santoso"),
        ("Ust. Budi Santoso", "Budi Santoso"),
        ("Ustadz Budi Santoso", "Budi Santoso"),
    ],
)
def test_a_doctors_title_goes_with_what_qualifies_it(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize("name", ["Ing Budi Santoso", "Budi Sc. Santoso", "H.C. Tanuwidjaja"])
def test_a_qualifier_without_a_title_before_it_stays(name: str) -> None:
    assert strip_titles(name) == name


@pytest.mark.parametrize(
    ("primary", "secondary", "expected"),
    [
        ("Sukarno, Ir.", "", "SUKARNO"),
        ("Fauzi S.Hum.", "Ahmad", "FAUZI<<AHMAD"),
        ("Wati", "Rina, S.Kep., Ns.", "WATI<<RINA"),
    ],
)
def test_name_field_leaves_out_titles_and_degrees(
    primary: str, secondary: str, expected: str
) -> None:
    assert _name(primary, secondary) == expected.ljust(39, "<")


# --- Name field (STANDARDS.md §1) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("primary", "secondary", "expected"),
    [
        ("Eriksson", "Anna Maria", "ERIKSSON<<ANNA<MARIA"),
        ("Heng", "Deborah Ming Lo", "HENG<<DEBORAH<MING<LO"),
        ("Smith-Jones", "Susie Margaret", "SMITH<JONES<<SUSIE<MARGARET"),
        ("O'Connor", "Enya Siobhan", "OCONNOR<<ENYA<SIOBHAN"),
        ("Van der Muellen", "Martin", "VAN<DER<MUELLEN<<MARTIN"),
        ("Al-Basri", "Huda Muhammad Jawad", "AL<BASRI<<HUDA<MUHAMMAD<JAWAD"),
        ("Vilarchao Fernández", "José Ramón", "VILARCHAO<FERNANDEZ<<JOSE<RAMON"),
        ("Arkfreith", "", "ARKFREITH"),
        ("Satriya Sudarpa", "", "SATRIYA<SUDARPA"),
        ("SUKARNO", "", "SUKARNO"),
        ("Fauzi", "Dr. H. Ahmad, S.H.", "FAUZI<<AHMAD"),
        ("Dr. H. Ahmad Fauzi, S.H.", "", "AHMAD<FAUZI"),
        ("Müller-Lüdenscheidt", "Jürgen", "MUELLER<LUEDENSCHEIDT<<JUERGEN"),
    ],
)
def test_name_field_joins_identifiers_with_double_filler(
    primary: str, secondary: str, expected: str
) -> None:
    field = _name(primary, secondary)
    assert field == expected.ljust(39, "<")


def test_standards_examples_appear_in_line_1() -> None:
    def line1(primary: str, secondary: str) -> str:
        return _compose(issuing_state="UTO", primary=primary, secondary=secondary)[0]

    assert line1("Eriksson", "Anna Maria").startswith("PPUTOERIKSSON<<ANNA<MARIA<<<")
    assert line1("Van der Muellen", "Martin").startswith("PPUTOVAN<DER<MUELLEN<<MARTIN<<<")
    assert line1("Satriya Sudarpa", "").startswith("PPUTOSATRIYA<SUDARPA<<<<")


@pytest.mark.parametrize("name", ["SUKARNO", "Soeharto", "Mulyono", "Satriya Sudarpa"])
def test_single_name_has_no_double_filler(name: str) -> None:
    body = _name(name, "").rstrip("<")
    assert "<<" not in body
    assert body == transliterate_name_part(name)


def test_empty_primary_identifier_is_refused() -> None:
    with pytest.raises(MRZError) as caught:
        _name("", "Ahmad")
    assert caught.value.code == "empty_primary_identifier"


def test_name_that_just_fits_is_not_truncated() -> None:
    field = _name("Papandropoulous", "Jonathon Warren Trevor")
    assert field == "PAPANDROPOULOUS<<JONATHON<WARREN<TREVOR"


# --- Truncation (Doc 9303 part 4 §4.2.2, STANDARDS.md §1) ---------------------------------------


def test_secondary_identifier_is_cut_when_primary_fits() -> None:
    # Doc 9303 part 4 examples "secondary identifier truncated".
    assert _name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang") == (
        "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    )
    assert _name("Nilavadhanananda", "Arnpol Petch Charonguang") == (
        "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU"
    )


def test_primary_identifier_is_shortened_until_double_filler_and_initial_fit() -> None:
    field = _name("Bennelong Wooloomooloo Warrandyte Warnambool", "Dingo Potoroo")
    assert field == "BENNELONG<WOOLOOMOOLOO<WARRANDYTE<WA<<D"


def test_primary_of_exactly_36_letters_keeps_room_for_one_initial() -> None:
    primary = "A" * 36
    assert _name(primary, "Budi") == primary + "<<B"


def test_cut_on_a_filler_gives_the_next_component_its_initial() -> None:
    field = _name("Abcdefghij", "A" * 26 + " Bunga")
    assert field == "ABCDEFGHIJ<<" + "A" * 25 + "<B"


def test_single_name_too_long_is_cut_to_end_on_a_letter() -> None:
    field = _name("Muhammad Rizky Ananda Putra Pratama Wijayakusuma", "")
    assert field == "MUHAMMAD<RIZKY<ANANDA<PUTRA<PRATAMA<WIJ"


def test_single_name_cut_on_a_filler_keeps_the_next_initial() -> None:
    field = _name("Abcdefghijklmnopqrstuvwxyzabcdefghijkl Nasution", "")
    assert field == "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJK<N"


def test_initials_only_secondary_shortens_primary_to_end_on_a_letter() -> None:
    # "<<A<" would end on a filler and A cannot lose a letter: the primary gives one more.
    field = _name("B" * 35, "A C D")
    assert field == "B" * 34 + "<<A<C"


LONG_NAMES = [
    ("Nilavadhanananda", "Chayapa Dejthamrong Krasuang"),
    ("Bennelong Wooloomooloo Warrandyte Warnambool", "Dingo Potoroo"),
    ("Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine"),
    ("Hadiningrat", "Raden Mas Gusti Pangeran Haryo Kusumo Yudho"),
    ("Simanjuntak", "Maria Theresia Magdalena Br Hutabarat Panjaitan"),
    ("Muhammad Rizky Ananda Putra Pratama", "Wijayakusuma Kartawinata"),
    ("Lumban", "A B C D E F G H I J K L M N O P Q R S T U"),
    ("Q" * 50, "Zulkarnain"),
]


@pytest.mark.parametrize(("primary", "secondary"), LONG_NAMES)
def test_truncated_field_is_39_long_and_ends_with_a_letter(primary: str, secondary: str) -> None:
    field = _name(primary, secondary)
    assert len(field) == 39
    assert field[-1].isalpha()
    assert set(field) <= set(MRZ_ALPHABET) - set("0123456789")


@pytest.mark.parametrize(("primary", "secondary"), LONG_NAMES)
def test_truncation_keeps_each_component_as_a_prefix(primary: str, secondary: str) -> None:
    head, separator, tail = _name(primary, secondary).partition("<<")
    assert separator == "<<"
    for cut, whole in ((head, primary), (tail, secondary)):
        originals = transliterate_name_part(whole).split("<")
        kept = cut.split("<")
        assert len(kept) <= len(originals)
        pairs = zip(kept, originals[: len(kept)], strict=True)
        assert all(piece and original.startswith(piece) for piece, original in pairs)


@pytest.mark.parametrize(("primary", "secondary"), LONG_NAMES)
def test_primary_is_shortened_only_when_the_secondary_initial_cannot_fit(
    primary: str, secondary: str
) -> None:
    head = _name(primary, secondary).partition("<<")[0]
    whole_primary = transliterate_name_part(primary)
    if len(whole_primary) <= 36:
        assert head == whole_primary
    else:
        assert len(head) == 36


# --- Composing: refused input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"passport_number": "C12345678"}, None),
        ({"passport_number": "C123456789"}, "passport_number_too_long"),
        ({"passport_number": "C-1234567"}, "invalid_passport_number"),
        ({"passport_number": "c1234567"}, "invalid_passport_number"),
        ({"passport_number": ""}, "invalid_passport_number"),
        ({"passport_number": "C123<567"}, "invalid_passport_number"),
        ({"document_code": "V<"}, "invalid_document_code"),
        ({"document_code": "XP"}, "invalid_document_code"),
        ({"document_code": "P"}, "invalid_document_code"),
        ({"document_code": "PZ"}, "invalid_document_code"),
        ({"issuing_state": "ID"}, "invalid_issuing_state"),
        ({"nationality": "idn"}, "invalid_nationality"),
        ({"sex": "L"}, "invalid_sex"),
        ({"optional_data": "A" * 15}, "invalid_optional_data"),
        ({"optional_data": "ab"}, "invalid_optional_data"),
        ({"empty_optional_check": "1"}, "invalid_empty_optional_check"),
        ({"expiry_date": date(1990, 10, 20)}, "expiry_before_birth"),
        ({"primary": "Петров"}, "untransliterable_letter"),
    ],
)
def test_compose_refuses_what_cannot_be_written(
    overrides: dict[str, object], code: str | None
) -> None:
    if code is None:
        assert _compose(**overrides)[1].startswith("C12345678")
        return
    with pytest.raises(MRZError) as caught:
        _compose(**overrides)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)
    assert caught.value.message


def test_unspecified_sex_is_written_as_filler_and_read_as_x() -> None:
    line1, line2 = _compose(sex="X")
    assert line2[20] == "<"
    assert _parse(line1, line2).sex == "X"


def test_empty_optional_data_check_digit_may_be_filler_or_zero() -> None:
    for mark in ("<", "0"):
        line1, line2 = _compose(empty_optional_check=mark)
        assert line2[28:43] == "<" * 14 + mark
        assert _parse(line1, line2).valid


def test_used_optional_data_carries_its_check_digit() -> None:
    line2 = _compose(optional_data="3273056010")[1]
    assert line2[28:43] == "3273056010<<<<" + check_digit("3273056010<<<<")


# --- Reading: every failing check is reported ---------------------------------------------------


def test_wrong_line_length_is_reported() -> None:
    result = _parse(SPECIMEN_LINE1 + "<", SPECIMEN_LINE2[:-1])
    assert {"line1", "line2"} <= _error_fields(result)
    assert not result.valid


def test_bad_characters_are_reported() -> None:
    result = _parse(SPECIMEN_LINE1.replace("ANNA", "Anna"), SPECIMEN_LINE2)
    assert "line1" in _error_fields(result)


@pytest.mark.parametrize(
    ("index", "field"),
    [(9, "passport_number"), (19, "birth_date"), (27, "expiry_date"), (43, "composite")],
)
def test_each_check_digit_is_verified(index: int, field: str) -> None:
    wrong = str((int(SPECIMEN_LINE2[index]) + 1) % 10)
    result = _parse(SPECIMEN_LINE1, _replace(SPECIMEN_LINE2, index, wrong))
    assert field in _error_fields(result)


def _with_number(number: str) -> str:
    line2 = number + check_digit(number) + SPECIMEN_LINE2[10:43]
    return line2 + check_digit(line2[0:10] + line2[13:20] + line2[21:43])


def test_foreign_number_with_a_filler_inside_reads_valid() -> None:
    # Doc 9303 part 4: special characters of a number are written as fillers.
    assert _parse(SPECIMEN_LINE1, _with_number("AB<123456")).valid


@pytest.mark.parametrize("number", ["<<<<<<<<<", "<C1234567"])
def test_empty_or_filler_led_passport_number_is_reported(number: str) -> None:
    assert _error_fields(_parse(SPECIMEN_LINE1, _with_number(number))) == {"passport_number"}


def test_optional_data_check_digit_is_verified() -> None:
    line1, line2 = _compose(optional_data="ZE184226B")
    result = _parse(line1, _replace(line2, 42, "<"))
    assert "optional_data" in _error_fields(result)


def test_all_failures_are_listed_together() -> None:
    line2 = "L898902C37UTO7413122F1204150ZE184226B<<<<<15"
    fields = _error_fields(_parse(SPECIMEN_LINE1, line2))
    assert {"passport_number", "birth_date", "expiry_date", "composite"} <= fields
    errors = _parse(SPECIMEN_LINE1, line2).errors
    assert all(isinstance(error, FieldError) and error.message for error in errors)


def test_a_wrong_check_digit_is_told_once_with_its_place_and_both_digits() -> None:
    line2 = _replace(SPECIMEN_LINE2, 9, "7")
    composite = check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    told = {error.field: error for error in _parse(SPECIMEN_LINE1, line2).errors}
    assert told["passport_number"] == FieldError(
        "passport_number",
        "Digit periksa nomor paspor (baris 2 posisi 10) terbaca '7', seharusnya '6'.",
        "The passport number check digit (line 2, position 10) reads '7'; expected '6'.",
        position=10,
    )
    assert told["composite"].message == (
        f"Digit periksa gabungan (baris 2 posisi 44) terbaca '0', seharusnya '{composite}'."
    )
    assert told["composite"].message_en == (
        f"The composite check digit (line 2, position 44) reads '0'; expected '{composite}'."
    )


@pytest.mark.parametrize(
    ("index", "field"),
    [
        (9, "passport_number"),
        (19, "birth_date"),
        (27, "expiry_date"),
        (42, "optional_data"),
        (43, "composite"),
    ],
)
def test_each_check_digit_is_named_at_its_place_in_line_two(index: int, field: str) -> None:
    line2 = _replace(SPECIMEN_LINE2, index, "9" if SPECIMEN_LINE2[index] != "9" else "8")
    error = next(e for e in _parse(SPECIMEN_LINE1, line2).errors if e.field == field)
    assert error.position == index + 1
    assert f"(baris 2 posisi {index + 1}) terbaca '" in error.message
    assert f"(line 2, position {index + 1}) reads '" in error.message_en
    assert error.message.count("Digit periksa") == 1


@pytest.mark.parametrize("raw", ["741312", "740230", "7408AB", "000000"])
def test_impossible_birth_date_is_reported(raw: str) -> None:
    line2 = SPECIMEN_LINE2[:13] + raw + check_digit(raw) + SPECIMEN_LINE2[20:]
    line2 = line2[:43] + check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    result = _parse(SPECIMEN_LINE1, line2)
    assert result.birth_date is None
    assert "birth_date" in _error_fields(result)


def test_expiry_before_birth_is_reported_when_no_earlier_century_fits() -> None:
    # 29 February 1900 did not exist, so a birth on 29 February 2000 cannot move back a century.
    line1, line2 = _compose(birth_date=date(2000, 2, 29), expiry_date=date(2030, 5, 1))
    forged = line2[:21] + "000228" + check_digit("000228") + line2[28:43]
    forged += check_digit(forged[0:10] + forged[13:20] + forged[21:43])
    result = _parse(line1, forged)
    assert (result.birth_date, result.expiry_date) == (date(2000, 2, 29), date(2000, 2, 28))
    assert "expiry_date" in _error_fields(result)


@pytest.mark.parametrize(
    "name",
    [
        "<ERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<",
        "ERIKSSON<<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<",
        "ERIKSSON<<ANNA<<MARIA<<<<<<<<<<<<<<<<<<",
        "ERIKSS0N<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<",
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    ],
)
def test_badly_laid_out_name_is_reported(name: str) -> None:
    assert "name" in _error_fields(_parse("P<UTO" + name, SPECIMEN_LINE2))


def test_invalid_sex_is_reported() -> None:
    assert "sex" in _error_fields(_parse(SPECIMEN_LINE1, _replace(SPECIMEN_LINE2, 20, "K")))


def test_name_reaching_position_44_reads_as_possibly_truncated() -> None:
    line1, line2 = _compose(primary="Nilavadhanananda", secondary="Arnpol Petch Charonguang")
    result = _parse(line1, line2)
    assert result.valid
    assert result.name_possibly_truncated
    assert result.secondary_identifier == "ARNPOL PETCH CHARONGU"


def test_single_name_reads_back_without_secondary_identifier() -> None:
    result = _parse(*_compose(primary="Sukarno", secondary=""))
    assert result.primary_identifier == "SUKARNO"
    assert result.secondary_identifier == ""


# --- Centuries (STANDARDS.md §1) ----------------------------------------------------------------


def _dates(birth: str, expiry: str, today: date) -> tuple[date | None, date | None]:
    line2 = f"C1234567<0IDN{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}"
    line2 += "<" * 15
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    result = parse_td3("PPIDNSUKARNO" + "<" * 32, line2, today=today)
    return result.birth_date, result.expiry_date


def test_birth_date_takes_latest_century_not_in_the_future() -> None:
    today = date(2026, 3, 17)
    assert _dates("260317", "300101", today)[0] == date(2026, 3, 17)
    assert _dates("260318", "300101", today)[0] == date(1926, 3, 18)
    assert _dates("990101", "300101", today)[0] == date(1999, 1, 1)
    assert _dates("000229", "300101", today)[0] == date(2000, 2, 29)


def test_expiry_date_takes_the_next_century() -> None:
    today = date(2026, 3, 17)
    assert _dates("800101", "300101", today)[1] == date(2030, 1, 1)
    assert _dates("800101", "360316", today)[1] == date(2036, 3, 16)
    assert _dates("800101", "260317", today)[1] == date(2026, 3, 17)


def test_expired_passport_keeps_its_past_expiry_date() -> None:
    today = date(2026, 3, 17)
    assert _dates("800101", "120415", today)[1] == date(2012, 4, 15)
    assert _dates("500101", "990101", today)[1] == date(1999, 1, 1)


def test_a_birth_date_not_before_the_expiry_is_taken_a_century_earlier() -> None:
    # Born 1 June 1925, the passport expired 1 January 2025: read as 2025 the birth would come
    # after the expiry, which no passport allows.
    line1, line2 = _compose(birth_date=date(1925, 6, 1), expiry_date=date(2025, 1, 1))
    result = _parse(line1, line2)
    assert result.valid, result.errors
    assert (result.birth_date, result.expiry_date) == (date(1925, 6, 1), date(2025, 1, 1))


def test_leap_day_birth_date_skips_centuries_without_29_february() -> None:
    assert _dates("000229", "300101", date(2101, 1, 1))[0] == date(2000, 2, 29)


# --- Corruption of line 2 -----------------------------------------------------------------------

PROTECTED = [*range(0, 10), *range(13, 20), *range(21, 44)]
NUMERIC_ONLY = {*range(13, 20), *range(21, 28), 9, 42, 43}


def _corruptions(line2: str) -> list[tuple[int, str, bool]]:
    """(position, replacement, whether a check digit can see it) for each corruption."""
    found = []
    for index in PROTECTED:
        for char in MRZ_ALPHABET:
            if char == line2[index]:
                continue
            if index == 42 and line2[28:42] == "<" * 14 and {char, line2[index]} == {"<", "0"}:
                continue  # both marks are correct for unused optional data
            visible = index in NUMERIC_ONLY or _value(char) % 10 != _value(line2[index]) % 10
            found.append((index, char, visible))
    return found


@pytest.mark.parametrize(
    "optional", [{"optional_data": "ZE184226B"}, {}, {"empty_optional_check": "0"}]
)
def test_every_visible_single_character_corruption_is_detected(
    optional: dict[str, str],
) -> None:
    line1, line2 = _compose(passport_number="L898902C3", **optional)
    assert _parse(line1, line2).valid
    for index, char, visible in _corruptions(line2):
        if visible:
            corrupted = _replace(line2, index, char)
            assert not _parse(line1, corrupted).valid, (index, char)


def test_check_digits_cannot_see_letters_ten_apart_in_the_passport_number() -> None:
    # A property of the ICAO 7-3-1 scheme: 'C' (12) for '2' keeps every sum modulo 10.
    line1, line2 = _compose(passport_number="L898902C3")
    assert _parse(line1, _replace(line2, 7, "2")).valid


# --- Independent checker: the PyPI package `mrz` (GPL, test-only) -------------------------------

UNTRUNCATED = [
    ("Eriksson", "Anna Maria"),
    ("Sukarno", ""),
    ("O'Connor", "Enya Siobhan"),
    ("Smith-Jones", "Susie Margaret"),
    ("Van der Muellen", "Martin"),
    ("Müller", "Jürgen Åke"),
    ("Fauzi", "Dr. H. Ahmad, S.H."),
    ("Papandropoulous", "Jonathon Warren Trevor"),
    ("Simanjuntak", "Maria Theresia"),
]


@pytest.mark.parametrize(("primary", "secondary"), UNTRUNCATED)
@pytest.mark.parametrize("document_code", ["P<", "PP", "PD"])
def test_independent_checker_accepts_composed_lines(
    primary: str, secondary: str, document_code: str
) -> None:
    td3 = pytest.importorskip("mrz.checker.td3")
    line1, line2 = _compose(document_code=document_code, primary=primary, secondary=secondary)
    assert bool(td3.TD3CodeChecker(line1 + "\n" + line2))


@given(st.text(alphabet=MRZ_ALPHABET, min_size=1, max_size=44))
def test_check_digit_agrees_with_the_independent_implementation(field: str) -> None:
    functions = pytest.importorskip("mrz.base.functions")
    assert check_digit(field) == functions.hash_string(field)


def test_every_letter_of_the_icao_latin_table_is_written_as_the_independent_table_says() -> None:
    # Doc 9303 part 3 §6 A as the `mrz` package types it, upper- and lower-case rows both.
    table = pytest.importorskip("mrz.generator.dictionaries.latin_based").transliteration
    letters = {char: mrz_form.upper() for char, mrz_form in table.items() if char.isalpha()}
    assert len(letters) > 150
    written = {char: transliterate_name_part(char) for char in letters}
    assert written == letters


def test_independent_checker_accepts_used_optional_data() -> None:
    td3 = pytest.importorskip("mrz.checker.td3")
    line1, line2 = _compose(optional_data="ZE184226B", sex="X")
    assert bool(td3.TD3CodeChecker(line1 + "\n" + line2))


# --- Round trip ---------------------------------------------------------------------------------

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WORD = st.text(alphabet=_LETTERS + "ÄÖÜÉÑ'", min_size=1, max_size=14).filter(
    lambda word: any(char.isalpha() for char in word)
)


@st.composite
def _td3_inputs(draw: st.DrawFn) -> dict[str, object]:
    birth = draw(st.dates(min_value=TODAY.replace(year=TODAY.year - 99), max_value=TODAY))
    earliest = max(birth + timedelta(days=1), TODAY.replace(year=TODAY.year - 49))
    expiry = draw(st.dates(min_value=earliest, max_value=TODAY.replace(year=TODAY.year + 49)))
    return {
        "document_code": draw(st.sampled_from(sorted(DOCUMENT_CODES))),
        "issuing_state": draw(st.sampled_from(["IDN", "UTO", "D<<", "MYS"])),
        "primary": " ".join(draw(st.lists(_WORD, min_size=1, max_size=4))),
        "secondary": " ".join(draw(st.lists(_WORD, max_size=4))),
        "passport_number": draw(st.text(alphabet=_LETTERS + "0123456789", min_size=1, max_size=9)),
        "nationality": draw(st.sampled_from(["IDN", "UTO", "SGP"])),
        "birth_date": birth,
        "sex": draw(st.sampled_from(["F", "M", "X"])),
        "expiry_date": expiry,
        "optional_data": draw(st.text(alphabet=_LETTERS + "0123456789", max_size=14)),
        "empty_optional_check": draw(st.sampled_from(["<", "0"])),
    }


@given(_td3_inputs())
def test_composed_lines_read_back_to_the_same_data(inputs: dict[str, object]) -> None:
    line1, line2 = compose_td3(**inputs)  # type: ignore[arg-type]
    result = parse_td3(line1, line2, today=TODAY)
    assert result.valid, result.errors
    assert (result.document_code, result.issuing_state) == (
        inputs["document_code"],
        inputs["issuing_state"],
    )
    assert result.passport_number == inputs["passport_number"]
    assert result.nationality == inputs["nationality"]
    assert result.birth_date == inputs["birth_date"]
    assert result.expiry_date == inputs["expiry_date"]
    assert result.sex == inputs["sex"]
    assert result.optional_data == inputs["optional_data"]
    name = result.primary_identifier.replace(" ", "<")
    if result.secondary_identifier:
        name += "<<" + result.secondary_identifier.replace(" ", "<")
    assert line1[5:].rstrip("<") == name


# --- Degrees typed with a space after their dot ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Budi Santoso, S. Kom.", "Budi Santoso"),
        ("Budi Santoso, S. Kom", "Budi Santoso"),
        ("Siti Aminah, S. Pd., M. Pd.", "Siti Aminah"),
        ("Siti Aminah, S. H., M. Kn.", "Siti Aminah"),
        ("Yohanes Lim, B. Sc., Ph. D.", "Yohanes Lim"),
        ("Nur Aini, A. Md. Kep.", "Nur Aini"),
        ("Rina Wati, S.Kep., Ners", "Rina Wati"),
        ("Rina Wati S.Kep. Ners", "Rina Wati"),
    ],
)
def test_a_degree_after_a_comma_may_be_typed_with_spaces(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


@pytest.mark.parametrize("name", ["Budi S. Kom", "Ahmad S. Pd"])
def test_spaced_initials_that_follow_no_comma_stay(name: str) -> None:
    assert strip_titles(name) == name


def test_identifiers_already_without_titles_are_written_as_they_are() -> None:
    # A caller that took titles off the whole name before splitting it passes the parts on:
    # judged again alone, "M.Nur" at the end of the secondary identifier would read as a degree.
    assert _name("Hadi", "Ahmad M.Nur") == "HADI<<AHMAD".ljust(39, "<")
    field = mrz_name_field(primary="Hadi", secondary="Ahmad M.Nur", titles_removed=True)
    assert field == "HADI<<AHMAD<MNUR".ljust(39, "<")
    line1, _ = _compose(primary="H.Sutrisno", secondary="Moh. Lim", titles_removed=True)
    assert line1[5:].rstrip("<") == "HSUTRISNO<<MOH<LIM"
