"""The bulletin's charts: completion by domain and by district against time progress, as PNG
images for the .docx and the preview page. They only draw figures already in the content's
tables (the 完成率 column), never compute one.

matplotlib's Agg canvas on a bare ``Figure`` (never pyplot: no display on a server, no global
state shared between two requests drawing at once) and Noto Sans CJK SC: its default
fonts have no Chinese glyphs and would draw every label as a box. The font is found through
fontconfig (``fc-match``), or at the path fonts-noto-cjk installs it on Debian.
"""

import functools
import io
import itertools
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import pgettext
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.ticker import PercentFormatter
from PIL import Image

from tuijin.bulletins.content import BULLETIN_LANGUAGE, BulletinContent, Table
from tuijin.core.shares import percent
from tuijin.projects.locations import division_outlines

CJK_FAMILY = "Noto Sans CJK SC"
KNOWN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# The charts drawn, after the table each illustrates; the districts' map (issue 16) follows
# the lagging projects.
CHARTED_TABLES = ("domains", "districts")
MAP_AFTER = "lagging"


def map_title() -> str:
    with translation.override(BULLETIN_LANGUAGE):  # the bulletin's language, as its text
        return pgettext("bulletin chart", "Completion by district on the map")
AHEAD, BEHIND, LINE = "#2f6fb0", "#c8452b", "#333333"


class FontMissing(RuntimeError):
    pass


@functools.cache
def cjk_font_file() -> Path:
    """The Noto CJK file, once per process. Raises FontMissing naming the package when neither
    fontconfig nor the known path has it (the charts would otherwise print boxes)."""
    try:
        found = subprocess.run(["fc-match", CJK_FAMILY, "--format=%{file}"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        found = ""
    for candidate in (Path(found) if found else None, KNOWN_FONT):
        if candidate is not None and "CJK" in candidate.name and candidate.exists():
            font_manager.fontManager.addfont(str(candidate))
            return candidate
    raise FontMissing("Noto Sans CJK SC is not installed: install fonts-noto-cjk.")


@dataclass(frozen=True)
class Bar:
    label: str
    rate: Decimal


def bars_of(table: Table) -> list[Bar]:
    """The table's rows with a completion rate (the 完成率 column), in the table's order."""
    rate_column = next(k for k, c in enumerate(table.columns) if c.kind == "rate")
    return [Bar(str(row[0]), row[rate_column]) for row in table.rows
            if row[rate_column] is not None]


def completion_chart(*, title: str, bars: list[Bar], time_progress: Decimal,
                     time_progress_label: str) -> bytes:
    """A horizontal bar per line (first at the top), blue when at or ahead of time progress
    and red when behind, the rate printed at the bar's end, and time progress as a dashed
    line. A PNG at 200 dpi, 16 cm wide: sharp when printed."""
    cjk_font_file()
    height_in = 1.2 + 0.32 * max(len(bars), 1)
    figure = Figure(figsize=(6.3, height_in), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [b.label for b in bars][::-1]
    rates = [float(b.rate) * 100 for b in bars][::-1]
    colours = [AHEAD if b.rate >= time_progress else BEHIND for b in bars][::-1]
    axes.barh(labels, rates, color=colours, height=0.6)
    for y, (rate, bar) in enumerate(zip(rates, bars[::-1], strict=True)):
        axes.text(rate + 0.8, y, percent(bar.rate), va="center", fontsize=7,
                  family=CJK_FAMILY)
    tp = float(time_progress) * 100
    axes.axvline(tp, color=LINE, linestyle="--", linewidth=1)
    # The label sits inside the plot, above the first bar, clear of the title.
    axes.set_ylim(-0.6, len(bars) + 0.1)
    axes.text(tp, len(bars) - 0.35, f" {time_progress_label}", fontsize=7, family=CJK_FAMILY,
              va="bottom", ha="right" if tp > 50 else "left", color=LINE)
    axes.set_xlim(0, max([*rates, tp, 10]) * 1.15)
    axes.set_title(title, family=CJK_FAMILY, fontsize=10)
    axes.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    for label in (*axes.get_yticklabels(), *axes.get_xticklabels()):
        label.set_family(CJK_FAMILY)
        label.set_fontsize(CHART_LABEL_PT)
    axes.spines[["top", "right"]].set_visible(False)
    # Margins from the longest label rather than tight_layout, which measures every artist
    # again before the real drawing (a third of the chart's time).
    label_in = max((text_ems(label) * CHART_LABEL_PT / 72 for label in labels), default=0)
    figure.subplots_adjust(left=min((label_in + 0.2) / 6.3, 0.45), right=0.97,
                           bottom=0.5 / height_in, top=1 - 0.45 / height_in)
    return _png(figure)


CHART_LABEL_PT = 8
# zlib level 1 of 9: files a little larger than the default 6, written several times
# faster (PNG is lossless at every level; the picture is the same).
PNG_COMPRESS_LEVEL = 1


def text_ems(text: str) -> float:
    """Roughly how wide ``text`` prints, in ems: a CJK character one em, a Latin letter or
    digit about 0.6 of one (the charts' margins and the Word tables' columns)."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def _png(figure: Figure) -> bytes:
    """The figure drawn once on its Agg canvas and written as a PNG at the figure's dpi
    (``savefig`` would lay out and measure it again first)."""
    canvas = figure.canvas
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                             "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    dpi = round(figure.dpi)
    image.save(buffer, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _rings(geometry: dict) -> list[list]:
    """The outer rings of a GeoJSON Polygon or MultiPolygon, as lists of (lng, lat)."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _area(geometry: dict) -> float:
    """The area of a district's outer rings in square degrees (shoelace): enough to tell
    which outline encloses which."""
    return sum(abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))) / 2
               for ring in _rings(geometry))


