"""Chart bars and lines are told apart from the white plot by colour alone: each colour needs a
contrast of at least 3:1 against white (WCAG 2.1, 1.4.11 non-text contrast)."""

import pytest

from paspor.reports.charts import PALETTE


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour written #rrggbb."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def test_the_formula_gives_the_known_extremes():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_chart_colour_stands_out_from_the_white_plot(colour):
    assert contrast_with_white(colour) >= 3.0
