"""The rules of STANDARDS.md §1, §2, §6 and §8 against cases taken from their own sources (ICAO
Doc 9303 parts 3 and 4, the NI conversion table of PermenPANRB 14/2017, textbook M/M/c results)
or worked out by hand, none of them copied from STANDARDS.md."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from paspor.lib.erlang import erlang_c, mean_wait
from paspor.lib.ikm import IkmCategory, ikm_compute, ikm_from_nrr
from paspor.lib.mrz import MRZError, check_digit, compose_td3, mrz_name_field, parse_td3
from paspor.lib.nik import NikError, parse_nik

TODAY = date(2026, 3, 17)

# --- MRZ (ICAO Doc 9303) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "digit"),
    [
        ("D23145890", "7"),  # document number of ICAO's TD1 specimen (part 5)
        ("C1234567<", "0"),  # by hand: 84+3+2+21+12+5+42+21 = 190
        ("901020", "0"),  # 63+0+1+0+6+0 = 70
        ("360317", "0"),  # 21+18+0+21+3+7 = 70
        ("ZE184226B<<<<<", "1"),  # optional data of the TD3 specimen
    ],
)
def test_check_digits_of_reference_fields(field: str, digit: str) -> None:
    assert check_digit(field) == digit


def test_a_hand_computed_indonesian_mrz() -> None:
    # Composite over "C1234567<0" + "9010200" + "3603170" + 15 fillers: 190 + 27 + 7 + 2 + 3
    # + 42 + 3 + 7 + 21 = 302, so 2.
    lines = compose_td3(
        primary="Lestari",
        secondary="Dewi",
        passport_number="C1234567",
        birth_date=date(1990, 10, 20),
        sex="F",
        expiry_date=date(2036, 3, 17),
    )
    assert lines == (
        "PPIDNLESTARI<<DEWI<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "C1234567<0IDN9010200F3603170<<<<<<<<<<<<<<<2",
    )


@pytest.mark.parametrize(
    ("primary", "secondary", "field"),
    [
        # Doc 9303 part 4 §4.2.3.1 (b) and (e): central and multi-component identifiers.
        ("Heng", "Deborah Ming Lo", "HENG<<DEBORAH<MING<LO"),
        ("Al-Basri", "Huda Muhammad Jawad", "AL<BASRI<<HUDA<MUHAMMAD<JAWAD"),
        ("Vilarchao Fernandez", "Jose Ramon", "VILARCHAO<FERNANDEZ<<JOSE<RAMON"),
        ("Arkfreith", "", "ARKFREITH"),
        # §4.2.3.2: the primary identifier fits, the secondary is cut to end on a letter.
        (
            "Nilavadhanananda",
            "Chayapa Dejthamrong Krasuang",
            "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K",
        ),
        ("Nilavadhanananda", "Arnpol Petch Charonguang", "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU"),
        # §4.2.3.4: exactly 39 characters, not truncated.
        ("Papandropoulous", "Jonathon Warren Trevor", "PAPANDROPOULOUS<<JONATHON<WARREN<TREVOR"),
    ],
)
def test_icao_part_4_name_examples(primary: str, secondary: str, field: str) -> None:
    assert mrz_name_field(primary=primary, secondary=secondary) == field.ljust(39, "<")


def test_icao_primary_identifier_truncation_keeps_the_normative_rule() -> None:
    # Doc 9303 part 4 §4.2.3.3 shows three options at the issuing State's discretion for this
    # name; the normative text asks that the primary identifier give up characters until "<<"
    # and the first letter of the secondary identifier fit, and that position 44 be a letter.
    field = mrz_name_field(
        primary="Bennelong Wooloomooloo Warrandyte Warnambool", secondary="Dingo Potoroo"
    )
    head, separator, tail = field.partition("<<")
    assert separator == "<<" and len(field) == 39 and field[-1].isalpha()
    assert tail[0] == "D"
    whole = ["BENNELONG", "WOOLOOMOOLOO", "WARRANDYTE", "WARNAMBOOL"]
    assert all(w.startswith(p) for p, w in zip(head.split("<"), whole, strict=False))


@pytest.mark.parametrize("code", ["D<<", "IDN", "UTO", "GB<"])
def test_state_codes_left_aligned_and_filled_are_read(code: str) -> None:
    line1 = f"P<{code}ERIKSSON<<ANNA<MARIA".ljust(44, "<")
    line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert parse_td3(line1, line2, today=TODAY).valid


@pytest.mark.parametrize("code", ["I<D", "<ID", "<<D", "A<B"])
def test_a_state_code_with_a_filler_before_a_letter_is_not_left_aligned(code: str) -> None:
    # Doc 9303 part 4 §4.2.2: fields are written from their leftmost position, unused positions
    # filled with "<"; a filler therefore never comes before a letter of the code.
    line1 = f"P<{code}ERIKSSON<<ANNA<MARIA".ljust(44, "<")
    line2 = "L898902C36" + code + "7408122F1204159ZE184226B<<<<<10"
    fields = {error.field for error in parse_td3(line1, line2, today=TODAY).errors}
    assert fields == {"issuing_state", "nationality"}
    with pytest.raises(MRZError) as caught:
        compose_td3(
            issuing_state=code,
            primary="Eriksson",
            secondary="Anna",
            passport_number="L898902C3",
            birth_date=date(1974, 8, 12),
            sex="F",
            expiry_date=date(2032, 4, 15),
        )
    assert caught.value.code == "invalid_issuing_state"


# --- NIK --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "sex", "born", "regency"),
    [
        ("6104015505850003", "F", date(1985, 5, 15), "Kabupaten Ketapang"),
        ("6104017112990001", "F", date(1999, 12, 31), "Kabupaten Ketapang"),  # 71 = 31 + 40
        ("6104014101010002", "F", date(2001, 1, 1), "Kabupaten Ketapang"),  # 41 = 1 + 40
        ("6104016902920004", "F", date(1992, 2, 29), "Kabupaten Ketapang"),  # leap year
        ("6171013112260001", "M", date(1926, 12, 31), "Kota Pontianak"),  # after today: 1926
        ("6171011703260001", "M", date(2026, 3, 17), "Kota Pontianak"),  # today itself
    ],
)
def test_nik_read_by_hand(nik: str, sex: str, born: date, regency: str) -> None:
    info = parse_nik(nik, today=TODAY)
    assert (info.sex, info.birth_date, info.regency_name) == (sex, born, regency)


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("6104016902930004", "date"),  # a woman's 29 February 1993 (or 1893): no leap year
        ("6104017002920004", "date"),  # 30 February
        ("6104017204920004", "day"),  # 72
        ("6104014004920004", "day"),  # 40
        ("6104013100920004", "month"),
    ],
)
def test_impossible_nik_read_by_hand(nik: str, code: str) -> None:
    with pytest.raises(NikError) as caught:
        parse_nik(nik, today=TODAY)
    assert caught.value.code == code


# --- IKM (PermenPANRB 14/2017) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("nrr", "index", "category"),
    [
        # The regulation's conversion table gives each category an NI interval (mean score)
        # beside its NIK interval (unit index): 1,00–2,5996 D; 2,60–3,064 C; 3,0644–3,532 B;
        # 3,5324–4,00 A. Each NI edge maps onto the NIK edge by × 25.
        ("2.5996", "64.99", IkmCategory.D),
        ("2.60", "65.00", IkmCategory.C),
        ("3.064", "76.60", IkmCategory.C),
        ("3.0644", "76.61", IkmCategory.B),
        ("3.532", "88.30", IkmCategory.B),
        ("3.5324", "88.31", IkmCategory.A),
        ("3", "75.00", IkmCategory.C),
    ],
)
def test_ni_interval_edges_of_the_regulation(nrr: str, index: str, category: IkmCategory) -> None:
    result = ikm_from_nrr([Decimal(nrr)] * 9)
    assert (result.index, result.category) == (Decimal(index), category)


def test_raw_answers_by_hand() -> None:
    # Element 9 has 4, 4, 3 (NRR 11/3), the others 3: (8·3 + 11/3) / 9 · 25 = 76.851… → 76.85.
    result = ikm_compute([[3] * 8 + [4], [3] * 8 + [4], [3] * 9])
    assert result.nrr(result.elements[8].element) == Fraction(11, 3)
    assert (result.index, result.category) == (Decimal("76.85"), IkmCategory.B)


# --- Erlang C ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrival", "service", "servers", "p_wait", "wait"),
    [
        # a = 2.5, c = 3: Σ = 1 + 2.5 + 3.125 = 6.625, top = 15.625/6 · 6 = 15.625,
        # P_w = 15.625 / 22.25 = 125/178, W_q = P_w / (12 − 10).
        (10, 4, 3, 125 / 178, 125 / 356),
        # a = 1, c = 2: Σ = 2, top = 0.5 / 0.5 = 1, P_w = 1/3, W_q = (1/3) / (2 − 1).
        (1, 1, 2, 1 / 3, 1 / 3),
        # One counter is M/M/1: P_w = ρ, W_q = ρ / (μ − λ).
        (3, 4, 1, 0.75, 0.75),
    ],
)
def test_erlang_c_by_hand(
    arrival: float, service: float, servers: int, p_wait: float, wait: float
) -> None:
    assert erlang_c(arrival_rate=arrival, service_rate=service, servers=servers) == pytest.approx(
        p_wait
    )
    assert mean_wait(arrival_rate=arrival, service_rate=service, servers=servers) == pytest.approx(
        wait
    )