def _tint(hex_colour: str, share: float) -> str:
    """``hex_colour`` at ``share`` strength over white, opaque: a district drawn over a
    county's outline keeps the colour the legend means."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in rgb)


def _outline_of(label: str, outlines: dict) -> dict | None:
    """The outline of the table's district ``label``: the feature of that name, else the one
    feature whose name it begins (the tables print short names: 龙亭 for 龙亭区, 顺河 for
    顺河回族区)."""
    features = [f for f in outlines.get("features", []) if (f.get("properties") or {}).get("name")]
    exact = [f for f in features if f["properties"]["name"] == label]
    if exact:
        return exact[0]
    starting = [f for f in features if f["properties"]["name"].startswith(label)]
    return starting[0] if len(starting) == 1 else None


def district_map(*, title: str, rates: dict[str, Decimal], outlines: dict,
                 time_progress: Decimal, time_progress_label: str) -> bytes | None:
    """The districts drawn from ``outlines`` (the map page's GeoJSON), each shaded by its
    completion rate from the bulletin's district table: blue at or ahead of time progress, red
    behind, grey for the region's other districts; name and rate at the outline's centre.
    None when no outline carries a district of the table (a file that draws other places)."""
    cjk_font_file()
    features = []
    for label, rate in rates.items():
        feature = _outline_of(label, outlines)
        if feature is not None:
            features.append((label, rate, feature))
    if not features:
        return None
    # The rest of the region's districts drawn blank, so the map reads as the region.
    drawn = {id(feature) for _label, _rate, feature in features}
    parents = {feature["properties"].get("parent") for _label, _rate, feature in features}
    features += [(f["properties"]["name"], None, f) for f in outlines.get("features", [])
                 if id(f) not in drawn and (f.get("properties") or {}).get("name")
                 and f["properties"].get("parent") in parents]
    # Largest first, so that a district a county's outline encloses (龙亭区 … inside 祥符区)
    # is drawn over it, whichever of them has a figure.
    features.sort(key=lambda item: -_area(item[2]["geometry"]))
    figure = Figure(figsize=(6.3, 4.6), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs, ys = [], []
    for order, (name, rate, feature) in enumerate(features):
        colour = "#dddddd" if rate is None else (AHEAD if rate >= time_progress else BEHIND)
        for ring in _rings(feature["geometry"]):
            axes.add_patch(Polygon(ring, closed=True, facecolor=_tint(colour, 0.55),
                                   edgecolor="#ffffff", linewidth=1.2, zorder=1 + order))
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
            centre = (sum(p[0] for p in ring[:-1]) / max(len(ring) - 1, 1),
                      sum(p[1] for p in ring[:-1]) / max(len(ring) - 1, 1))
        axes.text(*centre, f"{name}\n{percent(rate) if rate is not None else '—'}",
                  ha="center", va="center", fontsize=7, family=CJK_FAMILY,
                  zorder=1 + len(features))
    axes.set_xlim(min(xs), max(xs))
    axes.set_ylim(min(ys), max(ys))
    axes.set_aspect(1.2)  # about 1/cos(34.8°): degrees of longitude are shorter up here
    axes.set_axis_off()
    axes.set_title(f"{title}（{time_progress_label}）", family=CJK_FAMILY, fontsize=10)
    figure.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.92)
    return _png(figure)


def bulletin_charts(content: BulletinContent, *, outlines: dict | None = None
                    ) -> dict[str, bytes]:
    """The charts of ``content``, keyed by the table each follows (tables with no rate to
    draw get none), and the districts' map after the lagging projects, drawn from
    ``outlines`` (by default the map page's, projects.locations.division_outlines)."""
    if outlines is None:
        outlines = division_outlines()
    charts = {}
    for table in content.tables:
        if table.key in CHARTED_TABLES:
            bars = bars_of(table)
            if bars:
                charts[table.key] = completion_chart(
                    title=table.chart_title or table.title, bars=bars,
                    time_progress=content.time_progress,
                    time_progress_label=content.time_progress_label)
    tables = {table.key: table for table in content.tables}
    if "districts" in tables and MAP_AFTER in tables:
        rates = {bar.label: bar.rate for bar in bars_of(tables["districts"])}
        drawn = district_map(title=map_title(), rates=rates, outlines=outlines,
                             time_progress=content.time_progress,
                             time_progress_label=content.time_progress_label)
        if drawn is not None:
            charts[MAP_AFTER] = drawn
    return charts
