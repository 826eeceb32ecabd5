"""Text a person can see: spaces and invisible format characters alone are blank."""

import pytest

from paspor.lib.text import blank, has_bidi_control, shown_length


@pytest.mark.parametrize(
    "value", ["", "  ", "\u200b", "\u200e\u200f", "\ufeff \u2060", "\n\t\u200d"]
)
def test_spaces_and_invisible_characters_are_blank(value):
    assert blank(value)


@pytest.mark.parametrize("value", ["a", " x\u200b", "\u200bRusak", "ٮ", "😀", "\u00a0.\u00a0"])
def test_any_visible_character_is_text(value):
    assert not blank(value)


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_the_direction_overrides_and_isolates_are_found(char):
    assert has_bidi_control(f"Loket {char}3")


def test_direction_marks_and_joiners_are_not_overrides():
    assert not has_bidi_control("a\u200eb\u200fc\u200dd\u200c")


@pytest.mark.parametrize(
    ("value", "length"),
    [("", 0), ("  Rusak  ", 5), ("a\u200b\u200b\u200b\u200b", 1), ("\u200eMesin\u200f", 5)],
)
def test_the_shown_length_counts_what_a_person_sees(value, length):
    assert shown_length(value) == length
