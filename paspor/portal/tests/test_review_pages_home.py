"""Browser review of the public home page: the three main actions stay together on a desktop."""

import itertools

import pytest

from paspor.lib.testing_browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_desktop_the_three_main_actions_sit_side_by_side_from_the_left(
    page, live_server, office
):
    """The buttons are in a <nav>, which Pico spreads across the whole width: "Cek status" ended
    up in the middle of the screen and the billing button at the far right, read as unrelated."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    actions = page.locator("nav.cta [role=button]")
    boxes = [actions.nth(index).bounding_box() for index in range(actions.count())]
    assert len(boxes) == 3
    lead = page.locator(".hero .lead").bounding_box()
    assert boxes[0]["x"] == pytest.approx(lead["x"], abs=1)
    for left, right in itertools.pairwise(boxes):
        assert right["y"] == pytest.approx(left["y"], abs=1)  # one row
        gap = right["x"] - (left["x"] + left["width"])
        assert 0 < gap <= 24, gap  # the .75rem gap, not the rest of the screen
    screenshot(page, "review-home-desktop")
