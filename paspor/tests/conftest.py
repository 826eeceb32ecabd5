"""Fixtures borrowed from the apps whose pages the project-wide tests visit."""

from paspor.queueing.tests.conftest import queue_office
from paspor.queueing.tests.test_browser import asgi_server

__all__ = ["asgi_server", "queue_office"]
