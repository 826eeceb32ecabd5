"""docs/commands.md describes every command of Paspor's own, with each of its arguments and
options, and no command that no longer exists; the scheduled ones are marked as such."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from django.core.management import get_commands, load_command_class

from paspor.operations.jobs import JOBS

ROOT = Path(__file__).resolve().parents[3]
COMMANDS_DOC = ROOT / "docs" / "commands.md"
HEADING = re.compile(r"^### `([a-z_]+)([^`]*)`(.*)$", re.MULTILINE)
# Options every Django command has; the doc leaves them to Django's documentation.
DJANGO_OPTIONS = {
    "-h",
    "--help",
    "--version",
    "-v",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}


def own_commands() -> dict[str, str]:
    return {name: app for name, app in get_commands().items() if app.startswith("paspor.")}


def sections() -> dict[str, tuple[str, str]]:
    """Command name → (its heading's rest, the text up to the next heading)."""
    text = COMMANDS_DOC.read_text("utf-8")
    found = list(HEADING.finditer(text))
    result = {}
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        result[match.group(1)] = (match.group(2) + match.group(3), text[match.end() : end])
    return result


def parser_of(name: str, app: str) -> argparse.ArgumentParser:
    return load_command_class(app, name).create_parser("manage.py", name)


def test_every_own_command_has_a_section_and_none_is_left_over() -> None:
    documented = set(sections())
    assert documented == set(own_commands())


def test_every_argument_and_option_is_described() -> None:
    docs = sections()
    missing = []
    for name, app in own_commands().items():
        heading, body = docs[name]
        for action in parser_of(name, app)._actions:
            if not action.option_strings:  # a positional: named in the heading
                if action.dest.upper() not in heading:
                    missing.append(f"{name}: {action.dest.upper()}")
                continue
            own = [s for s in action.option_strings if s not in DJANGO_OPTIONS]
            if own and not any(f"`{s}" in body for s in own):
                missing.append(f"{name}: {own[0]}")
    assert missing == []


def test_scheduled_commands_are_marked_and_only_they() -> None:
    scheduled = {job.command for job in JOBS}
    marked = {name for name, (heading, _) in sections().items() if "(scheduled" in heading}
    assert marked == scheduled
