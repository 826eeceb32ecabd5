import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from paspor.lib.ikm import (
    ELEMENTS,
    IkmCategory,
    IkmElement,
    ikm_category,
    ikm_compute,
    ikm_from_nrr,
)

STANDARDS_EXAMPLE = [3.20, 3.10, 3.00, 3.90, 3.30, 3.40, 3.50, 3.00, 3.10]


def test_the_nine_elements_follow_the_regulation_order() -> None:
    assert len(ELEMENTS) == 9
    assert IkmElement(1).label_id == "Persyaratan"
    assert IkmElement(4).label_id == "Biaya/tarif"
    assert IkmElement(9).label_en == "Facilities"
    assert all(element.label_id and element.label_en for element in ELEMENTS)
    assert IkmElement(1).label_in("en-us") == "Requirements"
    assert IkmElement(1).label_in("id") == IkmElement(1).label_in(None) == "Persyaratan"


def test_worked_example_scores_81_94_baik() -> None:
    result = ikm_from_nrr(STANDARDS_EXAMPLE)
    assert result.index == Decimal("81.94")
    assert result.category is IkmCategory.B
    assert result.category.label_id == "Baik"


def test_worked_example_as_decimals_gives_the_same_index() -> None:
    result = ikm_from_nrr([Decimal(str(value)) for value in STANDARDS_EXAMPLE])
    assert result.index == Decimal("81.94")


def test_weakest_elements_are_those_with_the_lowest_nrr() -> None:
    result = ikm_from_nrr(STANDARDS_EXAMPLE)
    assert result.weakest == (IkmElement.COMPLETION_TIME, IkmElement.COMPLAINT_HANDLING)


def test_perfect_survey_scores_100_not_99_90() -> None:
    result = ikm_compute([[4] * 9, [4] * 9])
    assert result.index == Decimal("100.00")
    assert result.category is IkmCategory.A
    assert result.category.label_id == "Sangat baik"


def test_worst_survey_scores_25_tidak_baik() -> None:
    result = ikm_compute([[1] * 9])
    assert result.index == Decimal("25.00")
    assert result.category is IkmCategory.D
    assert result.category.label_id == "Tidak baik"


@pytest.mark.parametrize(
    ("index", "category"),
    [
        ("25.00", IkmCategory.D),
        ("64.99", IkmCategory.D),
        ("65.00", IkmCategory.C),
        ("76.60", IkmCategory.C),
        ("76.61", IkmCategory.B),
        ("88.30", IkmCategory.B),
        ("88.31", IkmCategory.A),
        ("100.00", IkmCategory.A),
    ],
)
def test_category_boundaries(index: str, category: IkmCategory) -> None:
    assert ikm_category(Decimal(index)) is category


@pytest.mark.parametrize(
    ("index", "category"),
    [
        ("64.995", IkmCategory.C),
        ("64.994", IkmCategory.D),
        ("76.605", IkmCategory.B),
        ("76.604", IkmCategory.C),
        ("88.305", IkmCategory.A),
        ("88.3049999", IkmCategory.B),
    ],
)
def test_category_is_read_from_the_rounded_value(index: str, category: IkmCategory) -> None:
    assert ikm_category(Decimal(index)) is category


def test_index_rounds_half_up_at_the_end() -> None:
    # Eight elements at 3 and one at 3.1 (0.1/9 × 25 = 0.2777…): 75.2777… → 75.28.
    result = ikm_from_nrr([3, 3, 3, 3, 3, 3, 3, 3, Decimal("3.1")])
    assert result.index == Decimal("75.28")
    # One element at 3.0018: 27.0018 × 25 / 9 = 75.005 exactly, a half → 75.01.
    assert ikm_from_nrr([3, 3, 3, 3, 3, 3, 3, 3, Decimal("3.0018")]).index == Decimal("75.01")


def test_classification_uses_the_rounded_index() -> None:
    # Σ NRR = 27.5756 → 76.5988… → 76.60 (C); Σ NRR = 27.5778 → 76.605 → 76.61 (B), although
    # the unrounded value lies below the B threshold.
    assert ikm_from_nrr([3, 3, 3, 3, 3, 3, 3, 3, Decimal("3.5756")]).category is IkmCategory.C
    high = ikm_from_nrr([3, 3, 3, 3, 3, 3, 3, 3, Decimal("3.5778")])
    assert high.index == Decimal("76.61")
    assert high.category is IkmCategory.B


