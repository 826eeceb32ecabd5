"""The community satisfaction index (Indeks Kepuasan Masyarakat, IKM) of PermenPANRB 14/2017.

Each respondent rates nine service elements (unsur) from 1 to 4. Per the regulation's appendix:

* NRR (nilai rata-rata) of an element = sum of its answers / number of respondents who answered it;
* each element weighs ``jumlah bobot / jumlah unsur`` — with nine elements exactly 1/9. The appendix
  prints the weight as 0,111, which makes a perfect survey score 99,90; Paspor uses the exact
  fraction, so a perfect survey scores 100,00 (STANDARDS.md §6);
* IKM = Σ NRR × weight, and the unit's IKM = IKM × 25, a value between 25 and 100;
* quality category (mutu pelayanan) of the unit's IKM: 25,00–64,99 D (tidak baik), 65,00–76,60
  C (kurang baik), 76,61–88,30 B (baik), 88,31–100,00 A (sangat baik).

Arithmetic is exact (``fractions.Fraction``) and the unit's IKM is rounded half-up to two decimals
only at the end; the category is read from the rounded value, as published.

An element that no respondent answered is left out rather than counted as zero: the regulation's
formula divides the total perception by the *elements filled in* ("total unsur yang terisi") and
weighs each element by one over the number of elements, so the remaining elements share the
weight equally. The result lists such elements in ``IkmResult.unanswered`` so that a report can
say so. A survey without a single answer has no index (``None``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum
from fractions import Fraction

LOWEST_ANSWER = 1
HIGHEST_ANSWER = 4
UNIT_SCALE = 25
_CENT = Decimal("0.01")


class IkmElement(IntEnum):
    """The nine elements (unsur) of PermenPANRB 14/2017, numbered as in its questionnaire."""

    REQUIREMENTS = 1
    PROCEDURES = 2
    COMPLETION_TIME = 3
    COST = 4
    PRODUCT = 5
    STAFF_COMPETENCE = 6
    STAFF_BEHAVIOUR = 7
    COMPLAINT_HANDLING = 8
    FACILITIES = 9

    @property
    def label_id(self) -> str:
        return _ELEMENT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _ELEMENT_LABELS[self][1]

    def label_in(self, language: str | None) -> str:
        """The label in `language` (a code such as "en" or "en-us"); Indonesian otherwise."""
        return self.label_en if (language or "id").startswith("en") else self.label_id


_ELEMENT_LABELS: dict[IkmElement, tuple[str, str]] = {
    IkmElement.REQUIREMENTS: ("Persyaratan", "Requirements"),
    IkmElement.PROCEDURES: (
        "Sistem, mekanisme, dan prosedur",
        "Systems, mechanisms and procedures",
    ),
    IkmElement.COMPLETION_TIME: ("Waktu penyelesaian", "Completion time"),
    IkmElement.COST: ("Biaya/tarif", "Cost/tariff"),
    IkmElement.PRODUCT: ("Produk spesifikasi jenis pelayanan", "Product specification"),
    IkmElement.STAFF_COMPETENCE: ("Kompetensi pelaksana", "Staff competence"),
    IkmElement.STAFF_BEHAVIOUR: ("Perilaku pelaksana", "Staff behaviour"),
    IkmElement.COMPLAINT_HANDLING: (
        "Penanganan pengaduan, saran, dan masukan",
        "Handling of complaints, suggestions and input",
    ),
    IkmElement.FACILITIES: ("Sarana dan prasarana", "Facilities"),
}

ELEMENTS: tuple[IkmElement, ...] = tuple(IkmElement)


class IkmCategory(StrEnum):
    """Quality of service (mutu pelayanan) read from the unit's IKM."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def label_id(self) -> str:
        return _CATEGORY_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _CATEGORY_LABELS[self][1]


_CATEGORY_LABELS: dict[IkmCategory, tuple[str, str]] = {
    IkmCategory.A: ("Sangat baik", "Very good"),
    IkmCategory.B: ("Baik", "Good"),
    IkmCategory.C: ("Kurang baik", "Poor"),
    IkmCategory.D: ("Tidak baik", "Bad"),
}

# Lowest rounded unit IKM of each category, best first (PermenPANRB 14/2017, conversion table).
_CATEGORY_FLOORS: tuple[tuple[Decimal, IkmCategory], ...] = (
    (Decimal("88.31"), IkmCategory.A),
    (Decimal("76.61"), IkmCategory.B),
    (Decimal("65.00"), IkmCategory.C),
    (Decimal("25.00"), IkmCategory.D),
)


@dataclass(frozen=True, slots=True)
class ElementScore:
    """One element's result: how many answered it and its exact NRR (``None`` if nobody did)."""

    element: IkmElement
    respondents: int
    nrr: Fraction | None

    def nrr_rounded(self, places: int = 2) -> Decimal | None:
        """The NRR for display, rounded half-up; the index is computed from the exact value."""
        return None if self.nrr is None else _round_half_up(self.nrr, places)


