"""Erlang C formulas for the M/M/c queue (STANDARDS.md §8).

They give the capacity planner's counters, expected waits and share served within the target
(paspor/reports/capacity.py). The wait printed on a ticket is not Erlang C: it counts the
tickets ahead at the station (docs/queue.md, "Estimated wait"). Rates may be in any time unit
as long as all arguments share it; waits come back in that unit (rates per hour give waits in
hours).

Erlang C is computed from the Erlang B recurrence ``B(k) = a·B(k−1) / (k + a·B(k−1))`` and
``C = B / (1 − ρ·(1 − B))`` instead of the textbook sum of ``aᵏ/k!``: the factorials overflow a
float past c ≈ 170, while the recurrence stays in [0, 1] for any number of counters.
"""

import math

__all__ = [
    "erlang_b",
    "erlang_c",
    "mean_queue_length",
    "mean_wait",
    "prob_wait_within",
    "servers_needed",
]


def _check_rates(*, arrival_rate: float, service_rate: float, servers: int) -> None:
    if not arrival_rate >= 0 or math.isinf(arrival_rate):
        raise ValueError(f"arrival_rate must be a finite number >= 0, got {arrival_rate!r}")
    if not service_rate > 0 or math.isinf(service_rate):
        raise ValueError(f"service_rate must be a finite number > 0, got {service_rate!r}")
    if servers < 1:
        raise ValueError(f"servers must be at least 1, got {servers!r}")


def _is_stable(*, arrival_rate: float, service_rate: float, servers: int) -> bool:
    """ρ = λ/(cμ) < 1; at or above it the queue grows without bound.

    The margin keeps ρ = 1 exactly (0.3/h on 3 counters of 0.1/h) from passing as
    0.9999999999999997 after rounding.
    """
    return arrival_rate / (servers * service_rate) < 1.0 - 1e-12


def erlang_b(*, load: float, servers: int) -> float:
    """Blocking probability of M/M/c/c with offered load ``a = λ/μ``; the stable path to C."""
    if not load >= 0 or math.isinf(load):
        raise ValueError(f"load must be a finite number >= 0, got {load!r}")
    if servers < 0:
        raise ValueError(f"servers must be >= 0, got {servers!r}")
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving customer has to wait (all c counters busy).

    An overloaded office (ρ ≥ 1) makes everyone wait, so the answer there is 1.0.
    """
    _check_rates(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    if not _is_stable(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers):
        return 1.0
    load = arrival_rate / service_rate
    blocking = erlang_b(load=load, servers=servers)
    utilisation = load / servers
    return blocking / (1.0 - utilisation * (1.0 - blocking))


def mean_wait(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean time in the queue before service, W_q = P_w / (cμ − λ); ``math.inf`` when ρ ≥ 1."""
    p_wait = erlang_c(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    if not _is_stable(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers):
        return math.inf
    return p_wait / (servers * service_rate - arrival_rate)


def mean_queue_length(*, arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean number waiting (not in service), L_q = λ·W_q by Little's law; ``math.inf`` if ρ ≥ 1."""
    wait = mean_wait(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    if math.isinf(wait):
        return math.inf
    return arrival_rate * wait


def prob_wait_within(*, arrival_rate: float, service_rate: float, servers: int, t: float) -> float:
    """P(W_q ≤ t) = 1 − P_w·e^{−(cμ−λ)t}: the share of customers called within ``t``.

    When ρ ≥ 1 the queue grows without bound and the share tends to zero, so 0.0 is returned.
    """
    if not t >= 0:
        raise ValueError(f"t must be >= 0, got {t!r}")
    p_wait = erlang_c(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers)
    if not _is_stable(arrival_rate=arrival_rate, service_rate=service_rate, servers=servers):
        return 0.0
    return 1.0 - p_wait * math.exp(-(servers * service_rate - arrival_rate) * t)


def servers_needed(
    *,
    arrival_rate: float,
    service_rate: float,
    target_wait: float,
    target_fraction: float = 0.8,
    max_servers: int = 100,
) -> int:
    """Fewest counters so that ``target_fraction`` of customers wait at most ``target_wait``.

    This is the service-level rule of call-centre staffing ("80 % answered within 20 seconds")
    applied to counters. No arrivals need no counters, so 0 is returned for λ = 0. Raises
    ``ValueError`` when even ``max_servers`` counters cannot meet the target.
    """
    _check_rates(arrival_rate=arrival_rate, service_rate=service_rate, servers=1)
    if not target_wait >= 0:
        raise ValueError(f"target_wait must be >= 0, got {target_wait!r}")
    if not 0 < target_fraction <= 1:
        raise ValueError(f"target_fraction must be in (0, 1], got {target_fraction!r}")
    if arrival_rate == 0:
        return 0
    fewest_stable = math.floor(arrival_rate / service_rate) + 1
    for servers in range(fewest_stable, max_servers + 1):
        share = prob_wait_within(
            arrival_rate=arrival_rate, service_rate=service_rate, servers=servers, t=target_wait
        )
        if share >= target_fraction:
            return servers
    raise ValueError(
        f"{max_servers} counters cannot serve {target_fraction:.0%} within {target_wait}"
    )
