"""What the board says: Indonesian number words and the call sentence."""

import pytest

from paspor.queueing.speech import call_sentence, digit_words, number_words, ticket_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (245, "dua ratus empat puluh lima"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2026, "dua ribu dua puluh enam"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (1000000, "satu juta"),
        (2500000, "dua juta lima ratus ribu"),
        (1000000000, "satu miliar"),
    ],
)
def test_numbers_are_spoken_in_indonesian(n, words):
    assert number_words(n) == words


def test_ticket_digits_are_read_one_by_one():
    assert digit_words("012") == "nol satu dua"
    assert ticket_words("A", 12) == "A nol satu dua"
    assert ticket_words("B", 120) == "B satu dua nol"
    assert ticket_words("A", 1234) == "A satu dua tiga empat"


def test_the_board_says_the_ticket_and_the_counter():
    assert (
        call_sentence(prefix="A", number=12, counter_number=3)
        == "Nomor antrean A nol satu dua, silakan ke loket tiga"
    )
    assert call_sentence(prefix="D", number=7, counter_number=12).endswith("loket dua belas")
