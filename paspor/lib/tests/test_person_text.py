"""A name and a place of birth that the data page can print, or the reason they cannot."""

import pytest

from paspor.lib.errors import DomainError
from paspor.lib.person_text import birth_place_check, full_name_check


@pytest.mark.parametrize(
    "name",
    [
        "Siti Aminah",
        "I Gusti Ngurah Rai",
        "Dr. Ahmad Fauzi, S.H.",
        "Ni Luh Putu Ayu-Lestari",
        "Ma'ruf Amin",
        "Ma’ruf Amin",
        "Ma`ruf Amin",
        "Ma´ruf Amin",
        "José Müller",
        "Þórunn Ødegård",
        "Ahmad bin Abdullah",
    ],
)
def test_a_latin_name_with_its_marks_and_punctuation_is_taken(name):
    full_name_check(name)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Siti 😀", "😀"),
        ("Budi \u202eOno", "U+202E"),
        ("Budi\u200bSantoso", "U+200B"),
        ("محمد", "م"),
        ("Иван", "И"),
        ("Budi ★", "★"),
    ],
)
def test_what_the_data_page_cannot_print_is_refused_naming_it(name, shown):
    with pytest.raises(DomainError) as refused:
        full_name_check(name)
    assert refused.value.code == "full_name"
    assert f"“{shown}” tidak dapat dicetak di paspor" in refused.value.message


def test_a_place_of_birth_is_held_to_the_same_letters():
    birth_place_check("Pangkalan Bun")
    with pytest.raises(DomainError) as refused:
        birth_place_check("Ketapang 🌴")
    assert refused.value.code == "birth_place"
