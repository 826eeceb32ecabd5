"""How long to wait after a rate limit, as a person reads it."""

import pytest
from django.utils import translation

from paspor.lib.errors import wait_text


@pytest.mark.parametrize(
    ("seconds", "indonesian", "english"),
    [(1, "1 detik", "1 second"), (45, "45 detik", "45 seconds"), (90, "90 detik", "90 seconds"),
     (91, "2 menit", "2 minutes"), (2890, "49 menit", "49 minutes"), (3600, "60 menit", "60 minutes")],
)  # fmt: skip
def test_seconds_up_to_a_minute_and_a_half_then_minutes_rounded_up(seconds, indonesian, english):
    with translation.override("id"):
        assert wait_text(seconds) == indonesian
    with translation.override("en"):
        assert wait_text(seconds) == english
