"""Server-rendered SVG charts of the yearly follow-up, for the page and the PDF.

Readable without colour: every bar carries its number and its label in text, bars of
different series differ by pattern (solid, hatched, dotted), and the line has a
marker and a value at every point. Each chart is an image (role="img") whose text
alternative is its <title>: the chart's name and every figure it shows ("Initiatives per
stage: Idea: 2; Planning: 1"), so the page's accessible name (aria-labelledby) and the
PDF's /Alt on the chart's /Figure, which WeasyPrint takes from that <title> alone, say
the same. Inline SVG needs no script and passes the page's CSP; WeasyPrint renders it
in the PDF.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
PATTERNS = ("solid", "hatch", "dots", "cross", "vertical")


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        '<pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#1f3a60" stroke-width="3"/></pattern>'
        '<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="#1f3a60"/>'
        "</pattern>"
        '<pattern id="p-cross" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#fff"/>'
        '<path d="M0 0L8 8M8 0L0 8" stroke="#1f3a60" stroke-width="1.5"/></pattern>'
        '<pattern id="p-vertical" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<line x1="3" y1="0" x2="3" y2="6" stroke="#1f3a60" stroke-width="2"/></pattern>'
        "</defs>"
    ).replace('id="p-', f'id="{prefix}-p-')


def _fill(index: int, prefix: str) -> str:
    name = PATTERNS[index % len(PATTERNS)]
    return "#1f3a60" if name == "solid" else f"url(#{prefix}-p-{name})"


def _open(chart_id: str, title: str, figures: str, height: int) -> str:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-t">'
        '<title id="{id}-t">{alternative}</title>',
        w=WIDTH,
        h=height,
        id=chart_id,
        alternative=f"{title}: {figures}" if figures else title,
    )


def bar_chart(*, chart_id: str, title: str, rows: list[tuple[str, int]]) -> SafeString:
    """Horizontal bars, one a row, the label left and the number right of the bar."""
    label_w, row_h, top = 260, 26, 10
    height = top + row_h * max(len(rows), 1) + 10
    biggest = max([value for _label, value in rows] + [1])
    figures = "; ".join(f"{label}: {value}" for label, value in rows)
    parts = [_open(chart_id, title, figures, height), _defs(chart_id)]
    span = WIDTH - label_w - 50
    for index, (label, value) in enumerate(rows):
        y = top + index * row_h
        width = round(span * value / biggest) if value else 0
        parts.append(
            format_html(
                '<text x="{x}" y="{ty}" text-anchor="end" font-size="12" fill="#000">{label}</text>'
                '<rect x="{bx}" y="{y}" width="{w}" height="18" fill="{fill}" stroke="#1f3a60"/>'
                '<text x="{vx}" y="{ty}" font-size="12" fill="#000">{value}</text>',
                x=label_w - 8,
                ty=y + 14,
                label=label[:42],
                bx=label_w,
                y=y,
                w=width,
                fill=_fill(index, chart_id),
                vx=label_w + width + 6,
                value=value,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # every value escaped above


def line_chart(*, chart_id: str, title: str, points: list[tuple[str, int]]) -> SafeString:
    """A line with a square marker and the value printed at every point."""
    left, right, top, bottom, height = 50, 20, 20, 40, 220
    biggest = max([value for _label, value in points] + [1])
    figures = "; ".join(f"{label}: {value}" for label, value in points)
    parts = [_open(chart_id, title, figures, height)]
    plot_h = height - top - bottom
    step = (WIDTH - left - right) / max(len(points) - 1, 1)
    coords = [
        (left + index * step, top + plot_h - plot_h * value / biggest)
        for index, (_label, value) in enumerate(points)
    ]
    parts.append(
        format_html(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#000"/>',
            l=left,
            b=top + plot_h,
            r=WIDTH - right,
        )
    )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polyline points="{escape(path)}" fill="none" stroke="#1f3a60" stroke-width="2"/>'
        )
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            format_html(
                '<rect x="{mx}" y="{my}" width="8" height="8" fill="#1f3a60"/>'
                '<text x="{x}" y="{vy}" text-anchor="middle" font-size="12">{value}</text>'
                '<text x="{x}" y="{ly}" text-anchor="middle" font-size="12">{label}</text>',
                mx=f"{x - 4:.1f}",
                my=f"{y - 4:.1f}",
                x=f"{x:.1f}",
                vy=f"{y - 9:.1f}",
                value=value,
                ly=top + plot_h + 18,
                label=label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # every value escaped above


def followup_charts(content: dict) -> dict[str, SafeString]:
    """The three charts of a follow-up's content (live or frozen)."""
    areas = content["areas"]
    stage_totals = [(stage["label"], stage["count"]) for stage in content["stage_totals"]]
    return {
        "areas": bar_chart(
            chart_id="chart-areas",
            title=_("Initiatives per priority area"),
            rows=[(f"{a['number']}. {a['name']}", a["total"]) for a in areas],
        ),
        "stages": bar_chart(
            chart_id="chart-stages",
            title=_("Initiatives per stage"),
            rows=stage_totals,
        ),
        "affiliated": line_chart(
            chart_id="chart-affiliated",
            title=_("Affiliated organisations at the end of each year"),
            points=[(str(p["year"]), p["count"]) for p in content["affiliations"]["series"]],
        ),
    }
