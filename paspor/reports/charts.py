"""Server-rendered SVG charts: no JavaScript library, readable without a network."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from django.utils.formats import number_format

from paspor.reports.figures import rounded

# Each at least 3:1 against the white plot (WCAG 1.4.11, graphical objects): 8.4, 5.0, 4.2,
# 7.8, 3.7 and 4.7 to 1.
PALETTE = ("#1d4e89", "#007c7c", "#b36b00", "#8f2d56", "#5b8e7d", "#6c757d")


def _axis(series: Sequence[tuple[str, Sequence[float]]]) -> tuple[float, float]:
    """The top of the value axis and its step (four steps of 1, 2 or 5 × 10ⁿ); whole steps for
    counts, so a chart of 1 or 2 people does not show "0.25 people"."""
    values = [v for _, values in series for v in values]
    highest = max(values, default=0) or 1
    raw = highest / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if all(float(v).is_integer() for v in values):
        step = max(1.0, math.ceil(step))
    return step * 4, step


def _value(value: float) -> str:
    """A bar's value as the reader's language writes it (3,5 in Indonesian), to two decimals
    rounded half up: a bar's tooltip, not a published figure."""
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return number_format(float(rounded(value, 2)), force_grouping=True)


def grouped_bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    y_label: str,
    width: int = 720,
    height: int = 320,
) -> str:
    """Bars per category, one colour per series, with a legend and axis labels."""
    left, bottom, top, right = 48, 40, 36, 16
    plot_w, plot_h = width - left - right, height - top - bottom
    peak, step = _axis(series)
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
        f'<text x="12" y="{top + plot_h / 2}" transform="rotate(-90 12 {top + plot_h / 2})" '
        f'text-anchor="middle">{escape(y_label)}</text>',
    ]
    for tick in range(0, 5):
        value = step * tick
        y = top + plot_h - plot_h * tick / 4
        rounded = float(f"{value:.10g}")  # no 0.30000000000000004
        label = number_format(
            int(rounded) if rounded.is_integer() else rounded, force_grouping=True
        )  # as the reader's language writes numbers: 1.500 and 2,5 in Indonesian
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
    for i, category in enumerate(categories):
        x0 = left + i * group_w + group_w * 0.1
        for j, (_, values) in enumerate(series):
            value = values[i] if i < len(values) else 0
            bar_h = plot_h * value / peak
            parts.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
                f'height="{bar_h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>'
                f"{escape(series[j][0])} {escape(category)}: {_value(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{top + plot_h + 16}" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    # The legend flows like text: each entry as wide as its name (about 7 pixels a character at
    # 12 pixels), on a new line when the row is full; the picture grows by the extra lines.
    x, line = left, 0
    for j, (name, _) in enumerate(series):
        entry = 14 + 7 * len(name) + 18
        if x > left and x + entry > width - right:
            x, line = left, line + 1
        y = height + 16 * line
        parts.append(
            f'<rect x="{x}" y="{y - 14}" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{x + 14}" y="{y - 5}">{escape(name)}</text>')
        x += entry
    if line:
        parts[0] = parts[0].replace(f"0 0 {width} {height}", f"0 0 {width} {height + 16 * line}", 1)
    parts.append("</svg>")
    return "\n".join(parts)
