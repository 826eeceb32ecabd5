"""Whole numbers from the environment are refused outside their bounds, naming the setting."""

import pytest

from paspor.lib.env import ConfigError, env_int


def test_a_number_inside_its_bounds_is_taken(monkeypatch):
    monkeypatch.setenv("PASPOR_TEST_HOUR", "23")
    assert env_int("PASPOR_TEST_HOUR", 12, minimum=0, maximum=23) == 23


def test_an_unset_number_takes_its_default(monkeypatch):
    monkeypatch.delenv("PASPOR_TEST_HOUR", raising=False)
    assert env_int("PASPOR_TEST_HOUR", 12, minimum=0, maximum=23) == 12


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("24", "PASPOR_TEST_HOUR: must be at most 23, got 24"),
        ("-1", "PASPOR_TEST_HOUR: must be at least 0, got -1"),
        ("noon", "PASPOR_TEST_HOUR: expected a whole number, got 'noon'"),
    ],
)
def test_a_number_outside_its_bounds_is_refused(monkeypatch, raw, message):
    monkeypatch.setenv("PASPOR_TEST_HOUR", raw)
    with pytest.raises(ConfigError) as refused:
        env_int("PASPOR_TEST_HOUR", 12, minimum=0, maximum=23)
    assert str(refused.value) == message
