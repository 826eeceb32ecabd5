"""`manage.py mrz_check LINE1 LINE2`: exit 0 when valid, non-zero naming the failing field."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
ROOT = Path(__file__).resolve().parents[3]


def test_the_icao_specimen_is_valid():
    out = io.StringIO()
    call_command("mrz_check", *SPECIMEN, stdout=out)
    assert "MRZ valid" in out.getvalue() and "L898902C3" in out.getvalue()


def test_a_wrong_birth_date_check_digit_is_named():
    line2 = SPECIMEN[1][:19] + "3" + SPECIMEN[1][20:]
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("mrz_check", SPECIMEN[0], line2, stderr=err)
    assert error.value.returncode == 1
    assert "birth_date" in err.getvalue()


@pytest.mark.parametrize(
    ("line1", "line2", "expected_rc", "field"),
    [
        (*SPECIMEN, 0, ""),
        (SPECIMEN[0], SPECIMEN[1][:-1] + "1", 1, "composite"),
        (SPECIMEN[0], SPECIMEN[1][:40], 1, "line2"),
    ],
)
def test_the_command_exits_with_the_right_code(line1, line2, expected_rc, field):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "paspor.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", "mrz_check", line1, line2],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == expected_rc, done.stderr
    assert field in done.stderr
