"""Settings for `bench/write_floor.py`: the application's own, plus the floor endpoints."""

from paspor.settings import *  # noqa: F403 - the application's settings, unchanged

ROOT_URLCONF = "floor_urls"
