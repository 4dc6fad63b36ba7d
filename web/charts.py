"""The dashboard's pictures as inline SVG, drawn on the server (no script, no library).

Every text is escaped; colours meet WCAG 2.1 AA's 3:1 for graphics against white, and each
chart carries a title and a text summary for screen readers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from hoering.vocab import ReviewStatus

STATUS_COLOURS = {
    ReviewStatus.NEW: "#5f6b7a",
    ReviewStatus.IN_PROGRESS: "#a65300",
    ReviewStatus.DONE: "#1a7f37",
}
ON_TIME, LATE = "#2f5fa7", "#b3261e"
WIDTH = 760
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _svg(height: int, label: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _day(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]}"


def received_per_day(per_day: Sequence[tuple[date, int, int]]) -> Markup:
    """Stacked columns per day: on time below, late on top."""
    height, top, bottom, left = 240, 20, 40, 40
    label = "Modtagne svar pr. dag (rettidige og for sene)"
    if not per_day:
        return _svg(60, label, ['<text x="10" y="30">Ingen svar endnu.</text>'])
    peak = max(ok + late for _, ok, late in per_day) or 1
    plot = height - top - bottom
    step = (WIDTH - left - 10) / len(per_day)
    bar = max(2.0, step * 0.8)
    every = max(1, round(len(per_day) / 12))  # at most about a dozen date labels
    body = [
        f'<text class="axis" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="axis" x="{left - 6}" y="{top + plot}" text-anchor="end">0</text>',
        f'<line x1="{left}" y1="{top + plot}" x2="{WIDTH - 10}" y2="{top + plot}" stroke="#333"/>',
    ]
    for i, (day, ok, late) in enumerate(per_day):
        x = left + i * step + (step - bar) / 2
        h_ok, h_late = plot * ok / peak, plot * late / peak
        y_ok = top + plot - h_ok
        tip = f"{_day(day)}: {ok} rettidige, {late} for sene"
        body.append(
            f"<g><title>{escape(tip)}</title>"
            f'<rect x="{x:.1f}" y="{y_ok:.1f}" width="{bar:.1f}" height="{h_ok:.1f}" '
            f'fill="{ON_TIME}"/>'
            f'<rect x="{x:.1f}" y="{y_ok - h_late:.1f}" width="{bar:.1f}" height="{h_late:.1f}" '
            f'fill="{LATE}"/></g>'
        )
        if i % every == 0:
            body.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{top + plot + 16}" '
                f'text-anchor="middle">{escape(_day(day))}</text>'
            )
    body += _legend([("rettidige", ON_TIME), ("for sene", LATE)], height - 8)
    return _svg(height, label, body)


def _legend(items: list[tuple[str, str]], y: int) -> list[str]:
    out, x = [], 40
    for text, colour in items:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 18}" y="{y}">{escape(text)}</text>')
        x += 30 + 8 * len(text)
    return out


def progress(rows: Sequence[tuple[str, Counter[str]]], label: str) -> Markup:
    """One horizontal bar per row (reviewer or theme), split by status, with "x af y behandlet"."""
    row_height, name_width, top = 26, 220, 10
    height = top + row_height * max(len(rows), 1) + 34
    if not rows:
        return _svg(60, label, ['<text x="10" y="30">Intet at vise endnu.</text>'])
    peak = max(sum(counts.values()) for _, counts in rows) or 1
    span = WIDTH - name_width - 130
    body = []
    for i, (name, counts) in enumerate(rows):
        y = top + i * row_height
        total = sum(counts.values())
        body.append(
            f'<text x="{name_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(name))}</text>"
        )
        x = float(name_width)
        for status, colour in STATUS_COLOURS.items():
            width = span * counts.get(status, 0) / peak
            if width:
                tip = f"{name}: {counts[status]} {status}"
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="18" '
                    f'fill="{colour}"><title>{escape(tip)}</title></rect>'
                )
            x += width
        done = counts.get(ReviewStatus.DONE, 0)
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{done} af {total} behandlet</text>')
    body += _legend(list(STATUS_COLOURS.items()), height - 8)
    return _svg(height, label, body)


def _clip(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
