"""Headless Chromium for browser tests (Debian's chromium driven by Playwright).

Playwright's own browser download cannot be used; the system browser is. Without it the browser
tests are skipped with a reason, unless PASPOR_REQUIRE_BROWSER=1 (CI) makes that a failure.
Use the `page` fixture from a test module marked `browser`:

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

    def test_something(page, live_server): page.goto(live_server.url)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("PASPOR_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (PASPOR_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    return path


def watch_csp(context: Any) -> list[str]:
    """Collects the Content-Security-Policy violations Chromium reports in this context's pages.

    Chromium logs each blocked script, style or handler on the console ("Refused to ...
    Content Security Policy"); the returned list fills as pages of the context load.
    """
    violations: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{message.location.get('url', '')}: {message.text}")

    context.on("console", on_console)
    return violations


@pytest.fixture
def browser_context() -> Iterator[Any]:
    executable = require_chromium()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 768})
        violations = watch_csp(context)
        try:
            yield context
            assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
        finally:
            context.close()
            browser.close()


@pytest.fixture
def page(browser_context: Any) -> Any:
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    return page


def screenshot(page: Any, name: str) -> Path:
    """Saves a screenshot under var/screenshots/ for people to look at (not asserted)."""
    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_on_pad(page: Any, pad: Any) -> None:
    """Draw a signature stroke across a signature pad (a canvas locator), as a finger would."""
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 60)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + step * 25, box["y"] + 60 + (step % 3) * 20)
    page.mouse.up()
