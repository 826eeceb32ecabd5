"""Erlang C against STANDARDS.md §8, the M/M/1 closed forms and the textbook sum."""

import math

import pytest

from paspor.lib.erlang import (
    erlang_b,
    erlang_c,
    mean_queue_length,
    mean_wait,
    prob_wait_within,
    servers_needed,
)


def textbook_erlang_c(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """The sum formula exactly as STANDARDS.md §8 writes it, in log space so big c fits."""
    load = arrival_rate / service_rate
    utilisation = load / servers

    def log_term(k: int) -> float:
        return k * math.log(load) - math.lgamma(k + 1)

    log_top = log_term(servers) - math.log(1 - utilisation)
    log_terms = [log_term(k) for k in range(servers)] + [log_top]
    peak = max(log_terms)
    total = sum(math.exp(t - peak) for t in log_terms)
    return math.exp(log_top - peak) / total


def test_standards_first_check_probability_of_waiting_is_four_ninths() -> None:
    assert erlang_c(arrival_rate=0.2, service_rate=0.1, servers=3) == pytest.approx(4 / 9)


def test_standards_first_check_mean_wait_is_4_444() -> None:
    wait = mean_wait(arrival_rate=0.2, service_rate=0.1, servers=3)
    assert wait == pytest.approx(40 / 9)
    assert round(wait, 3) == 4.444


def test_standards_second_check_per_hour_rates_give_38_57_minutes() -> None:
    assert erlang_c(arrival_rate=3, service_rate=2, servers=2) == pytest.approx(9 / 14)
    wait_hours = mean_wait(arrival_rate=3, service_rate=2, servers=2)
    assert round(wait_hours * 60, 2) == 38.57


def test_the_same_office_in_minutes_gives_the_same_wait() -> None:
    # Rates per minute give the wait in minutes: 3/h and 2/h are 0.05/min and 1/30 per minute.
    wait_minutes = mean_wait(arrival_rate=3 / 60, service_rate=2 / 60, servers=2)
    assert wait_minutes == pytest.approx(mean_wait(arrival_rate=3, service_rate=2, servers=2) * 60)
    assert round(wait_minutes, 2) == 38.57


def test_mean_queue_length_follows_littles_law() -> None:
    queue = mean_queue_length(arrival_rate=0.2, service_rate=0.1, servers=3)
    assert queue == pytest.approx(0.2 * 40 / 9)


@pytest.mark.parametrize("utilisation", [0.05, 0.3, 0.5, 0.8, 0.97])
def test_single_counter_matches_mm1_closed_forms(utilisation: float) -> None:
    mu = 1.5
    lam = utilisation * mu
    assert erlang_c(arrival_rate=lam, service_rate=mu, servers=1) == pytest.approx(utilisation)
    wait = mean_wait(arrival_rate=lam, service_rate=mu, servers=1)
    assert wait == pytest.approx(utilisation / (mu - lam))
    queue = mean_queue_length(arrival_rate=lam, service_rate=mu, servers=1)
    assert queue == pytest.approx(utilisation**2 / (1 - utilisation))
    within = prob_wait_within(arrival_rate=lam, service_rate=mu, servers=1, t=2.0)
    assert within == pytest.approx(1 - utilisation * math.exp(-(mu - lam) * 2.0))


@pytest.mark.parametrize("servers", [1, 2, 3, 5, 8, 13, 40])
@pytest.mark.parametrize("utilisation", [0.1, 0.5, 0.75, 0.9, 0.99])
def test_recurrence_agrees_with_textbook_sum(servers: int, utilisation: float) -> None:
    lam, mu = utilisation * servers * 0.25, 0.25
    expected = textbook_erlang_c(arrival_rate=lam, service_rate=mu, servers=servers)
    assert erlang_c(arrival_rate=lam, service_rate=mu, servers=servers) == pytest.approx(
        expected, rel=1e-9
    )


@pytest.mark.parametrize("servers", [171, 300, 800])
def test_hundreds_of_counters_stay_finite_and_exact(servers: int) -> None:
    """c! overflows a float past 170; the recurrence must not."""
    lam = 0.95 * servers
    p_wait = erlang_c(arrival_rate=lam, service_rate=1.0, servers=servers)
    assert 0 < p_wait < 1
    expected = textbook_erlang_c(arrival_rate=lam, service_rate=1.0, servers=servers)
    assert p_wait == pytest.approx(expected, rel=1e-9)
    assert math.isfinite(mean_wait(arrival_rate=lam, service_rate=1.0, servers=servers))


def test_erlang_b_matches_known_table_value() -> None:
    # Classic traffic table: 10 erlangs offered to 10 lines block 21.46 % of calls.
    assert erlang_b(load=10, servers=10) == pytest.approx(0.21458, abs=1e-5)


@pytest.mark.parametrize("arrival_rate", [0.3, 0.31, 1.0])
def test_overloaded_office_makes_everyone_wait_forever(arrival_rate: float) -> None:
    assert erlang_c(arrival_rate=arrival_rate, service_rate=0.1, servers=3) == 1.0
    assert mean_wait(arrival_rate=arrival_rate, service_rate=0.1, servers=3) == math.inf
    assert mean_queue_length(arrival_rate=arrival_rate, service_rate=0.1, servers=3) == math.inf
    within = prob_wait_within(arrival_rate=arrival_rate, service_rate=0.1, servers=3, t=1000)
    assert within == 0.0


def test_no_arrivals_means_no_wait() -> None:
    assert erlang_c(arrival_rate=0.0, service_rate=0.1, servers=2) == 0.0
    assert mean_wait(arrival_rate=0.0, service_rate=0.1, servers=2) == 0.0
    assert prob_wait_within(arrival_rate=0.0, service_rate=0.1, servers=2, t=0) == 1.0


def test_share_called_at_once_is_share_that_does_not_wait() -> None:
    within = prob_wait_within(arrival_rate=0.2, service_rate=0.1, servers=3, t=0)
    assert within == pytest.approx(1 - 4 / 9)


def test_share_called_within_grows_with_time() -> None:
    shares = [
        prob_wait_within(arrival_rate=0.2, service_rate=0.1, servers=3, t=t)
        for t in (0, 1, 5, 20, 100)
    ]
    assert shares == sorted(shares)
    assert shares[-1] == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize(
    ("arrival_rate", "service_rate", "target_wait", "target_fraction"),
    [(0.2, 0.1, 5, 0.8), (3, 2, 0.25, 0.8), (40, 4, 2 / 60, 0.9), (0.05, 0.1, 0, 0.45)],
)
def test_servers_needed_is_the_fewest_that_meet_the_target(
    arrival_rate: float, service_rate: float, target_wait: float, target_fraction: float
) -> None:
    needed = servers_needed(
        arrival_rate=arrival_rate,
        service_rate=service_rate,
        target_wait=target_wait,
        target_fraction=target_fraction,
    )

    def share(servers: int) -> float:
        return prob_wait_within(
            arrival_rate=arrival_rate, service_rate=service_rate, servers=servers, t=target_wait
        )

    assert share(needed) >= target_fraction
    assert needed == 1 or share(needed - 1) < target_fraction


def test_servers_needed_for_standards_example() -> None:
    # c=3: 1 − 4/9·e^(−0.5) ≈ 0.73 misses 80 %; c=4 reaches it.
    assert servers_needed(arrival_rate=0.2, service_rate=0.1, target_wait=5) == 4


def test_more_applicants_never_need_fewer_counters() -> None:
    needed = [
        servers_needed(arrival_rate=rate, service_rate=0.1, target_wait=10)
        for rate in (0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2, 2.0, 4.0)
    ]
    assert needed == sorted(needed)
    assert needed[-1] > needed[0]


def test_stricter_target_never_needs_fewer_counters() -> None:
    by_fraction = [
        servers_needed(arrival_rate=1.0, service_rate=0.1, target_wait=5, target_fraction=f)
        for f in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
    ]
    by_wait = [
        servers_needed(arrival_rate=1.0, service_rate=0.1, target_wait=w) for w in (30, 15, 5, 1, 0)
    ]
    assert by_fraction == sorted(by_fraction)
    assert by_wait == sorted(by_wait)


def test_servers_needed_never_plans_an_overloaded_office() -> None:
    needed = servers_needed(
        arrival_rate=5.0, service_rate=1.0, target_wait=100, target_fraction=0.01
    )
    assert needed == 6


def test_no_arrivals_need_no_counters() -> None:
    assert servers_needed(arrival_rate=0, service_rate=0.1, target_wait=5) == 0


def test_unreachable_target_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot serve"):
        servers_needed(arrival_rate=50, service_rate=0.1, target_wait=5, max_servers=100)


@pytest.mark.parametrize(
    ("arrival_rate", "service_rate", "servers"),
    [(-0.1, 0.1, 1), (0.1, 0, 1), (0.1, 0.2, 0), (math.nan, 0.2, 1), (0.1, math.inf, 1)],
)
def test_impossible_rates_are_refused(
    arrival_rate: float, service_rate: float, servers: int
) -> None:
    with pytest.raises(ValueError):
        erlang_c(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)


def test_negative_time_is_refused() -> None:
    with pytest.raises(ValueError):
        prob_wait_within(arrival_rate=0.1, service_rate=0.2, servers=1, t=-1)
