import pytest
from django.test import RequestFactory
from django.utils import translation

from paspor.lib import ratelimit
from paspor.lib.errors import RateLimited

GUESSES = ratelimit.Limit("test-guesses", limit=3, seconds=900)


def test_the_attempt_past_the_limit_is_refused_with_the_wait_in_minutes(time_machine):
    time_machine.move_to("2026-11-30 02:00:05+00:00", tick=False)
    for _ in range(3):
        ratelimit.hit(GUESSES, "A1B2C3")
    with translation.override("id"), pytest.raises(RateLimited) as refused:
        ratelimit.hit(GUESSES, "A1B2C3")
    # the window is clock-aligned: 02:00:00–02:15:00, so 895 s (and one of margin) are left
    assert refused.value.retry_after == 896
    assert refused.value.message == "Terlalu banyak permintaan. Coba lagi dalam 15 menit."
    with translation.override("en"), pytest.raises(RateLimited) as refused:
        ratelimit.check(GUESSES, "A1B2C3")
    assert refused.value.message == "Too many requests. Try again in 15 minutes."
    ratelimit.check(GUESSES, "another code")  # counted per identity


def test_check_only_asks_and_unhit_gives_one_back(time_machine):
    time_machine.move_to("2026-11-30 02:00:05+00:00", tick=False)
    for _ in range(3):
        ratelimit.check(GUESSES, "X")
    ratelimit.hit(GUESSES, "X")
    ratelimit.hit(GUESSES, "X")
    ratelimit.hit(GUESSES, "X")
    ratelimit.unhit(GUESSES, "X")
    ratelimit.hit(GUESSES, "X")
    with pytest.raises(RateLimited):
        ratelimit.hit(GUESSES, "X")
    time_machine.move_to("2026-11-30 02:15:01+00:00", tick=False)  # the next window
    ratelimit.hit(GUESSES, "X")


def test_the_address_is_the_proxy_s_own_forwarded_entry_only_when_trusted(settings):
    # "203.0.113.7" came from the client; the proxy appended the address it saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.4"
    )
    settings.BOOKING_TRUST_X_FORWARDED_FOR = False
    assert ratelimit.client_ip(request) == "127.0.0.1"
    settings.BOOKING_TRUST_X_FORWARDED_FOR = True
    assert ratelimit.client_ip(request) == "198.51.100.4"
    replaced = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert ratelimit.client_ip(replaced) == "198.51.100.4"
