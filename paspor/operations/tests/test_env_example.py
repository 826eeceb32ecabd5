"""The example production environment and docs/configuration.md name every variable the code
reads, nothing the code ignores, and the example reads the same in a shell as in systemd."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from paspor.booking.conf import INT_DEFAULTS, RATE_DEFAULTS

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "deploy" / "paspor.env.example"
CONFIGURATION = ROOT / "docs" / "configuration.md"
HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice", "env_float", "_int"}
# Where the code reads the environment: the site's settings and each app's settings module.
READERS = (
    ROOT / "paspor" / "settings.py",
    ROOT / "paspor" / "cases" / "conf.py",
    ROOT / "paspor" / "issuance" / "conf.py",
    ROOT / "paspor" / "lib" / "ratelimit.py",
)
ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


def names_read_by(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in HELPERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def names_read_by_the_code() -> set[str]:
    """Every variable name the code reads; the photo thresholds are one family
    (`PASPOR_PHOTO_<FIELD>`), named by one example line."""
    names = set().union(*(names_read_by(path) for path in READERS))
    names |= set(INT_DEFAULTS) | {f"BOOKING_RATE_{scope.upper()}" for scope in RATE_DEFAULTS}
    return names


def example_lines() -> list[tuple[bool, str, str]]:
    """(commented, name, raw value) of each assignment line, commented or not."""
    found = []
    for line in EXAMPLE.read_text().splitlines():
        match = ASSIGNMENT.match(line)
        if match:
            found.append((bool(match.group(1)), match.group(2), match.group(3)))
    return found


def names_in_example() -> set[str]:
    return {name for _, name, _ in example_lines() if not name.startswith("PASPOR_PHOTO_")}


def systemd_value(raw: str) -> str:
    """What systemd's EnvironmentFile= makes of a value: outer quotes removed, nothing else."""
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def shell_environment(text: str, tmp_path: Path) -> dict[str, str]:
    """The variables a POSIX shell exports after `set -a; . file; set +a`."""
    path = tmp_path / "paspor.env"
    path.write_text(text)
    script = f"set -a; . {shlex.quote(str(path))}; set +a; env -0"
    done = subprocess.run(
        ["/bin/sh", "-c", script], env={}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    pairs = (item.partition("=") for item in done.stdout.split("\0") if item)
    return {name: value for name, _, value in pairs}


def test_the_code_reads_variables_through_the_env_helpers() -> None:
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PASPOR_RETENTION_DAYS"} <= (
        names_read_by_the_code()
    )


def test_every_variable_the_code_reads_is_in_the_example_file() -> None:
    missing = names_read_by_the_code() - names_in_example()
    assert not missing, f"add to deploy/paspor.env.example: {sorted(missing)}"


def test_the_example_file_names_no_variable_the_code_ignores() -> None:
    ignored = names_in_example() - names_read_by_the_code()
    assert not ignored, f"not read by the code: {sorted(ignored)}"


@pytest.mark.parametrize("uncommented", [False, True], ids=["as shipped", "every line set"])
def test_a_shell_reads_the_example_as_systemd_does(uncommented: bool, tmp_path: Path) -> None:
    """`set -a; . /etc/paspor/paspor.env` (docs/deployment.md) stops at the first value a shell
    cannot read (an unquoted `<`, say) and exports nothing after it; systemd would read on."""
    text = EXAMPLE.read_text()
    if uncommented:
        text = re.sub(r"^#\s*([A-Z][A-Z0-9_]*=)", r"\1", text, flags=re.MULTILINE)
    expected = {
        name: systemd_value(raw)
        for commented, name, raw in example_lines()
        if uncommented or not commented
    }
    exported = shell_environment(text, tmp_path)
    assert {name: exported.get(name) for name in expected} == expected


def test_the_example_keeps_files_where_the_units_may_write_and_nginx_serves() -> None:
    """Set, not commented: the default (var/ in the checkout) is read-only to the units."""
    var_dir = {name: raw for commented, name, raw in example_lines() if not commented}.get(
        "PASPOR_VAR_DIR"
    )
    assert var_dir
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        assert f"ReadWritePaths={var_dir}\n" in unit.read_text(), unit.name
    nginx = (ROOT / "deploy" / "nginx" / "paspor.conf").read_text()
    assert f"alias {var_dir}/static/;" in nginx


def test_every_variable_of_the_site_is_in_docs_configuration() -> None:
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]{2,})`", CONFIGURATION.read_text()))
    missing = names_read_by_the_code() - documented
    assert not missing, f"add to docs/configuration.md: {sorted(missing)}"


def test_docs_configuration_names_no_variable_the_code_ignores() -> None:
    text = CONFIGURATION.read_text()
    rows = re.findall(r"^\| (`[A-Z].*?) \|", text, flags=re.MULTILINE)
    named = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}
    ignored = {name for name in named if not name.startswith("PASPOR_PHOTO_")}
    ignored -= names_read_by_the_code()
    assert not ignored, f"not read by the code: {sorted(ignored)}"
