"""Issuance settings: defaults from the environment, overridable by `settings.ISSUANCE`.

Every rule that a decree or headquarters may change is here, with the value STANDARDS.md gives
as the default. `settings.ISSUANCE` (a dict) wins over the environment, so a deployment or a
test can change one value without touching the rest; docs/issuance.md lists them all.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import checks

from paspor.lib.env import ConfigError, env_choice, env_int, env_list, env_str
from paspor.lib.mrz import DOCUMENT_CODES

EXPIRY_RULES = ("same_day", "day_before")
NAME_SPLITS = ("last_word", "whole_name")
OPTIONAL_DATA_SOURCES = ("empty", "case_code")
# Paspor issues ordinary passports (non-electronic and electronic alike): "PP", or "P<" on
# passports issued before 2028. The other ICAO codes name other documents (PE emergency,
# PD diplomatic, PO official…).
PASSPORT_CODES = ("PP", "P<")
# The MRZ's document number field holds at most 9 characters (ICAO Doc 9303 part 4).
PASSPORT_NUMBER_MAX = 9


@dataclass(frozen=True)
class IssuanceConfig:
    booklet_number_pattern: str
    # The expiry day, a headquarters setting: no standard in STANDARDS.md fixes it. "same_day":
    # issue date + N years (29 February → 28 February); "day_before": one day earlier. Neither
    # is mandated by ICAO Doc 9303.
    expiry_rule: str
    # STANDARDS.md §1: how a name splits into primary and secondary identifier (unconfirmed).
    name_split: str
    document_codes: dict[str, str]  # per PassportKind value
    optional_data: str
    empty_optional_check: str
    reminder_days: tuple[int, ...]
    cancel_after_days: int
    # STANDARDS.md §10: Paspor reminds before it cancels. Days to collect after the last reminder
    # went out, when it went out late: by default the two days between the last reminder
    # (day 28) and the deadline (day 30), so a daily run keeps its timeline.
    grace_days: int
    low_stock_horizon_working_days: int
    max_delivery_size: int
    mrz_font_path: str

    @property
    def booklet_number_re(self) -> re.Pattern[str]:
        return re.compile(self.booklet_number_pattern)


def _env_defaults() -> dict[str, Any]:
    return {
        "booklet_number_pattern": env_str("ISSUANCE_BOOKLET_NUMBER_PATTERN", r"^[A-Z][0-9]{7}$"),
        "expiry_rule": env_choice("ISSUANCE_EXPIRY_RULE", "same_day", EXPIRY_RULES),
        "name_split": env_choice("ISSUANCE_NAME_SPLIT", "last_word", NAME_SPLITS),
        "document_codes": {
            "ordinary": env_str("ISSUANCE_DOCUMENT_CODE_ORDINARY", "PP"),
            "electronic": env_str("ISSUANCE_DOCUMENT_CODE_ELECTRONIC", "PP"),
        },
        "optional_data": env_choice("ISSUANCE_MRZ_OPTIONAL_DATA", "empty", OPTIONAL_DATA_SOURCES),
        "empty_optional_check": env_choice("ISSUANCE_MRZ_EMPTY_OPTIONAL_CHECK", "<", ("<", "0")),
        "reminder_days": tuple(
            int(day) for day in env_list("ISSUANCE_PICKUP_REMINDER_DAYS", ["7", "21", "28"])
        ),
        "cancel_after_days": env_int("ISSUANCE_PICKUP_CANCEL_AFTER_DAYS", 30, minimum=1),
        "grace_days": env_int("ISSUANCE_PICKUP_GRACE_DAYS", 2, minimum=1),
        "low_stock_horizon_working_days": env_int("ISSUANCE_LOW_STOCK_HORIZON", 3, minimum=1),
        "max_delivery_size": env_int("ISSUANCE_MAX_DELIVERY_SIZE", 10_000, minimum=1),
        "mrz_font_path": env_str("ISSUANCE_MRZ_FONT", ""),
    }


def issuance_config() -> IssuanceConfig:
    values = _env_defaults() | dict(getattr(settings, "ISSUANCE", {}))
    config = IssuanceConfig(**values)
    _validate(config)
    return config


def _validate(config: IssuanceConfig) -> None:
    if config.expiry_rule not in EXPIRY_RULES:
        raise ConfigError(f"ISSUANCE expiry_rule: expected one of {EXPIRY_RULES}")
    if config.name_split not in NAME_SPLITS:
        raise ConfigError(f"ISSUANCE name_split: expected one of {NAME_SPLITS}")
    if config.optional_data not in OPTIONAL_DATA_SOURCES:
        raise ConfigError(f"ISSUANCE optional_data: expected one of {OPTIONAL_DATA_SOURCES}")
    for kind, code in config.document_codes.items():
        if code not in DOCUMENT_CODES:
            raise ConfigError(f"ISSUANCE document code for {kind}: {code!r} is not an ICAO code")
        if code not in PASSPORT_CODES:
            raise ConfigError(
                f"ISSUANCE document code for {kind}: {code!r} is another document's code; an "
                f"ordinary passport, electronic or not, is 'PP' ('P<' before 2028)"
            )
    # STANDARDS.md §10: an uncollected passport is cancelled only after reminders.
    if not config.reminder_days:
        raise ConfigError("ISSUANCE reminder_days: at least one reminder before cancelling")
    if any(day < 1 for day in config.reminder_days) or any(
        day >= config.cancel_after_days for day in config.reminder_days
    ):
        raise ConfigError("ISSUANCE reminder_days: each must be between 1 and the cancel day")
    if config.grace_days < 1:
        raise ConfigError("ISSUANCE grace_days: at least one day after the last reminder")
    try:
        re.compile(config.booklet_number_pattern)
    except re.error as exc:
        raise ConfigError(f"ISSUANCE booklet_number_pattern: {exc}") from None
    longest = _longest_match(config.booklet_number_pattern)
    if longest is not None and longest > PASSPORT_NUMBER_MAX:
        raise ConfigError(
            f"ISSUANCE booklet_number_pattern: allows numbers of more than {PASSPORT_NUMBER_MAX}"
            " characters, which the MRZ cannot hold (every print would fail); bound its length"
        )


def _longest_match(pattern: str) -> int | None:
    """The most characters `pattern` can match, as the regular-expression parser works it
    out; None when that parser (a private module of the standard library) is not there."""
    try:
        parser = importlib.import_module("re._parser")
    except ImportError:
        return None
    return int(parser.parse(pattern).getwidth()[1])


def config_check(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """System check: the issuance settings are valid, so a wrong one stops the start-up
    (`manage.py check`, `migrate`, the server) rather than the first print."""
    try:
        issuance_config()
    except ConfigError as exc:
        return [checks.Error(str(exc), id="issuance.E001")]
    return []
