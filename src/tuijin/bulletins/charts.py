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
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from tuijin.bulletins.content import BulletinContent, Table
from tuijin.core.shares import percent

CJK_FAMILY = "Noto Sans CJK SC"
KNOWN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# The charts drawn, after the table each illustrates.
CHARTED_TABLES = ("domains", "districts")
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
        label.set_fontsize(8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def bulletin_charts(content: BulletinContent) -> dict[str, bytes]:
    """The charts of ``content``, keyed by the table each follows (tables with no rate to
    draw get none)."""
    charts = {}
    for table in content.tables:
        if table.key in CHARTED_TABLES:
            bars = bars_of(table)
            if bars:
                charts[table.key] = completion_chart(
                    title=table.chart_title or table.title, bars=bars,
                    time_progress=content.time_progress,
                    time_progress_label=content.time_progress_label)
    return charts
