"""Django's system checks pass at any time of day: a fixed time default is checked against the
moment the check runs, and once failed `check --deploy` at 09:00:00 UTC (the release hour)."""

import datetime as dt

import pytest
import time_machine
from django.core import checks


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [0, 9, 16])
def test_the_model_checks_are_clean_at_any_hour(hour):
    with time_machine.travel(dt.datetime(2026, 11, 30, hour, 0, 2, tzinfo=dt.UTC), tick=False):
        problems = checks.run_checks(tags=[checks.Tags.models])
    assert [problem.id for problem in problems] == []