@dataclass(frozen=True, slots=True)
class IkmResult:
    """A survey's outcome: per-element scores, the unit's IKM (25–100) and its category."""

    respondents: int
    elements: tuple[ElementScore, ...]
    index: Decimal | None
    category: IkmCategory | None
    weakest: tuple[IkmElement, ...]
    unanswered: tuple[IkmElement, ...]

    def nrr(self, element: IkmElement) -> Fraction | None:
        return self.elements[element - 1].nrr


def ikm_compute(responses: Iterable[Sequence[int | None]]) -> IkmResult:
    """The unit's IKM from raw questionnaires: nine answers each, 1–4, or ``None`` if skipped.

    Raises ``ValueError`` for a questionnaire without nine answers or an answer outside 1–4, and
    ``TypeError`` for an answer that is not a whole number.
    """
    totals = [0] * len(ELEMENTS)
    counts = [0] * len(ELEMENTS)
    respondents = 0
    for number, response in enumerate(responses, start=1):
        _check_response(number, response)
        respondents += 1
        for position, answer in enumerate(response):
            if answer is not None:
                totals[position] += answer
                counts[position] += 1
    scores = tuple(
        ElementScore(
            element=element,
            respondents=count,
            nrr=Fraction(total, count) if count else None,
        )
        for element, total, count in zip(ELEMENTS, totals, counts, strict=True)
    )
    return _result(respondents=respondents, scores=scores)


def ikm_from_nrr(nrr: Sequence[Decimal | float | None]) -> IkmResult:
    """The unit's IKM from nine published NRRs (each 1–4, or ``None`` for an unanswered element).

    Floats are read by their shortest decimal form (``3.2`` is 3.2, not the binary value just
    above it), so a published table gives the published result. Respondent counts are unknown
    here and reported as 0.
    """
    if len(nrr) != len(ELEMENTS):
        raise ValueError(f"Expected {len(ELEMENTS)} NRR values, got {len(nrr)}.")
    scores = tuple(
        ElementScore(element=element, respondents=0, nrr=_exact_nrr(element, value))
        for element, value in zip(ELEMENTS, nrr, strict=True)
    )
    return _result(respondents=0, scores=scores)


def ikm_category(index: Decimal) -> IkmCategory:
    """Category of a unit IKM; the value is first rounded half-up to two decimals, as published."""
    rounded = index.quantize(_CENT, rounding=ROUND_HALF_UP)
    if not Decimal(LOWEST_ANSWER * UNIT_SCALE) <= rounded <= Decimal(HIGHEST_ANSWER * UNIT_SCALE):
        raise ValueError(f"A unit IKM lies between 25 and 100, not {index}.")
    return next(category for floor, category in _CATEGORY_FLOORS if rounded >= floor)


def _result(*, respondents: int, scores: tuple[ElementScore, ...]) -> IkmResult:
    answered = [score for score in scores if score.nrr is not None]
    unanswered = tuple(score.element for score in scores if score.nrr is None)
    if not answered:
        return IkmResult(
            respondents=respondents,
            elements=scores,
            index=None,
            category=None,
            weakest=(),
            unanswered=unanswered,
        )
    exact = sum((_nrr(score) for score in answered), Fraction(0)) / len(answered) * UNIT_SCALE
    index = _round_half_up(exact, 2)
    lowest = min(_nrr(score) for score in answered)
    return IkmResult(
        respondents=respondents,
        elements=scores,
        index=index,
        category=ikm_category(index),
        weakest=tuple(score.element for score in answered if score.nrr == lowest),
        unanswered=unanswered,
    )


def _nrr(score: ElementScore) -> Fraction:
    if score.nrr is None:
        raise ValueError(f"Element {score.element} has no NRR.")
    return score.nrr


def _check_response(number: int, response: Sequence[int | None]) -> None:
    if len(response) != len(ELEMENTS):
        raise ValueError(
            f"Response {number} has {len(response)} answers; the questionnaire has "
            f"{len(ELEMENTS)} elements."
        )
    for element, answer in zip(ELEMENTS, response, strict=True):
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise TypeError(
                f"Response {number}, element {element}: {answer!r} is not a whole number."
            )
        if not LOWEST_ANSWER <= answer <= HIGHEST_ANSWER:
            raise ValueError(f"Response {number}, element {element}: {answer} is outside 1–4.")


def _exact_nrr(element: IkmElement, value: Decimal | float | None) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | float | int):
        raise TypeError(f"Element {element}: {value!r} is not an NRR.")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Element {element}: {value!r} is not an NRR.")
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"Element {element}: {value!r} is not an NRR.")
    exact = Fraction(value)
    if not LOWEST_ANSWER <= exact <= HIGHEST_ANSWER:
        raise ValueError(f"Element {element}: NRR {value} is outside 1–4.")
    return exact


def _round_half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact non-negative value half-up without passing through a binary float."""
    units: int = math.floor(value * 10**places + Fraction(1, 2))
    return Decimal(units).scaleb(-places)
