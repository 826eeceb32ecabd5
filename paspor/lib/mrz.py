"""The machine-readable zone of a passport: ICAO Doc 9303 parts 3 and 4, format TD3.

Two lines of 44 characters drawn from ``A``–``Z``, ``0``–``9`` and the filler ``<``
(STANDARDS.md §1):

* line 1: document code (1–2), issuing state (3–5), name (6–44, 39 characters);
* line 2: passport number (1–9) and its check digit (10), nationality (11–13), date of birth
  ``YYMMDD`` (14–19) and its check digit (20), sex (21), date of expiry (22–27) and its check digit
  (28), optional data (29–42) and its check digit (43), composite check digit (44) over positions
  1–10, 14–20 and 22–43.

:func:`compose_td3` writes the two lines and refuses input that cannot be written;
:func:`parse_td3` reads them back and reports every failing check instead of stopping at the
first, because a quality-control officer needs to see all that is wrong with a printed page.

Error messages are Indonesian first (``message``) with an English twin (``message_en``); this
module has no Django import, so the caller shows the message as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Final

__all__ = [
    "DEGREE_SUFFIXES",
    "DOCUMENT_CODES",
    "ICAO_LATIN_TRANSLITERATION",
    "TITLE_PREFIXES",
    "FieldError",
    "MRZError",
    "TD3Result",
    "check_digit",
    "compose_td3",
    "mrz_name_field",
    "parse_td3",
    "strip_titles",
    "transliterate_name_part",
]

LINE_LENGTH: Final = 44
NAME_WIDTH: Final = 39
FILLER: Final = "<"
_NUMBER_WIDTH: Final = 9
_OPTIONAL_WIDTH: Final = 14
_EXPIRY_WINDOW_YEARS: Final = 50

# Amended Doc 9303 part 4 §4.4: "P" plus a harmonised second letter (PP ordinary, PD diplomatic,
# PO official/service, PE emergency, PR refugee, PT alien, PS stateless, PL laissez-passer,
# PM military, PU single sheet); "P<" on passports issued without one (until 2028).
DOCUMENT_CODES: Final = frozenset(
    {"P<", "PP", "PD", "PO", "PE", "PR", "PT", "PS", "PL", "PM", "PU"}
)

_CHAR_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    {FILLER: 0}
    | {str(digit): digit for digit in range(10)}
    | {chr(ord("A") + index): 10 + index for index in range(26)}
)
_WEIGHTS: Final = (7, 3, 1)
# Three letters, or fewer left-aligned and filled ("D<<"): a filler never comes before a letter.
_STATE_CODE: Final = re.compile(r"[A-Z](?:[A-Z]{2}|[A-Z]<|<<)")
_PASSPORT_NUMBER: Final = re.compile(r"[A-Z0-9]{1,9}")
_OPTIONAL_DATA: Final = re.compile(r"[A-Z0-9<]{0,14}")
_SIX_DIGITS: Final = re.compile(r"[0-9]{6}")
_SEX_CODES: Final[Mapping[str, str]] = MappingProxyType({"F": "F", "M": "M", "X": "<", "<": "<"})

# Doc 9303 part 3 §6 A, "Transliteration of multinational Latin-based characters": the
# recommended MRZ form of each national character. Where the table offers a choice (Ä "AE or A",
# Å "AA or A", Ñ "N or NXX", Ö "OE or O", Ü "UE or UXX or U") the first is used. The table has
# upper-case rows only, so text is upper-cased before the lookup.
ICAO_LATIN_TRANSLITERATION: Final[Mapping[str, str]] = MappingProxyType(
    {
        "À": "A", "Á": "A", "Â": "A", "Ã": "A", "Ä": "AE", "Å": "AA", "Æ": "AE", "Ç": "C",
        "È": "E", "É": "E", "Ê": "E", "Ë": "E", "Ì": "I", "Í": "I", "Î": "I", "Ï": "I",
        "Ð": "D", "Ñ": "N", "Ò": "O", "Ó": "O", "Ô": "O", "Õ": "O", "Ö": "OE", "Ø": "OE",
        "Ù": "U", "Ú": "U", "Û": "U", "Ü": "UE", "Ý": "Y", "Þ": "TH",
        "Ā": "A", "Ă": "A", "Ą": "A", "Ć": "C", "Ĉ": "C", "Ċ": "C", "Č": "C", "Ď": "D",
        "Đ": "D", "Ē": "E", "Ĕ": "E", "Ė": "E", "Ę": "E", "Ě": "E", "Ĝ": "G", "Ğ": "G",
        "Ġ": "G", "Ģ": "G", "Ĥ": "H", "Ħ": "H", "Ĩ": "I", "Ī": "I", "Ĭ": "I", "Į": "I",
        "İ": "I", "ı": "I", "Ĳ": "IJ", "Ĵ": "J", "Ķ": "K", "Ĺ": "L", "Ļ": "L", "Ľ": "L",
        "Ŀ": "L", "Ł": "L", "Ń": "N", "Ņ": "N", "Ň": "N", "Ŋ": "N", "Ō": "O", "Ŏ": "O",
        "Ő": "O", "Œ": "OE", "Ŕ": "R", "Ŗ": "R", "Ř": "R", "Ś": "S", "Ŝ": "S", "Ş": "S",
        "Š": "S", "Ţ": "T", "Ť": "T", "Ŧ": "T", "Ũ": "U", "Ū": "U", "Ŭ": "U", "Ů": "U",
        "Ű": "U", "Ų": "U", "Ŵ": "W", "Ŷ": "Y", "Ÿ": "Y", "Ź": "Z", "Ż": "Z", "Ž": "Z",
        "ẞ": "SS",
    }
)  # fmt: skip

# Doc 9303 part 3 §4.6: an apostrophe joins the parts it separates ("D'ARTAGNAN" ->
# "DARTAGNAN"); a hyphen, and a comma between two components, become one filler. Romanised
# Arabic writes the apostrophe-like ayn and hamza as modifier letters (ʿ ʾ): dropped the same way.
APOSTROPHES: Final = frozenset("'’‘ʼʻʿʾ`´′ʹ")
_SEPARATORS: Final = frozenset(",<")

# Titles and degrees are not part of the MRZ name (Doc 9303 part 3 §4.6: "prefixes and suffixes,
# including titles, professional and academic qualifications ... shall not be included").
# :func:`strip_titles` recognises degrees by where and how they are written; these lists hold
# only the words that place and shape cannot tell from a name. Written without dots and in upper
# case; a token matches ignoring case and dots.
#
# Titles written before a name: academic (Dr, Prof, Ir, Drs, Dra, dr, drg, drh), religious
# (H/Haji, Hj/Hajjah, KH, Pdt, Ust/Ustadz) and forms of address (Tn, Ny, Nn, Sdr, Mr…).
# Hereditary titles (R., R.A., Raden, Andi, Teuku, Gusti) are deliberately absent: see
# strip_titles.
TITLE_PREFIXES: Final = frozenset(
    {
        "DR", "DRS", "DRA", "DRG", "DRH", "IR", "PROF", "H", "HJ", "KH", "HAJI", "HAJJAH",
        "HAJAH", "PDT", "UST", "USTADZ", "USTAZ", "USTADZAH", "USTAZAH", "TN", "NY", "NN", "SDR",
        "SDRI", "MR", "MRS", "MS", "MISS", "SIR",
    }
)  # fmt: skip
# Professional titles that Indonesian rules write in front of the name, with a dot: Ners (Ns.),
# apoteker (apt.) and bidan (Bd.), as in "Ns. Dewi Lestari, S.Kep.". Only dotted, since alone
# they could be a name; they may also stand after a name (DEGREE_SUFFIXES).
FRONT_DEGREES: Final = frozenset({"NS", "NERS", "APT", "BD"})
# Degrees and suffixes that are written as one word, with or without a dot (Ns., Apt., Lc., MBA,
# PhD), and the undotted forms of common Indonesian degrees typed without dots (SH, SKOM, MM).
# Dotted compounds (S.Hum., A.Md.Kep., Ph.D., Dipl.-Ing.) need no entry here.
DEGREE_SUFFIXES: Final = frozenset(
    {
        "SH", "SE", "ST", "SS", "SP", "SPD", "SPDI", "SAG", "SSOS", "SIP", "SIKOM", "SPSI",
        "SKOM", "SKED", "SFARM", "SKM", "SKEP", "SSI", "SSN", "SPT", "SHUT", "STP", "SAK",
        "SHI", "SKG", "SGZ", "STR", "STRP", "SHUM", "SSTAT", "SEI", "SPI", "SDS", "AMD", "AMK",
        "AMDKEB", "AMDKEP", "MM", "MH", "MT", "MSI", "MPD", "MAG", "MKOM", "MKES", "MHUM",
        "MKN", "MAK", "MIKOM", "MFARM", "MKEB", "MKEP", "MPSI", "MSTAT", "ME", "MSC", "MA",
        "MBA", "MENG", "MPH", "LLM", "LC", "PHD", "BSC", "BA", "BENG", "APT", "NS", "NERS", "BD", "AK",
        "SPA", "SPB", "SPOG", "SPPD", "SPJP", "SPM", "SPTHT", "SPKK", "SPS", "SPRAD", "SPAN",
        "SPKJ", "SPP", "SPU", "SPOT", "SPBS", "SPF", "SPGK", "JR", "SR", "II", "III", "IV",
    }
)  # fmt: skip
_GENERATION_SUFFIXES: Final = frozenset({"II", "III", "IV"})
# Listed degrees that no name is spelt like, so they go from the end of a name on their own,
# undotted (Budi Santoso PhD): words without a vowel, and MBA. Other listed words are also names
# (Ma, Se, Meng, Beng) and go only after a written degree. Jr and Sr keep their own rule (a dot).
_VOWELS: Final = frozenset("AEIOUY")
_NOT_A_NAME: Final = frozenset({"MBA"})
_GENERATION_WORDS: Final = frozenset({"JR", "SR"})
# A dotted compound degree: two or more short pieces joined by dots (a hyphen may follow a dot):
# S.H., S.Kom, M.Psi., S.Tr.Kes., A.Md.Kep., Ph.D., Sp.PD-KGEH, Dipl.-Ing.
_DEGREE_PIECES: Final = re.compile(r"[.\-]+")
# The same degrees typed without dots but with their capitals: SKom, SPd, MPsi, STrKes, SpOG.
_CAMEL_DEGREE: Final = re.compile(r"(?:S|M|B|Sp|AMd|D[1-4])(?:[A-Z][a-z]{0,4}){1,3}")
# A part in brackets is never part of the registered name: a consultant's "(K)" (Sp.A(K)), a
# branch of service "(Han)" (M.Si. (Han)), an honorary "(H.C.)".
_BRACKETED: Final = re.compile(r"\([^()]*\)")
# What may follow a doctor's title and belongs to it: the field of a Latin or German doctorate
# (Dr.-Ing., Dr. rer. nat., Dr. Sc., Drs. Ec.) and honoris causa (Dr. h.c., Dr. HC). After a
# title only, since alone "H.C." may be two initials.
_TITLE_QUALIFIERS: Final = frozenset(
    {
        "HC", "ING", "RER", "NAT", "POL", "SOC", "OEC", "PHIL", "MED", "DENT", "VET", "JUR",
        "IUR", "SC", "TECHN", "AGR", "EC", "PAED", "THEOL", "HABIL",
    }
)  # fmt: skip
_HONORIS_CAUSA: Final = "HC"


class MRZError(ValueError):
    """Input that cannot be written into an MRZ; ``message`` is the Indonesian text to show."""

    def __init__(self, *, code: str, message: str, message_en: str) -> None:
        super().__init__(f"{message} ({message_en})")
        self.code = code
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class FieldError:
    """One failing check found while reading an MRZ; ``field`` names the data element.

    ``position`` is set (1–44 in line 2) when a check digit does not match its data; the message
    then names that check digit and its place itself.
    """

    field: str
    message: str
    message_en: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class TD3Result:
    """What a TD3 MRZ says, with every check that failed.

    Identifiers have their fillers turned back into spaces. ``sex`` is ``"F"``, ``"M"`` or ``"X"``
    (filler: unspecified). Dates are ``None`` when they cannot be a calendar date.
    ``name_possibly_truncated`` is set when the name reaches position 44: Doc 9303 part 4 says
    such a name must be treated as though it had been truncated.
    """

    document_code: str
    issuing_state: str
    primary_identifier: str
    secondary_identifier: str
    passport_number: str
    nationality: str
    birth_date: date | None
    sex: str
    expiry_date: date | None
    optional_data: str
    name_possibly_truncated: bool
    errors: list[FieldError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


# --- Check digits -------------------------------------------------------------------------------


def check_digit(field: str) -> str:
    """The Doc 9303 part 3 §4.9 check digit of ``field``.

    ``0``–``9`` count as 0–9, ``A``–``Z`` as 10–35 and ``<`` as 0; weights 7, 3, 1 repeat from
    the left; the digit is the sum modulo 10.
    """
    try:
        total = sum(_CHAR_VALUES[char] * _WEIGHTS[index % 3] for index, char in enumerate(field))
    except KeyError:
        raise MRZError(
            code="invalid_characters",
            message=f"'{field}' memuat karakter selain A–Z, 0–9 dan '<'.",
            message_en=f"'{field}' contains characters other than A–Z, 0–9 and '<'.",
        ) from None
    return str(total % 10)


# --- Names ----------------------------------------------------------------------------------------


def transliterate_name_part(text: str) -> str:
    """``text`` in MRZ characters: upper case, national characters transliterated.

    Follows Doc 9303 part 3 §4.6 and §6 A: letters with diacritics take the recommended form of
    :data:`ICAO_LATIN_TRANSLITERATION` (``Ö`` → ``OE``, ``ß`` → ``SS``, ``Þ`` → ``TH``);
    apostrophes are dropped and join the parts they separate; spaces, hyphens and commas become one
    ``<``; digits and other punctuation are dropped. A Latin letter missing from the table loses
    its marks (``Ș`` → ``S``). A letter that has no Latin form (Cyrillic, Arabic, ``Ə``…) raises
    :class:`MRZError`: it needs a transliteration chosen by a person, not a guess.
    """
    pieces = [_transliterate_char(char) for char in unicodedata.normalize("NFC", text).upper()]
    return FILLER.join(part for part in "".join(pieces).split(FILLER) if part)


def _transliterate_char(char: str) -> str:
    if "A" <= char <= "Z":
        return char
    if char in ICAO_LATIN_TRANSLITERATION:
        return ICAO_LATIN_TRANSLITERATION[char]
    if char in APOSTROPHES:
        return ""
    if char in _SEPARATORS or char.isspace() or unicodedata.category(char) == "Pd":
        return FILLER
    if unicodedata.category(char).startswith("L"):
        return _strip_marks(char)
    return ""  # digits, other punctuation, symbols, stray combining marks


def _strip_marks(letter: str) -> str:
    kept = [
        part
        for part in unicodedata.normalize("NFKD", letter).upper()
        if not unicodedata.category(part).startswith("M")
    ]
    plain = "".join(kept)
    if plain and all("A" <= part <= "Z" for part in plain):
        return plain
    raise MRZError(
        code="untransliterable_letter",
        message=f"Huruf '{letter}' tidak dapat ditulis di MRZ; masukkan nama dalam huruf Latin.",
        message_en=f"The letter '{letter}' cannot be written in the MRZ; enter the name in Latin.",
    )


def strip_titles(
    name: str,
    *,
    prefixes: Collection[str] = TITLE_PREFIXES,
    suffixes: Collection[str] = DEGREE_SUFFIXES,
) -> str:
    """``name`` without the titles and degrees that Doc 9303 keeps out of the MRZ.

    Indonesian degrees are an open set (S.Hum., S.Tr.Kes., A.Md.Kep., M.Psi., CPA, FINASIM …),
    so they are recognised by where and how they are written, not looked up. The rule:

    1. Everything after the first comma goes. A KTP name holds no comma except the one before
       its degrees (``"Nama, S.H., M.H."``), so what follows is degrees whatever they look like
       (``"Budi Santoso, S.E., Ak., CA"``, ``"Siti Aminah, MARS"``, ``"Sukarno, Ir."``).
    2. A part in brackets goes wherever it is: ``(K)``, ``(Han)``, ``(H.C.)``.
    3. Titles on :data:`TITLE_PREFIXES` go from the front, with or without a dot (``"Dr. H.
       Ahmad"``, ``"Ir Sutami"``: an undotted leading ``Ir`` is the title Insinyur), and those
       on :data:`FRONT_DEGREES` with a dot (``"Ns. Dewi"``, ``"apt. Siti"``), also when
       typed onto the name (``"H.Sutrisno"``) or joined to each other (``"Prof.Dr.Ir."``), and
       so does what qualifies a doctor's title after it (``"Dr.-Ing."``, ``"Dr. rer. nat."``,
       ``"Dr. Sc. h.c."``, ``"Drs. Ec."``, ``"Dr. HC"``). In the middle they stay: ``"Ahmad
       H. Fauzi"`` keeps its initial.
    4. Written degrees go from the end even without a comma: dotted compounds (two or more
       pieces of at most six letters joined by dots: ``S.H.``, ``Ph.D.``, ``Dipl.-Ing.``) and
       camel-case degrees typed without dots (``SKom``, ``MPsi``); dotted words of two letters or
       more on either list (``Ns.``, ``Jr.``, ``Dr.``); generation numerals (``III``); and the
       listed degrees that no name is spelt like (``SH``, ``MM``, ``PhD``, ``MBA``: no vowel,
       or MBA). Another undotted word on the list goes only after such a degree (``"S.H.
       MA"``): alone it may be a family name (*Ma*, *Se*, *Meng*).

    What it keeps, on purpose: single-letter initials anywhere except a leading title
    (``"Abdul R. Hakim"``, ``"Ahmad H."``); hereditary titles (``R.``, ``R.A.``, ``Raden``,
    ``Andi``, ``Teuku``): they cannot be told from initials or given names by their shape, are
    commonly part of the registered name, and a wrongly dropped name part changes who the MRZ
    names, while a kept title only lengthens it; abbreviated given names (``Moh.``, ``Muh.``);
    undotted ``Jr`` and ``Sr``. Limits: a name written surname first after a comma
    (``"Fauzi, Ahmad"``) loses what follows the comma, which no KTP name does; a dotted compound
    without a final dot has pieces of at most four letters, so an initial fused to a short last
    name (``"Hadi M.Nur"``) still reads as a degree; write it with a space. If nothing would be
    left (``"Dr."``, ``"Ir"``, ``"S.H."``) the name is returned whole. Whitespace is tidied to
    single spaces.
    """
    head = _BRACKETED.sub(" ", name).split(",")[0].split()
    kept = _drop_degrees(_drop_titles(head, prefixes), prefixes, suffixes)
    return " ".join(kept) or " ".join(name.split())


def _normalized(token: str) -> str:
    return token.replace(".", "").upper()


def _is_title(token: str, prefixes: Collection[str]) -> bool:
    """``Dr.``, ``dr``, ``K.H.``, titles run together (``Prof.Dr.``), ``Dr.-Ing.`` and ``Ns.``."""
    if _normalized(token) in prefixes:
        return True
    if token.endswith(".") and _normalized(token) in FRONT_DEGREES:
        return True
    pieces = [piece.upper() for piece in _DEGREE_PIECES.split(token) if piece]
    return (
        bool(pieces)
        and pieces[0] in prefixes
        and all(piece in prefixes or piece in _TITLE_QUALIFIERS for piece in pieces[1:])
    )


def _is_title_qualifier(token: str) -> bool:
    """``rer.``, ``Sc.``, ``Ec.``, ``h.c.`` or ``HC`` after a title; a dot marks all but HC."""
    normalized = _normalized(token)
    if normalized == _HONORIS_CAUSA:
        return True
    return token.endswith(".") and normalized in _TITLE_QUALIFIERS


def _is_written_degree(token: str) -> bool:
    """A degree by its shape: a dotted compound (``S.Kep``, ``A.Md.Kep.``) or ``SKom``."""
    if _CAMEL_DEGREE.fullmatch(token) and not token.isupper():
        return True
    if "." not in token.strip(".-"):
        return False
    pieces = _DEGREE_PIECES.split(token.strip(".-"))
    # Without a final dot the pieces must be short, so "Ahmad M.Rizki" keeps its fused initial.
    longest = 6 if token.endswith(".") else 4
    return all(piece.isalpha() and len(piece) <= longest for piece in pieces)


def _drop_titles(tokens: list[str], prefixes: Collection[str]) -> list[str]:
    start = 0
    while start < len(tokens) and (
        _is_title(tokens[start], prefixes) or (start > 0 and _is_title_qualifier(tokens[start]))
    ):
        start += 1
    kept = tokens[start:]
    if kept:
        kept[0] = _drop_joined_titles(kept[0], prefixes)
    return kept


def _drop_joined_titles(token: str, prefixes: Collection[str]) -> str:
    """``H.Sutrisno`` → ``Sutrisno``: titles typed onto the name without a space.

    Only before a word: in a run of initials (``H.M.``, ``H.C.``) a leading ``H`` may be one.
    """
    pieces = token.split(".")
    count = 0
    while count < len(pieces) - 1 and (
        pieces[count].upper() in prefixes or pieces[count].upper() in FRONT_DEGREES
    ):
        count += 1
    return ".".join(pieces[count:]) if len(pieces[count]) > 1 else token


def _drop_degrees(
    tokens: list[str], prefixes: Collection[str], suffixes: Collection[str]
) -> list[str]:
    end = len(tokens)
    while end > 0 and (
        _is_trailing_evidence(tokens[end - 1], prefixes, suffixes)
        or _normalized(tokens[end - 1]) in suffixes
    ):
        end -= 1
    # An undotted listed word that may be a name opens the trailing run only after a degree
    # ("S.H. MA"), never on its own ("Siti Ma"): give such words back from the start of the run.
    while end < len(tokens) and not _is_trailing_evidence(tokens[end], prefixes, suffixes):
        end += 1
    return tokens[:end]


def _is_trailing_evidence(token: str, prefixes: Collection[str], suffixes: Collection[str]) -> bool:
    normalized = _normalized(token)
    if _is_written_degree(token) or normalized in _GENERATION_SUFFIXES:
        return True
    # "Ns.", "Jr.", "Dr.": a dotted listed word; a single letter with a dot is an initial.
    if token.endswith(".") and len(normalized) > 1:
        return normalized in suffixes or normalized in prefixes
    return normalized in suffixes and _is_not_a_name(normalized)


def _is_not_a_name(word: str) -> bool:
    """Whether a listed degree is spelt like no name: no vowel (``SH``, ``PHD``) or ``MBA``."""
    if word in _GENERATION_WORDS:
        return False
    return word in _NOT_A_NAME or not _VOWELS.intersection(word)


def mrz_name_field(
    *, primary: str, secondary: str, width: int = NAME_WIDTH, titles_removed: bool = False
) -> str:
    """The name field: primary identifier, ``<<``, secondary identifier, filled to ``width``.

    Titles are stripped and each identifier transliterated first. A caller that stripped the
    whole name before splitting it passes ``titles_removed=True``: each identifier is then
    written as given, since a part judged alone reads a middle word as a trailing degree
    (``"Ahmad M.Nur"`` of ``"Ahmad M.Nur Hadi"``). A single-name person (empty ``secondary``)
    has the primary identifier only, followed by fillers, with no ``<<``.

    A name that does not fit is truncated as Doc 9303 part 4 §4.2.2 and STANDARDS.md §1 say:
    characters are removed from the end of the primary identifier until ``<<`` and the first
    letter of the secondary identifier fit; then from the end of the secondary identifier. A
    truncated field is exactly ``width`` long and ends with a letter; when a cut would end on a
    filler, the component before it gives up a letter so the next component keeps its initial.
    """
    if width < 1:
        raise MRZError(
            code="invalid_width",
            message="Lebar kolom nama harus positif.",
            message_en="The name field width must be positive.",
        )
    primary_parts = _components(primary, titles_removed=titles_removed)
    secondary_parts = _components(secondary, titles_removed=titles_removed)
    if not primary_parts:
        raise MRZError(
            code="empty_primary_identifier",
            message="Identitas utama (nama) kosong; nama tunggal ditulis sebagai identitas utama.",
            message_en="The primary identifier is empty; a single name is a primary identifier.",
        )
    if secondary_parts:
        body = _fit_both(primary_parts, secondary_parts, width)
    else:
        body = _fit(primary_parts, width)
    if body is None:
        raise MRZError(
            code="untruncatable_name",
            message="Nama tidak dapat dipendekkan agar muat di MRZ.",
            message_en="The name cannot be truncated to fit the MRZ.",
        )
    return body.ljust(width, FILLER)


def _components(text: str, *, titles_removed: bool) -> list[str]:
    name = text if titles_removed else strip_titles(text)
    return [part for part in transliterate_name_part(name).split(FILLER) if part]


def _fit_both(primary: list[str], secondary: list[str], width: int) -> str | None:
    whole_primary = FILLER.join(primary)
    whole = f"{whole_primary}<<{FILLER.join(secondary)}"
    if len(whole) <= width:
        return whole
    # "<<" and one letter of the secondary identifier must fit (Doc 9303 part 4 §4.2.2); the
    # primary identifier gives up more only if the secondary cannot end on a letter otherwise.
    for primary_budget in range(min(len(whole_primary), width - 3), 0, -1):
        head = _fit(primary, primary_budget)
        tail = None if head is None else _fit(secondary, width - len(head) - 2)
        if head is not None and tail is not None:
            return f"{head}<<{tail}"
    return None


def _fit(components: list[str], budget: int) -> str | None:
    """``components`` joined by fillers, cut from the end to ``budget`` and ending on a letter."""
    joined = FILLER.join(components)
    if len(joined) <= budget:
        return joined
    cut = joined[:budget]
    if cut[-1] != FILLER:
        return cut
    kept, next_initial = cut[:-1].split(FILLER), joined[budget]
    for index in reversed(range(len(kept))):
        if len(kept[index]) > 1:
            kept[index] = kept[index][:-1]
            return f"{FILLER.join(kept)}{FILLER}{next_initial}"
    return None


# --- Composing ----------------------------------------------------------------------------------


def compose_td3(
    *,
    document_code: str = "PP",
    issuing_state: str = "IDN",
    primary: str,
    secondary: str,
    passport_number: str,
    nationality: str = "IDN",
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
    empty_optional_check: str = "<",
    titles_removed: bool = False,
) -> tuple[str, str]:
    """The two TD3 lines for a passport, following Doc 9303 part 4 §4.2.2.

    ``sex`` is ``"F"``, ``"M"`` or ``"X"`` (written as the filler). ``optional_data`` is at most
    14 characters of ``A``–``Z``, ``0``–``9`` and ``<``; when it is empty its check digit is
    ``empty_optional_check`` (``"<"`` or ``"0"``; Doc 9303 allows both). ``titles_removed`` as
    in :func:`mrz_name_field`. Raises :class:`MRZError` for input that cannot be written.
    """
    _require_document_code(document_code)
    _require_state(issuing_state, what="issuing_state")
    _require_state(nationality, what="nationality")
    _require_passport_number(passport_number)
    _require_dates(birth_date=birth_date, expiry_date=expiry_date)
    optional = _require_optional(optional_data, empty_optional_check)
    name = mrz_name_field(primary=primary, secondary=secondary, titles_removed=titles_removed)
    line1 = f"{document_code}{issuing_state}{name}"
    number = passport_number.ljust(_NUMBER_WIDTH, FILLER)
    birth, expiry = birth_date.strftime("%y%m%d"), expiry_date.strftime("%y%m%d")
    body = (
        f"{number}{check_digit(number)}{nationality}{birth}{check_digit(birth)}"
        f"{_sex_code(sex)}{expiry}{check_digit(expiry)}{optional}"
    )
    return line1, body + check_digit(_composite_source(body))


def _composite_source(line2: str) -> str:
    return line2[0:10] + line2[13:20] + line2[21:43]


def _require_document_code(code: str) -> None:
    if code not in DOCUMENT_CODES:
        raise MRZError(
            code="invalid_document_code",
            message=f"Kode dokumen '{code}' tidak dikenal; paspor memakai P diikuti huruf kedua "
            f"dari tabel ICAO ({', '.join(sorted(DOCUMENT_CODES))}).",
            message_en=f"Unknown document code '{code}'; a passport code starts with P "
            f"followed by the ICAO second letter ({', '.join(sorted(DOCUMENT_CODES))}).",
        )


def _require_state(code: str, *, what: str) -> None:
    if not _STATE_CODE.fullmatch(code):
        raise MRZError(
            code=f"invalid_{what}",
            message=f"Kode negara '{code}' harus tiga huruf A–Z, atau kurang yang diisi '<' "
            "di belakangnya (D<<).",
            message_en=f"The state code '{code}' must be three letters A–Z, or fewer followed "
            "by '<' (D<<).",
        )


def _require_passport_number(number: str) -> None:
    if len(number) > _NUMBER_WIDTH:
        raise MRZError(
            code="passport_number_too_long",
            message=f"Nomor paspor '{number}' lebih dari 9 karakter.",
            message_en=f"The passport number '{number}' is longer than 9 characters.",
        )
    if not _PASSPORT_NUMBER.fullmatch(number):
        raise MRZError(
            code="invalid_passport_number",
            message=f"Nomor paspor '{number}' hanya boleh berisi huruf kapital A–Z dan angka.",
            message_en=f"The passport number '{number}' may only hold capitals A–Z and digits.",
        )


def _require_dates(*, birth_date: date, expiry_date: date) -> None:
    if expiry_date <= birth_date:
        raise MRZError(
            code="expiry_before_birth",
            message="Tanggal habis berlaku harus sesudah tanggal lahir.",
            message_en="The date of expiry must come after the date of birth.",
        )


def _require_optional(data: str, empty_check: str) -> str:
    if not _OPTIONAL_DATA.fullmatch(data):
        raise MRZError(
            code="invalid_optional_data",
            message=f"Data opsional '{data}' harus paling banyak 14 karakter A–Z, 0–9 atau '<'.",
            message_en=f"Optional data '{data}' must be at most 14 characters A–Z, 0–9 or '<'.",
        )
    if empty_check not in ("<", "0"):
        raise MRZError(
            code="invalid_empty_optional_check",
            message="Digit periksa data opsional kosong harus '<' atau '0'.",
            message_en="The check digit of empty optional data must be '<' or '0'.",
        )
    padded = data.ljust(_OPTIONAL_WIDTH, FILLER)
    if not data.strip(FILLER):
        return padded + empty_check
    return padded + check_digit(padded)


def _sex_code(sex: str) -> str:
    if sex not in _SEX_CODES:
        raise MRZError(
            code="invalid_sex",
            message=f"Jenis kelamin '{sex}' harus F, M atau X.",
            message_en=f"Sex '{sex}' must be F, M or X.",
        )
    return _SEX_CODES[sex]


# --- Parsing ------------------------------------------------------------------------------------


def parse_td3(line1: str, line2: str, *, today: date | None = None) -> TD3Result:
    """Read a TD3 MRZ back and check it, collecting every failing check.

    The century is not in the MRZ (STANDARDS.md §1): a birth date takes the latest century that
    does not put it after ``today``; an expiry date takes the next century not in the past, unless
    that would put it more than 50 years ahead, which no passport allows: the passport is then an
    expired one of the century before. A passport expires after its holder's birth, so when the
    expiry would not be after the birth date, the birth date is taken a century earlier (born
    1925, not 2025, on a passport that expired in 2025). Callers inside Django pass the office's
    local date.
    """
    errors = _line_errors("line1", line1) + _line_errors("line2", line2)
    upper, lower = line1.ljust(LINE_LENGTH, FILLER), line2.ljust(LINE_LENGTH, FILLER)
    when = today or date.today()
    expiry = _expiry_date(lower[21:27], when)
    birth = _birth_date(lower[13:19], when, before=expiry)
    errors += _header_errors(upper) + _name_errors(upper[5:44])
    errors += _number_errors(lower) + _date_errors(lower, birth=birth, expiry=expiry)
    errors += _optional_errors(lower) + _sex_errors(lower[20]) + _composite_errors(lower)
    primary, _, secondary = upper[5:44].rstrip(FILLER).partition("<<")
    return TD3Result(
        document_code=upper[0:2],
        issuing_state=upper[2:5],
        primary_identifier=primary.replace(FILLER, " "),
        secondary_identifier=secondary.replace(FILLER, " "),
        passport_number=lower[0:9].rstrip(FILLER),
        nationality=lower[10:13],
        birth_date=birth,
        sex="X" if lower[20] == FILLER else lower[20],
        expiry_date=expiry,
        optional_data=lower[28:42].rstrip(FILLER),
        name_possibly_truncated=upper[43] != FILLER,
        errors=errors,
    )


def _error(field_name: str, message: str, message_en: str) -> list[FieldError]:
    return [FieldError(field=field_name, message=message, message_en=message_en)]


def _line_errors(name: str, line: str) -> list[FieldError]:
    errors: list[FieldError] = []
    if len(line) != LINE_LENGTH:
        errors += _error(
            name,
            f"Panjang baris {len(line)} karakter, seharusnya {LINE_LENGTH}.",
            f"The line is {len(line)} characters long, not {LINE_LENGTH}.",
        )
    bad = sorted({char for char in line if char not in _CHAR_VALUES})
    if bad:
        errors += _error(
            name,
            f"Baris memuat karakter yang tidak sah: {''.join(bad)!r}.",
            f"The line contains invalid characters: {''.join(bad)!r}.",
        )
    return errors


def _header_errors(upper: str) -> list[FieldError]:
    errors: list[FieldError] = []
    if upper[0:2] not in DOCUMENT_CODES:
        errors += _error(
            "document_code",
            f"Kode dokumen '{upper[0:2]}' bukan kode paspor.",
            f"Document code '{upper[0:2]}' is not a passport code.",
        )
    return errors + _state_errors("issuing_state", upper[2:5])


def _state_errors(field_name: str, code: str) -> list[FieldError]:
    if _STATE_CODE.fullmatch(code):
        return []
    return _error(
        field_name,
        f"Kode negara '{code}' tidak sah.",
        f"State code '{code}' is not valid.",
    )


def _name_errors(name: str) -> list[FieldError]:
    body = name.rstrip(FILLER)
    if not body:
        return _error("name", "Nama kosong.", "The name is empty.")
    if body[0] == FILLER or "<<<" in body or body.count("<<") > 1:
        return _error(
            "name",
            "Susunan pemisah '<' pada nama tidak sah.",
            "The '<' separators in the name are not arranged validly.",
        )
    if not all("A" <= char <= "Z" or char == FILLER for char in body):
        return _error(
            "name",
            "Nama hanya boleh berisi huruf A–Z dan '<'.",
            "The name may only hold letters A–Z and '<'.",
        )
    return []


# The data each check digit of line 2 guards, as its messages name it (Indonesian, English).
_CHECK_DIGIT_NAMES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "passport_number": ("nomor paspor", "passport number"),
        "birth_date": ("tanggal lahir", "date of birth"),
        "expiry_date": ("tanggal habis berlaku", "date of expiry"),
        "optional_data": ("data opsional", "optional data"),
        "composite": ("gabungan", "composite"),
    }
)


def _digit_errors(field_name: str, data: str, digit: str, position: int) -> list[FieldError]:
    """The check digit at ``position`` of line 2 (1–44) against the one ``data`` gives."""
    try:
        expected = check_digit(data)
    except MRZError:
        expected = ""
    if digit == expected:
        return []
    name, name_en = _CHECK_DIGIT_NAMES[field_name]
    where, where_en = f"baris 2 posisi {position}", f"line 2, position {position}"
    if not expected:
        message = (
            f"Digit periksa {name} ({where}) tidak dapat diperiksa: datanya memuat karakter "
            "yang tidak sah."
        )
        message_en = (
            f"The {name_en} check digit ({where_en}) cannot be checked: its data holds "
            "invalid characters."
        )
    else:
        message = f"Digit periksa {name} ({where}) terbaca '{digit}', seharusnya '{expected}'."
        message_en = (
            f"The {name_en} check digit ({where_en}) reads '{digit}'; expected '{expected}'."
        )
    return [FieldError(field_name, message, message_en, position=position)]


def _number_errors(lower: str) -> list[FieldError]:
    errors = _digit_errors("passport_number", lower[0:9], lower[9], 10)
    # Other states write a special character of their numbers as a filler (Doc 9303 part 4
    # §4.2.2.2), so only an empty number, or one that starts with a filler, is refused here.
    if lower[0] == FILLER:
        errors += _error(
            "passport_number",
            f"Nomor paspor '{lower[0:9]}' tidak sah.",
            f"Passport number '{lower[0:9]}' is not valid.",
        )
    return errors + _state_errors("nationality", lower[10:13])


def _date_errors(lower: str, *, birth: date | None, expiry: date | None) -> list[FieldError]:
    errors = _digit_errors("birth_date", lower[13:19], lower[19], 20)
    errors += _digit_errors("expiry_date", lower[21:27], lower[27], 28)
    errors += _impossible_date_errors("birth_date", birth, lower[13:19])
    errors += _impossible_date_errors("expiry_date", expiry, lower[21:27])
    if birth is not None and expiry is not None and expiry <= birth:
        errors += _error(
            "expiry_date",
            "Tanggal habis berlaku tidak sesudah tanggal lahir.",
            "The date of expiry is not after the date of birth.",
        )
    return errors


def _impossible_date_errors(field_name: str, value: date | None, raw: str) -> list[FieldError]:
    if value is not None:
        return []
    return _error(
        field_name, f"'{raw}' bukan tanggal yang mungkin.", f"'{raw}' is not a possible date."
    )


def _optional_errors(lower: str) -> list[FieldError]:
    data, digit = lower[28:42], lower[42]
    if not data.strip(FILLER) and digit in (FILLER, "0"):
        return []  # Doc 9303 part 4: an unused field may carry "<" or "0" as its check digit
    return _digit_errors("optional_data", data, digit, 43)


def _sex_errors(sex: str) -> list[FieldError]:
    if sex in ("F", "M", FILLER):
        return []
    return _error(
        "sex",
        f"Jenis kelamin '{sex}' harus F, M atau '<'.",
        f"Sex '{sex}' must be F, M or '<'.",
    )


def _composite_errors(lower: str) -> list[FieldError]:
    return _digit_errors("composite", _composite_source(lower), lower[43], 44)


def _birth_date(yymmdd: str, today: date, *, before: date | None) -> date | None:
    """The latest date with these digits that is not after ``today``, and before ``before``.

    When no such date is before ``before`` (the expiry date), the latest not after ``today`` is
    kept, and the expiry date is reported as not after the birth date.
    """
    candidates = [day for day in _candidates(yymmdd, today) if day <= today]
    earlier = [day for day in candidates if before is None or day < before]
    return max(earlier or candidates, default=None)


def _expiry_date(yymmdd: str, today: date) -> date | None:
    """The earliest date with these digits that is less than 50 years before ``today``."""
    earliest = _years_before(today, _EXPIRY_WINDOW_YEARS)
    candidates = [day for day in _candidates(yymmdd, today) if day > earliest]
    return min(candidates, default=None)


def _candidates(yymmdd: str, today: date) -> list[date]:
    if not _SIX_DIGITS.fullmatch(yymmdd):
        return []
    two_digit, month, day = int(yymmdd[0:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    century = today.year // 100 * 100
    found: list[date] = []
    for year in (century + offset + two_digit for offset in (-200, -100, 0, 100)):
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue  # month 13, 31 April, or 29 February outside a leap year
    return found


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
