"""The IKM over the months as a server-rendered SVG line chart (no script, no CDN).

The chart is a picture for sighted readers; the page puts the same figures in a table right
under it, and the SVG carries a title and a description for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from paspor.surveys.selectors import MonthPoint

WIDTH, HEIGHT = 640, 290
# The right margin holds the category labels ("B ≥ 76,61") outside the plot, where the latest
# month's point cannot cover them; the bottom one the month and, under it, the year.
LEFT, RIGHT, TOP, BOTTOM = 48, 78, 16, 50
LOW, HIGH = Decimal(25), Decimal(100)
# Category floors (PermenPANRB 14/2017) drawn as dashed guide lines.
GUIDES = ((Decimal("88.31"), "A"), (Decimal("76.61"), "B"), (Decimal("65.00"), "C"))


def _y(value: Decimal) -> float:
    share = float((value - LOW) / (HIGH - LOW))
    return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)


def _x(position: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * (position + 0.5) / max(count, 1))


def ikm_chart_svg(points: Sequence[MonthPoint], *, chart_id: str = "ikm-chart") -> SafeString:
    title = _("Indeks Kepuasan Masyarakat per bulan")
    described = [
        f"{date_format(point.month, 'F Y')}: "
        f"{number_format(point.index, decimal_pos=2) if point.index is not None else '–'}"
        for point in points
    ]
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" class="ikm-chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(described))}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{HEIGHT - TOP - BOTTOM}" fill="#f7f9fc" stroke="#c5cdd8"/>',
    ]
    for tick in (25, 50, 75, 100):
        y = _y(Decimal(tick))
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{tick}</text>'
        )
    for floor, letter in GUIDES:
        y = _y(floor)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#8a94a6" stroke-dasharray="4 4"/>'
            f'<text x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}" text-anchor="start" font-size="11" '
            f'fill="#333">{letter} ≥ {number_format(floor, decimal_pos=2)}</text>'
        )
    coordinates = []
    for position, point in enumerate(points):
        x = _x(position, len(points))
        # "Des" over "2025": a month with its year, not a day ("Des 25" read as 25 December).
        # The year is written under the first month and under each January.
        month = escape(date_format(point.month, "M"))
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" '
            f'fill="#333">{month}</text>'
        )
        if position == 0 or point.month.month == 1:
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 31}" text-anchor="middle" '
                f'font-size="11" fill="#333">{point.month.year}</text>'
            )
        if point.index is not None:
            coordinates.append((x, _y(point.index)))
    segment: list[str] = []
    for x, y in coordinates:
        segment.append(f"{x:.1f},{y:.1f}")
    if len(segment) > 1:
        parts.append(
            f'<polyline points="{" ".join(segment)}" fill="none" stroke="#1d4ed8" '
            f'stroke-width="2.5"/>'
        )
    for x, y in coordinates:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1d4ed8"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
