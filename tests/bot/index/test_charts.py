"""Charts: real PNGs under 1 MB, an empty period said on the image, drawn off the event loop."""

from __future__ import annotations

import asyncio
import io
import threading
from datetime import UTC, date, datetime, timedelta

import numpy
from PIL import Image

from bot.index.breadth import Crossing
from bot.index.chart_data import WeekBar, week_bars
from bot.index.charts import (
    BACKGROUND,
    MAX_BYTES,
    Chart,
    events_chart,
    index_chart,
    render,
)
from storage.queries.index import ChartEvent

MONDAY = date(2025, 7, 7)
UNTIL = datetime(2025, 9, 28, 23, 59, tzinfo=UTC)


def _event(i: int, day: int, tier: str = "expert", direction: str = "contraction",
           confirmed: int | None = None, disputed: int | None = None) -> ChartEvent:
    seen = datetime.combine(MONDAY, datetime.min.time(), UTC) + timedelta(days=day, hours=9)
    return ChartEvent(i, tier, direction, seen,
                      seen + timedelta(days=confirmed) if confirmed is not None else None,
                      seen + timedelta(days=disputed) if disputed is not None else None)


def _image(chart: Chart) -> Image.Image:
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(chart.png) < MAX_BYTES
    image = Image.open(io.BytesIO(chart.png))
    image.load()  # decodes every pixel; a truncated file raises here
    assert image.format == "PNG"
    assert 800 <= image.width <= 1600 and 400 <= image.height <= 900
    return image


def _ink_in_centre(image: Image.Image) -> int:
    """Pixels clearly darker than the background in the middle of the plot area."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    bg = sum(int(BACKGROUND[i:i + 2], 16) for i in (1, 3, 5))
    box = rgb.crop((int(w * 0.3), int(h * 0.45), int(w * 0.7), int(h * 0.65)))
    return int((numpy.asarray(box, dtype=int).sum(axis=2) < bg - 150).sum())


def test_week_bars_count_by_direction_and_tier_and_mark_confirmations() -> None:
    events = [_event(1, 0), _event(2, 1, tier="generalist"), _event(3, 2, confirmed=8),
              _event(4, 3, direction="expansion", tier="all"), _event(5, 4, disputed=1),
              _event(6, -20, confirmed=35), _event(7, 100)]
    bars = week_bars(events, MONDAY, 3, UNTIL)
    assert [b.week for b in bars] == ["2025-W28", "2025-W29", "2025-W30"]
    assert bars[0].contraction == {"expert": 2, "generalist": 1}
    assert bars[0].expansion == {"all": 1}
    assert bars[1].confirmed_contraction == 1 and bars[1].total == 0
    assert bars[1].start == date(2025, 7, 14)
    assert bars[2].confirmed_contraction == 1  # an older event confirmed in the period
    # Before the dispute, the disputed event counted.
    early = week_bars(events, MONDAY, 1, datetime(2025, 7, 11, 12, tzinfo=UTC))
    assert early[0].contraction == {"expert": 3, "generalist": 1}


def test_events_chart_is_a_png_under_a_megabyte() -> None:
    events = [_event(i, (i * 5) % 84, tier=("expert", "generalist", "all", "unknown")[i % 4],
                     direction="expansion" if i % 5 == 0 else "contraction",
                     confirmed=2 if i % 3 == 0 else None) for i in range(120)]
    chart = events_chart(week_bars(events, MONDAY, 12, UNTIL), "Events per week: all",
                         "12 weeks")
    image = _image(chart)
    assert not chart.empty and "confirmed" in chart.description
    corner = image.getpixel((5, 5))
    assert isinstance(corner, tuple) and corner[:3] == (0xF7, 0xF7, 0xF9)  # an opaque card
    long = events_chart(week_bars(events, MONDAY - timedelta(weeks=92), 104, UNTIL),
                        "Two years", "104 weeks")
    _image(long)


def test_an_empty_period_says_so_on_the_chart() -> None:
    bars = [WeekBar(f"2025-W{28 + i}", MONDAY + timedelta(weeks=i)) for i in range(12)]
    empty = events_chart(bars, "Events per week: Mercor", "12 weeks")
    assert empty.empty and "no events in this period" in empty.description
    filled = events_chart([*bars[:-1], WeekBar("2025-W39", bars[-1].start, {"expert": 1})],
                          "Events per week: Mercor", "12 weeks")
    assert _ink_in_centre(_image(empty)) > 200  # the sentence across the middle
    assert not filled.empty

    days = [MONDAY + timedelta(days=i) for i in range(84)]
    quiet = index_chart(days, [0] * 84, [0] * 84, 3, [], "Cross-platform index", "as of")
    assert quiet.empty and "no expert or generalist contraction events" in quiet.description
    assert _ink_in_centre(_image(quiet)) > 200


def test_index_chart_with_a_crossing() -> None:
    days = [MONDAY + timedelta(days=i) for i in range(84)]
    expert = [min(3, i // 15) for i in range(84)]
    generalist = [1 + (i > 40) for i in range(84)]
    crossing = Crossing(days[45], "expert", 3, ("mercor", "scale_ai", "surge_ai"), (4, 9, 12))
    chart = index_chart(days, expert, generalist, 3, [crossing], "Cross-platform index",
                        "as of 2025-09-28")
    _image(chart)
    assert chart.description == ("Cross-platform index: expert breadth 3, generalist breadth 2 "
                                 "on 2025-09-28 (peaks 3 and 2); convergence level 3.")


async def test_render_draws_in_a_worker_thread_while_the_loop_runs() -> None:
    threads: list[str] = []
    ticks = 0

    def draw() -> Chart:
        threads.append(threading.current_thread().name)
        bars = [WeekBar("2025-W28", MONDAY, {"expert": 2})]
        return events_chart(bars, "t", "s")

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    chart = await render(draw)
    task.cancel()
    assert threads and threads[0] != threading.current_thread().name
    assert ticks > 10 and not chart.empty
