"""The example production environment names every variable settings.py reads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice"}


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


def names_in_example() -> set[str]:
    text = (ROOT / "deploy" / "paspor.env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_settings_reads_variables_through_the_env_helpers() -> None:
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= names_read_by(
        ROOT / "paspor" / "settings.py"
    )


def test_every_variable_settings_reads_is_in_the_example_file() -> None:
    missing = names_read_by(ROOT / "paspor" / "settings.py") - names_in_example()
    assert not missing, f"add to deploy/paspor.env.example: {sorted(missing)}"
