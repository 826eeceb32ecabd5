"""Passport data rules: validity, expiry, name split and the machine-readable zone.

Pure functions over plain values (no database), so each rule is tested on its own and the
print service only wires them together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paspor.lib.mrz import MRZError, compose_td3, strip_titles

ADULT_AGE = 17  # Permenkumham 18/2022: the 10-year passport from 17 years or married
LONG_VALIDITY = 10
SHORT_VALIDITY = 5
# Amended Doc 9303 part 4 (STANDARDS.md §1): passports issued from this day carry the second
# letter of the document code; "P<" is for those issued before it.
SECOND_LETTER_REQUIRED_FROM = dt.date(2028, 1, 1)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on `on` (a person born on 29 February ages on 1 March in other years)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def validity_years_allowed(*, birth_date: dt.date, married: bool, on: dt.date) -> set[int]:
    """The validity periods a passport issued on `on` may have (STANDARDS.md §4).

    Permenkumham 18/2022: at most 10 years; the 10-year passport only for citizens aged 17 or
    over, or married; everyone else at most 5 years.
    """
    if married or age_on(birth_date, on) >= ADULT_AGE:
        return {SHORT_VALIDITY, LONG_VALIDITY}
    return {SHORT_VALIDITY}


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def passport_expiry(*, issue_date: dt.date, years: int, rule: str = "same_day") -> dt.date:
    """The date of expiry of a passport issued on `issue_date` valid for `years`.

    "same_day" (default): the same day and month, `years` later — what Indonesian passports
    commonly show. "day_before": one day earlier, as some states print. ICAO Doc 9303 mandates
    neither; the rule is a setting (ISSUANCE_EXPIRY_RULE).
    """
    expiry = add_years(issue_date, years)
    if rule == "day_before":
        return expiry - dt.timedelta(days=1)
    if rule != "same_day":
        raise ValueError(f"unknown expiry rule {rule!r}")
    return expiry


def split_name(full_name: str, *, rule: str = "last_word") -> tuple[str, str]:
    """Primary and secondary identifier of an Indonesian name (STANDARDS.md §1, unconfirmed).

    Titles and degrees come off first (they are not part of the MRZ name). One word: the
    primary identifier only. "last_word" (default): the last word is the primary identifier
    and the words before it the secondary — most Indonesians have no family name, and border
    systems match on the primary identifier, which then holds the name people are called by
    at the end. "whole_name": the whole name as the primary identifier, no secondary.
    """
    # A word without a letter (a stray digit or mark) is no part of an MRZ name.
    words = [w for w in strip_titles(full_name).replace(",", " ").split() if _has_letter(w)]
    if not words:
        return "", ""
    if len(words) == 1 or rule == "whole_name":
        return " ".join(words), ""
    if rule != "last_word":
        raise ValueError(f"unknown name split rule {rule!r}")
    return words[-1], " ".join(words[:-1])


def _has_letter(word: str) -> bool:
    return any(char.isalpha() for char in word)


def _require_second_letter(document_code: str, issue_date: dt.date) -> None:
    """Refuse "P<" for a passport issued on or after 1 January 2028 (STANDARDS.md §1)."""
    if document_code == "P<" and issue_date >= SECOND_LETTER_REQUIRED_FROM:
        raise MRZError(
            code="document_code_second_letter_required",
            message="Sejak 1 Januari 2028 paspor baru wajib memakai huruf kedua kode dokumen; "
            "'P<' tidak boleh lagi. Ubah pengaturan kode dokumen ke 'PP'.",
            message_en="From 1 January 2028 a new passport must carry the second letter of "
            "the document code; 'P<' is no longer allowed. Set the document code to 'PP'.",
        )


@dataclass(frozen=True)
class PassportFacts:
    """What the data page and the MRZ say."""

    document_code: str
    passport_number: str
    primary_identifier: str
    secondary_identifier: str
    sex: str
    birth_date: dt.date
    issue_date: dt.date
    expiry_date: dt.date
    optional_data: str
    mrz_line1: str
    mrz_line2: str


def passport_facts(
    *,
    full_name: str,
    sex: str,
    birth_date: dt.date,
    passport_number: str,
    issue_date: dt.date,
    validity_years: int,
    document_code: str = "PP",
    name_split: str = "last_word",
    expiry_rule: str = "same_day",
    optional_data: str = "",
    empty_optional_check: str = "<",
    issuing_state: str = "IDN",
    nationality: str = "IDN",
) -> PassportFacts:
    """The printed facts of one passport; raises `paspor.lib.mrz.MRZError` on unwritable input.

    The MRZ is written from the identifiers as split (titles already off the whole name), so
    the data page, which shows the stored identifiers, and the MRZ name the same words.
    """
    _require_second_letter(document_code, issue_date)
    primary, secondary = split_name(full_name, rule=name_split)
    expiry = passport_expiry(issue_date=issue_date, years=validity_years, rule=expiry_rule)
    line1, line2 = compose_td3(
        document_code=document_code,
        issuing_state=issuing_state,
        nationality=nationality,
        primary=primary,
        secondary=secondary,
        passport_number=passport_number,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry,
        optional_data=optional_data,
        empty_optional_check=empty_optional_check,
        titles_removed=True,
    )
    return PassportFacts(
        document_code=document_code,
        passport_number=passport_number,
        primary_identifier=primary,
        secondary_identifier=secondary,
        sex=sex,
        birth_date=birth_date,
        issue_date=issue_date,
        expiry_date=expiry,
        optional_data=optional_data,
        mrz_line1=line1,
        mrz_line2=line2,
    )
