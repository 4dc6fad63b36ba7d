"""The dashboard's pictures as inline SVG, drawn on the server (no script, no library).

Every text is escaped; colours meet WCAG 2.1 AA's 3:1 for graphics against white, and each
chart carries a title and a text summary for screen readers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

from hoering.vocab import ReviewStatus

STATUS_COLOURS = {
    ReviewStatus.NEW: "#5f6b7a",
    ReviewStatus.IN_PROGRESS: "#a65300",
    ReviewStatus.DONE: "#1a7f37",
}
ON_TIME, LATE = "#2f5fa7", "#b3261e"
DEADLINE = "#1b1f24"  # the text colour: the line reads as a rule, not a series
WIDTH = 760
DATE_LABEL_HALF = 24  # half of "22. aug" at the chart's 12 px
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


def calendar(
    per_day: Sequence[tuple[date, int, int]], deadline: date | None
) -> list[tuple[date, int, int]]:
    """Every day from the first reply (or the deadline, if earlier) to the last reply (or the
    deadline, if later), days without replies as (day, 0, 0): a quiet week shows as one."""
    if not per_day:
        return []
    counts = {day: (ok, late) for day, ok, late in per_day}
    first, last = per_day[0][0], per_day[-1][0]
    if deadline is not None:
        first, last = min(first, deadline), max(last, deadline)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [(day, *counts.get(day, (0, 0))) for day in days]


def received_per_day(
    per_day: Sequence[tuple[date, int, int]], deadline: date | None = None
) -> Markup:
    """Stacked columns per day (on time below, late on top), a tick for every day of the
    consultation, and a dashed line after the deadline day."""
    height, top, bottom, left = 240, 20, 40, 40
    label = "Modtagne svar pr. dag (rettidige og for sene)"
    days = calendar(per_day, deadline)
    if not days:
        return _svg(60, label, ['<text x="10" y="30">Ingen svar endnu.</text>'])
    peak = max(ok + late for _, ok, late in days) or 1
    plot = height - top - bottom
    step = (WIDTH - left - 10) / len(days)
    bar = max(1.0, step * 0.8)
    every = -(-len(days) // 12)  # a date label on at most about a dozen days
    base = top + plot
    body = [
        f'<text class="axis" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="axis" x="{left - 6}" y="{base}" text-anchor="end">0</text>',
        f'<line x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#333"/>',
    ]
    for i, (day, ok, late) in enumerate(days):
        x = left + i * step + (step - bar) / 2
        middle = left + (i + 0.5) * step
        tip = f"{_day(day)}: {ok} rettidige, {late} for sene"
        body.append(_column(x, bar, base, plot * ok / peak, plot * late / peak, tip))
        body.append(
            f'<line class="tick" data-day="{day.isoformat()}" x1="{middle:.1f}" y1="{base}" '
            f'x2="{middle:.1f}" y2="{base + 4}" stroke="#333"/>'
        )
        if i % every == 0:
            body.append(_date_label(middle, base + 16, _day(day)))
    if deadline is not None:
        after = left + ([d for d, _, _ in days].index(deadline) + 1) * step
        body.append(_deadline_line(after, top, base, deadline))
    body += _legend([("rettidige", ON_TIME), ("for sene", LATE), ("frist", DEADLINE)], height - 8)
    return _svg(height, label, body)


def _date_label(middle: float, y: float, text: str) -> str:
    """A date under its tick; one near the right edge ends there ("22. aug" was cut)."""
    x, anchor = (middle, "middle") if middle < WIDTH - DATE_LABEL_HALF else (WIDTH - 2, "end")
    return f'<text class="axis" x="{x:.1f}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'


def _column(x: float, bar: float, base: float, h_ok: float, h_late: float, tip: str) -> str:
    y_ok = base - h_ok
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{x:.1f}" y="{y_ok:.1f}" width="{bar:.1f}" height="{h_ok:.1f}" '
        f'fill="{ON_TIME}"/>'
        f'<rect x="{x:.1f}" y="{y_ok - h_late:.1f}" width="{bar:.1f}" height="{h_late:.1f}" '
        f'fill="{LATE}"/></g>'
    )


def _deadline_line(x: float, top: int, base: float, deadline: date) -> str:
    """A reply is late after the end of the deadline day: the line stands at that end."""
    text = f"frist {_day(deadline)}"
    anchor = "end" if x > WIDTH / 2 else "start"
    shift = -4 if anchor == "end" else 4
    return (
        f'<g class="deadline" data-day="{deadline.isoformat()}"><title>{escape(text)}</title>'
        f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{base}" stroke="{DEADLINE}" '
        f'stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{x + shift:.1f}" y="{top}" text-anchor="{anchor}">{escape(text)}</text></g>'
    )


def _legend(items: list[tuple[str, str]], y: int) -> list[str]:
    out, x = [], 40
    for text, colour in items:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 18}" y="{y}">{escape(text)}</text>')
        x += 30 + 8 * len(text)
    return out


def progress(rows: Sequence[tuple[str, Counter[str]]], label: str) -> Markup:
    """One horizontal bar per row (reviewer or theme), split by status, with "x af y behandlet"."""
    # Wide enough for the codebook's longest label ("demokrati og beslutningsprocesser").
    row_height, name_width, top = 26, 240, 10
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


def _clip(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