def test_nrr_is_the_mean_over_those_who_answered_the_element() -> None:
    result = ikm_compute([[4, 3, 3, 3, 3, 3, 3, 3, 3], [None, 3, 3, 3, 3, 3, 3, 3, 3]])
    assert result.nrr(IkmElement.REQUIREMENTS) == 4
    assert result.elements[0].respondents == 1
    assert result.elements[1].respondents == 2
    assert result.respondents == 2


def test_nrr_is_kept_exact_and_rounded_only_for_display() -> None:
    result = ikm_compute([[4] * 9, [4] * 9, [3] * 9])
    assert result.nrr(IkmElement.FACILITIES) == Fraction(11, 3)
    assert result.elements[8].nrr_rounded() == Decimal("3.67")
    assert result.index == Decimal("91.67")


def test_element_nobody_answered_is_left_out_of_the_index() -> None:
    result = ikm_compute([[4, 4, 4, None, 4, 4, 4, 4, 4], [2, 2, 2, None, 2, 2, 2, 2, 2]])
    assert result.unanswered == (IkmElement.COST,)
    assert result.nrr(IkmElement.COST) is None
    assert result.index == Decimal("75.00")


def test_survey_without_answers_has_no_index() -> None:
    for responses in ([], [[None] * 9]):
        result = ikm_compute(responses)
        assert result.index is None
        assert result.category is None
        assert result.weakest == ()
        assert result.unanswered == ELEMENTS


@pytest.mark.parametrize("answer", [0, 5, -1])
def test_answer_outside_1_to_4_is_refused(answer: int) -> None:
    with pytest.raises(ValueError, match="element 3"):
        ikm_compute([[4, 4, answer, 4, 4, 4, 4, 4, 4]])


@pytest.mark.parametrize("answer", [True, 3.0, "4"])
def test_answer_that_is_not_a_whole_number_is_refused(answer: object) -> None:
    with pytest.raises(TypeError, match="element 3"):
        ikm_compute([[4, 4, answer, 4, 4, 4, 4, 4, 4]])  # type: ignore[list-item]


def test_questionnaire_must_have_nine_answers() -> None:
    with pytest.raises(ValueError, match="9 elements"):
        ikm_compute([[4] * 8])


@pytest.mark.parametrize("value", [0.99, 4.01, float("nan"), Decimal("Infinity")])
def test_nrr_outside_1_to_4_is_refused(value: float | Decimal) -> None:
    with pytest.raises(ValueError, match="Element 5"):
        ikm_from_nrr([3, 3, 3, 3, value, 3, 3, 3, 3])


def test_nrr_list_must_have_nine_values() -> None:
    with pytest.raises(ValueError, match="Expected 9"):
        ikm_from_nrr([3.0] * 10)


def _straightforward_ikm(responses: list[list[int | None]]) -> Decimal:
    """The regulation's recipe done by hand, in Decimal with ample precision."""
    per_element = []
    for column in range(9):
        answers = [row[column] for row in responses if row[column] is not None]
        if answers:
            per_element.append(Decimal(sum(a for a in answers if a is not None)) / len(answers))
    unit = sum(per_element, Decimal(0)) / len(per_element) * 25
    return unit.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _expected_category(index: Decimal) -> IkmCategory:
    if index <= Decimal("64.99"):
        return IkmCategory.D
    if index <= Decimal("76.60"):
        return IkmCategory.C
    if index <= Decimal("88.30"):
        return IkmCategory.B
    return IkmCategory.A


@pytest.mark.parametrize("seed", range(40))
def test_random_surveys_match_a_straightforward_computation(seed: int) -> None:
    rng = random.Random(seed)
    low = rng.randint(1, 4)
    responses: list[list[int | None]] = [
        [rng.randint(low, 4) if rng.random() > 0.1 else None for _ in range(9)]
        for _ in range(rng.randint(1, 400))
    ]
    responses.append([rng.randint(1, 4) for _ in range(9)])
    result = ikm_compute(responses)
    expected = _straightforward_ikm(responses)
    assert result.index == expected
    assert result.category is _expected_category(expected)
    assert result.respondents == len(responses)
