#!/usr/bin/env python
"""Django's command-line utility for Paspor."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
    from django.core.management import execute_from_command_line

    from paspor.lib.env import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        # A configuration mistake is one line naming the variable, not a traceback.
        print(f"Paspor configuration error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
