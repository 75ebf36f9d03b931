"""PNG charts for Discord: events per week, and the index's breadth over time.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, so no
global figure state), in a worker thread: ``render`` is what async code
awaits, and matplotlib itself is imported in that thread too, so even its
first, slow import never blocks the event loop.

Discord shows images on a dark (#313338) or a light (#FFFFFF) background
that the bot cannot know, so charts carry their own opaque light card with
dark text, and the series use the Okabe-Ito palette, which stays apart for
colour-blind readers and on both themes. Charts are about 1100x560 pixels
and well under 1 MB (``MAX_BYTES``), far below Discord's attachment limit.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.index.breadth import Crossing
from bot.index.chart_data import TIER_ORDER, WeekBar

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_BYTES = 1_000_000
BACKGROUND = "#F7F7F9"
INK = "#1E2124"
MUTED = "#5C6370"
GRID = "#D5D8DE"
TIER_COLOURS = {"expert": "#0072B2", "generalist": "#E69F00", "all": "#009E73",
                "unknown": "#8C8C8C"}
TIER_NAMES = {"expert": "Experts", "generalist": "Generalists", "all": "Everyone",
              "unknown": "Tier not stated"}
LEVEL_COLOUR = "#D55E00"
CONFIRMED_COLOUR = "#CC3311"
SIZE_INCHES = (10.0, 5.1)
DPI = (110, 90, 72)
"""Resolutions to try, largest first, until the PNG fits ``MAX_BYTES``."""


@dataclass(frozen=True)
class Chart:
    """A PNG and its description (alt text for the attachment, and what tests read)."""

    png: bytes
    description: str
    empty: bool = False


async def render(draw: Callable[..., Chart], *args: Any) -> Chart:
    """Run a chart function in a worker thread; the event loop keeps serving meanwhile."""
    return await asyncio.to_thread(draw, *args)


def warm_up() -> None:
    """Import matplotlib and load its fonts (seconds, the first time in a process).

    Run in a worker thread at start-up, so that the first chart a user asks
    for is drawn as fast as the rest.
    """
    fig, ax = _figure(20)
    ax.text(0.5, 0.5, "warm-up ▲▼")
    _png(fig)


def _figure(dpi: int) -> tuple[Figure, Axes]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=SIZE_INCHES, dpi=dpi, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=MUTED, labelsize=9)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def _titles(fig: Figure, title: str, subtitle: str) -> None:
    fig.text(0.015, 0.955, title, fontsize=14, fontweight="bold", color=INK, va="top")
    fig.text(0.015, 0.895, subtitle, fontsize=9.5, color=MUTED, va="top")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor=BACKGROUND)
    return buffer.getvalue()


def _fitting(draw: Callable[[int], bytes]) -> bytes:
    data = b""
    for dpi in DPI:
        data = draw(dpi)
        if len(data) <= MAX_BYTES:
            return data
    return data


def _empty(ax: Axes, message: str) -> None:
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=13, color=MUTED)


def _week_labels(bars: Sequence[WeekBar]) -> list[str]:
    step = max(1, (len(bars) + 12) // 13)
    return [f"{b.week[-3:]}\n{b.start.strftime('%d %b')}" if i % step == 0 else ""
            for i, b in enumerate(bars)]


EMPTY_EVENTS = "No events in this period"
EMPTY_INDEX = "No expert or generalist contraction events in this period"


def events_chart(bars: Sequence[WeekBar], title: str, subtitle: str) -> Chart:
    """Events per ISO week: expansion above the axis, contraction below, by tier."""
    png = _fitting(lambda dpi: _events_chart(bars, title, subtitle, dpi))
    if not any(b.total or b.confirmed_contraction or b.confirmed_expansion for b in bars):
        return Chart(png, f"{title}: {EMPTY_EVENTS.lower()}.", empty=True)
    down = sum(sum(b.contraction.values()) for b in bars)
    up = sum(sum(b.expansion.values()) for b in bars)
    confirmed = sum(b.confirmed_contraction + b.confirmed_expansion for b in bars)
    return Chart(png, f"{title}: {down} contraction and {up} expansion events over "
                      f"{len(bars)} weeks, {confirmed} confirmed.")


def _events_chart(bars: Sequence[WeekBar], title: str, subtitle: str, dpi: int) -> bytes:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig, ax = _figure(dpi)
    fig.subplots_adjust(left=0.085, right=0.985, top=0.76, bottom=0.14)
    _titles(fig, title, subtitle)
    xs = list(range(len(bars)))
    ax.set_xticks(xs, _week_labels(bars))
    ax.set_xlim(-0.6, len(bars) - 0.4)
    if not any(b.total or b.confirmed_contraction or b.confirmed_expansion for b in bars):
        _empty(ax, EMPTY_EVENTS)
        return _png(fig)
    width = 0.72
    up = [0.0] * len(bars)
    down = [0.0] * len(bars)
    tiers_seen: list[str] = []
    for tier in TIER_ORDER:
        rise = [b.expansion.get(tier, 0) for b in bars]
        fall = [b.contraction.get(tier, 0) for b in bars]
        if not any(rise) and not any(fall):
            continue
        tiers_seen.append(tier)
        colour = TIER_COLOURS[tier]
        ax.bar(xs, rise, width, bottom=up, color=colour, edgecolor=BACKGROUND, linewidth=0.6)
        ax.bar(xs, [-v for v in fall], width, bottom=[-d for d in down], color=colour,
               edgecolor=BACKGROUND, linewidth=0.6)
        up = [u + r for u, r in zip(up, rise, strict=True)]
        down = [d + f for d, f in zip(down, fall, strict=True)]
    top = max([*up, 1.0])
    bottom = max([*down, 1.0])
    pad = max(top, bottom) * 0.16 + 0.4
    marked = False
    for x, bar in enumerate(bars):
        for count, y in ((bar.confirmed_expansion, up[x] + pad * 0.45),
                         (bar.confirmed_contraction, -down[x] - pad * 0.45)):
            if not count:
                continue
            marked = True
            ax.plot([x], [y], marker="D", markersize=7, color=CONFIRMED_COLOUR,
                    markeredgecolor="white", markeredgewidth=0.8, linestyle="none")
            if count > 1:
                ax.annotate(str(count), (x, y), xytext=(6, 0), textcoords="offset points",
                            fontsize=8, color=CONFIRMED_COLOUR, va="center")
    ax.set_ylim(-bottom - pad, top + pad)
    ax.axhline(0, color=INK, linewidth=1.0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(int(v))}"))
    zero = (bottom + pad) / (top + bottom + 2 * pad)
    for label, y in (("expansion", (1 + zero) / 2), ("contraction", zero / 2)):
        ax.text(-0.06, y, label, transform=ax.transAxes, rotation=90, fontsize=9,
                color=MUTED, ha="center", va="center")
    handles: list[Any] = [Patch(color=TIER_COLOURS[t], label=TIER_NAMES[t]) for t in tiers_seen]
    if marked:
        handles.append(Line2D([], [], marker="D", color=CONFIRMED_COLOUR, linestyle="none",
                              markeredgecolor="white", label="confirmed that week"))
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.008, 0.865),
                        ncol=len(handles), frameon=False, fontsize=9, handlelength=1.4)
    for text in legend.get_texts():
        text.set_color(INK)
    return _png(fig)


def index_chart(
    days: Sequence[date], expert: Sequence[int], generalist: Sequence[int], level: int,
    crossings: Sequence[Crossing], title: str, subtitle: str,
) -> Chart:
    """Expert and generalist breadth per day, with the convergence level and crossings."""
    png = _fitting(lambda dpi: _index_chart(days, expert, generalist, level, crossings,
                                            title, subtitle, dpi))
    if not any(expert) and not any(generalist):
        return Chart(png, f"{title}: {EMPTY_INDEX.lower()}.", empty=True)
    return Chart(png, f"{title}: expert breadth {expert[-1]}, generalist breadth "
                      f"{generalist[-1]} on {days[-1].isoformat()} (peaks {max(expert)} and "
                      f"{max(generalist)}); convergence level {level}.")


def _index_chart(
    days: Sequence[date], expert: Sequence[int], generalist: Sequence[int], level: int,
    crossings: Sequence[Crossing], title: str, subtitle: str, dpi: int,
) -> bytes:
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
    from matplotlib.ticker import MaxNLocator

    fig, ax = _figure(dpi)
    fig.subplots_adjust(left=0.06, right=0.985, top=0.76, bottom=0.12)
    _titles(fig, title, subtitle)
    xs = [float(x) for x in date2num(list(days))]
    if len(xs) > 1:
        ax.set_xlim(xs[0], xs[-1])
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=4, maxticks=10))
    ax.xaxis.set_major_formatter(DateFormatter("%d %b\n%Y"))
    peak = max([*expert, *generalist, 0])
    top = max(level, peak) + 1.8  # room above the lines for the crossing labels
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("parent companies", color=MUTED, fontsize=9)
    ax.axhline(level, color=LEVEL_COLOUR, linestyle=(0, (6, 4)), linewidth=1.4,
               label=f"convergence level ({level})")
    ax.step(xs, list(expert), where="post", color=TIER_COLOURS["expert"],
            linewidth=2.6, label="expert breadth", zorder=3)
    ax.step(xs, list(generalist), where="post", color=TIER_COLOURS["generalist"],
            linewidth=2.0, label="generalist breadth", zorder=2)
    if not any(expert) and not any(generalist):
        ax.text(0.5, 0.5, EMPTY_INDEX,
                transform=ax.transAxes, ha="center", va="center", fontsize=13, color=MUTED)
    shown = [c for c in crossings if days and days[0] <= c.at <= days[-1]]
    span = (xs[-1] - xs[0]) or 1.0
    for crossing in shown:
        x = float(date2num(crossing.at))
        ax.axvline(x, color=LEVEL_COLOUR, linewidth=0.9, alpha=0.6)
        right = (x - xs[0]) / span > 0.7
        ax.annotate(f"{crossing.tier} convergence {crossing.at.strftime('%d %b')}\n"
                    f"{', '.join(crossing.parents)}",
                    (x, top), xytext=(-6 if right else 6, -6), textcoords="offset points",
                    fontsize=8.5, color=LEVEL_COLOUR, va="top", ha="right" if right else "left",
                    bbox={"boxstyle": "round,pad=0.3", "fc": BACKGROUND, "ec": LEVEL_COLOUR,
                          "lw": 0.6})
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index(n) for n in ("expert breadth", "generalist breadth")] + [
        i for i, n in enumerate(labels) if n.startswith("convergence")]
    legend = fig.legend([handles[i] for i in order], [labels[i] for i in order],
                        loc="upper left", bbox_to_anchor=(0.008, 0.865), ncol=3, frameon=False,
                        fontsize=9, handlelength=2.2)
    for text in legend.get_texts():
        text.set_color(INK)
    return _png(fig)
