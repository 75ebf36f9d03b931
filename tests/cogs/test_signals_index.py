"""/signals index, chart and export through the Discord double: deferral, attachments,
what each server may see, and refusals."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from PIL import Image

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from storage.types import utcnow
from tests.cogs.conftest import Server
from tests.cogs.harness import answer
from tests.doubles.discord import DiscordDouble, RecordedMessage
from tests.support.events import add_event, add_reports


async def _events(services: Services, server_a: Server, server_b: Server) -> dict[str, int]:
    now = utcnow()
    async with services.sessions.begin() as session:
        ids = {
            "mercor": await add_event(session, ["mercor"], now - timedelta(days=12)),
            "outlier": await add_event(session, ["outlier"], now - timedelta(days=5),
                                       status="confirmed",
                                       confirmed_at=now - timedelta(days=4)),
            "appen": await add_event(session, ["appen"], now - timedelta(days=3),
                                     tier="generalist", event_type="pay_cut"),
            "hiring": await add_event(session, ["dataannotation"], now - timedelta(days=2),
                                      direction="expansion", event_type="hiring_expansion"),
            "own_a": await add_event(session, ["turing"], now - timedelta(days=1),
                                     guild_id=server_a.id, title="Turing cuts its coders"),
            "own_b": await add_event(session, ["toloka"], now - timedelta(days=1),
                                     guild_id=server_b.id, title="Toloka secret"),
            "old": await add_event(session, ["mercor"], now - timedelta(days=200)),
        }
        await add_reports(session, ids["outlier"], [now - timedelta(days=5),
                                                    now - timedelta(days=4)])
    return ids


def _png(message: RecordedMessage, name: str) -> Image.Image:
    [upload] = message.files
    assert upload.filename == name and len(upload.data) < 1_000_000
    image = Image.open(io.BytesIO(upload.data))
    image.load()
    assert image.format == "PNG" and image.width >= 800
    [attachment] = message.attachments
    assert attachment["filename"] == name and attachment["description"]
    return image


async def test_index_defers_then_shows_the_headline_and_the_chart(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    await _events(services, server_a, server_b)
    double.ack_deadline = 0.5  # deferring at once keeps the command alive
    handle = double.invoke("signals index", {}, guild_id=server_a.id)
    assert (await handle.wait_response()).type == 5
    message = await answer(handle, timeout=20)
    [embed] = message.embeds
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    # Server A sees its own Turing event: three parents, so convergence.
    assert fields["Expert breadth"] == "**3**: Mercor, Scale AI, Turing"
    assert fields["Generalist breadth"] == "**1**: Appen"
    assert fields["Convergence"].startswith("Level 3; last crossed on ")
    assert embed["image"]["url"] == "attachment://index.png"
    assert not message.ephemeral
    _png(message, "index.png")

    other = await answer(double.invoke("signals index", {"weeks": 4}, guild_id=server_b.id),
                         timeout=20)
    fields = {f["name"]: f["value"] for f in other.embeds[0]["fields"]}
    assert fields["Expert breadth"] == "**3**: Mercor, Scale AI, Toloka"
    assert "Turing" not in str(other.embeds)


async def test_chart_attaches_a_png_and_an_empty_period_says_so(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    await _events(services, server_a, server_b)
    handle = double.invoke("signals chart", {"platform": "Scale AI", "weeks": 8},
                           guild_id=server_a.id)
    assert (await handle.wait_response()).type == 5
    message = await answer(handle, timeout=20)
    _png(message, "events.png")
    description = message.attachments[0]["description"]
    assert description.startswith("Events per week: Scale AI (with Outlier, Remotasks)")
    assert "1 contraction and 0 expansion events over 8 weeks, 1 confirmed" in description

    quiet = await answer(double.invoke("signals chart", {"platform": "prolific"},
                                       guild_id=server_a.id), timeout=20)
    assert quiet.content == "No events at Prolific in the last 12 weeks."
    _png(quiet, "events.png")
    assert "no events in this period" in quiet.attachments[0]["description"]


async def test_export_attaches_the_servers_events_as_csv(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    ids = await _events(services, server_a, server_b)
    # A year of events takes seconds to read and write: the command defers at once.
    double.ack_deadline = 0.5
    handle = double.invoke("signals export", {}, guild_id=server_a.id)
    assert (await handle.wait_response()).type == 5
    message = await answer(handle, timeout=20)
    [upload] = message.files
    assert upload.filename.startswith("labelwatch-events-") and upload.filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(upload.data.decode("utf-8"), newline="")))
    assert [r["id"] for r in rows] == [f"e{ids[k]}" for k in
                                       ("mercor", "outlier", "appen", "hiring", "own_a")]
    assert message.content == "5 events with a report in the last 30 days."
    outlier = rows[1]
    assert outlier["status"] == "confirmed" and outlier["parents"] == "scale_ai"
    assert outlier["first_report"].endswith(f"r{ids['outlier']}x0/")
    assert outlier["latest_report"].endswith(f"r{ids['outlier']}x1/")
    assert "Toloka secret" not in upload.data.decode()

    year = await answer(double.invoke("signals export", {"days": 365, "platform": "mercor"},
                                      guild_id=server_b.id), timeout=20)
    rows = list(csv.DictReader(io.StringIO(year.files[0].data.decode(), newline="")))
    assert [r["id"] for r in rows] == [f"e{ids['old']}", f"e{ids['mercor']}"]

    none = await answer(double.invoke("signals export", {"days": 1, "platform": "appen"},
                                      guild_id=server_a.id), timeout=20)
    assert none.content == "No events at Appen in the last 1 day; nothing to export."
    assert none.files == []


async def test_bad_options_are_refused_before_deferring(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
) -> None:
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("signals index", {"weeks": 0}, "`weeks` must be from 1 to 104"),
        ("signals chart", {"weeks": 105}, "`weeks` must be from 1 to 104"),
        ("signals chart", {"platform": "nosuch"}, "Unknown platform `nosuch`"),
        ("signals export", {"days": 400}, "`days` must be from 1 to 365"),
        ("signals export", {"platform": "nosuch"}, "Unknown platform `nosuch`"),
    ]
    for name, options, expected in cases:
        reply = await double.invoke(name, options, guild_id=server_a.id).wait_response()
        assert reply.type == 4 and reply.ephemeral, (name, options)
        assert expected in (reply.content or ""), (name, options, reply.content)
