"""How feedback reads in Discord: the alert's note, ``/signals explain``, ``/alerts show``,
the choices "wrong details" offers, and ``/events show|restore`` of a rejected event.

Mentions inside embeds never ping, so the member who gave feedback is named
as ``<@id>``, which Discord shows as their name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.delivery.labels import event_label, platform_name, status_label, tier_label
from bot.delivery.text import field, fit_embed
from bot.feedback.ids import PLATFORM, TIER, TYPE
from bot.feedback.restore import Restored
from bot.platforms import PlatformRegistry
from storage.queries.feedback import NOT_SIGNAL, WRONG_DETAILS, FeedbackView
from storage.queries.rejections import Rejection

MAX_OPTIONS = 25
"""Discord's limit on a select menu's options."""
MAX_PLATFORMS = 3
"""Platforms one correction may name."""
TIERS = ("generalist", "expert", "all", "unknown")
OTHER = "other"
SHOWN = 5
"""Feedback rows ``/signals explain`` lists (the newest)."""


def _ts(when: datetime) -> str:
    return f"<t:{int(when.timestamp())}:R>"


def marked_field(user_id: int, when: datetime) -> dict[str, Any]:
    """The line an alert gets when a member marks it not a signal."""
    return field("Feedback", f"🚫 Marked not a signal by <@{user_id}> {_ts(when)}")


def corrections(row: FeedbackView, registry: PlatformRegistry) -> str:
    parts = []
    if row.event_type is not None:
        parts.append(f"type → {event_label(row.event_type)}")
    if row.platforms is not None:
        names = ", ".join(platform_name(registry, p) for p in row.platforms)
        parts.append(f"platforms → {names or 'none'}")
    if row.tier is not None:
        parts.append(f"tier → {tier_label(row.tier)}")
    return "; ".join(parts)


def verdict_line(row: FeedbackView, registry: PlatformRegistry) -> str:
    if row.verdict == NOT_SIGNAL:
        what = "🚫 not a signal"
    else:
        what = f"✏️ wrong details: {corrections(row, registry) or 'no correction chosen'}"
    return f"{what} · <@{row.user_id}> {_ts(row.created_at)}"


def explain_field(
    rows: Sequence[FeedbackView], registry: PlatformRegistry,
) -> dict[str, Any] | None:
    """The feedback this server gave on a post, newest last; None when there is none."""
    if not rows:
        return None
    lines = [verdict_line(r, registry) for r in rows[-SHOWN:]]
    if len(rows) > SHOWN:
        lines.insert(0, f"({len(rows) - SHOWN} earlier)")
    return field("Feedback from this server", "\n".join(lines))


def counts_text(counts: Mapping[str, int]) -> str:
    """``/alerts show``: how many posts this server marked, by verdict."""
    rejected, corrected = counts.get(NOT_SIGNAL, 0), counts.get(WRONG_DETAILS, 0)
    if not rejected and not corrected:
        return ("No feedback yet: the buttons under each alert mark it not a signal or "
                "correct its details.")
    return (f"{rejected} post{'s' if rejected != 1 else ''} marked not a signal, "
            f"{corrected} with corrected details.")


def choices(
    which: str, registry: PlatformRegistry, event_types: Sequence[str],
    current: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """(label, value) options for one correction; the alert's own platforms come first."""
    if which == TYPE:
        return [(event_label(t), t) for t in event_types if t != "none"][:MAX_OPTIONS]
    if which == TIER:
        return [(tier_label(t), t) for t in TIERS]
    if which == PLATFORM:
        ids = [p for p in current if p in registry or p == OTHER]
        ids += [p for p in registry.ids if p not in ids]
        # "other" always stays offered, even when the list is cut to Discord's limit.
        ids = [*[p for p in ids if p != OTHER][:MAX_OPTIONS - 1], OTHER]
        return [(platform_name(registry, p), p) for p in ids]
    raise ValueError(f"unknown feedback field {which!r}")


def max_values(which: str, options: int) -> int:
    return min(MAX_PLATFORMS, options) if which == PLATFORM else 1


def placeholder(which: str) -> str:
    return {TYPE: "The right event type", PLATFORM: "The right platforms",
            TIER: "The right tier"}[which]


def recorded(which: str, values: Sequence[str], registry: PlatformRegistry) -> str:
    """The ephemeral answer after a correction was stored."""
    if which == TYPE:
        name, shown = "event type", event_label(values[0])
    elif which == TIER:
        name, shown = "tier", tier_label(values[0])
    else:
        name, shown = "platforms", ", ".join(platform_name(registry, p) for p in values)
    return (f"Recorded, thank you: {name} → {shown}. Pick another correction below, "
            "or dismiss this message.")


def marked_embed(base: dict[str, Any], user_id: int, when: datetime) -> dict[str, Any]:
    """The alert's embed with the "marked not a signal" line (replacing an earlier one)."""
    embed = dict(base)
    fields = [f for f in embed.get("fields") or () if f.get("name") != "Feedback"]
    embed["fields"] = [*fields, marked_field(user_id, when)][-25:]
    return fit_embed(embed)


def not_signal_answer(stored: int, closed: bool, closed_here: bool = False) -> str:
    """The ephemeral note to the member who pressed "not a signal".

    ``closed``: the event (of this server's own sources) is closed for everyone;
    ``closed_here``: the public event is closed for this server only.
    """
    posts = f"{stored} post{'s' if stored != 1 else ''}"
    closing = ""
    if closed:
        closing = " Every report of its event is now rejected, so the event is closed."
    elif closed_here:
        closing = (" Every report of its event is now rejected by this server, so the event "
                   "is closed for this server: its alerts here get no further updates and "
                   "this server's lists, counts and digests leave it out. Other servers still "
                   "receive it. /events restore undoes it.")
    return (f"Recorded, thank you: {posts} marked not a signal.{closing} `labelwatch train "
            "--feedback` learns from it.")


def with_feedback(
    embed: dict[str, Any], rows: Sequence[FeedbackView], registry: PlatformRegistry,
) -> dict[str, Any]:
    """``/signals explain``'s embed with this server's feedback on the post, if any."""
    extra = explain_field(rows, registry)
    if extra is None:
        return embed
    return fit_embed({**embed, "fields": [*(embed.get("fields") or ())[:24], extra]})


def with_counts(embed: dict[str, Any], counts: Mapping[str, int]) -> dict[str, Any]:
    """``/alerts show``'s embed with how much feedback this server gave, in its footer (nothing
    is added for a server with neither routes nor feedback: it has no alerts to mark)."""
    if not embed.get("fields") and not any(counts.values()):
        return embed
    return fit_embed({**embed, "footer": {"text": f"Feedback: {counts_text(counts)}"}})


def rejected_field(rejection: Rejection) -> dict[str, Any]:
    """``/events show``'s line for a public event this server marked not a signal."""
    who = f" by <@{rejection.user_id}>" if rejection.user_id is not None else ""
    return field("Not a signal here",
                 f"🚫 This server marked it not a signal{who} {_ts(rejection.created_at)}: "
                 "its channels get no more of it, and this server's /events recent, "
                 f"/signals summary and digests leave it out. `/events restore "
                 f"e{rejection.event_id}` undoes that.")


def with_rejection(embed: dict[str, Any], rejection: Rejection | None) -> dict[str, Any]:
    """``/events show``'s embed, with the rejection first among its fields when there is one
    (``fit_embed`` keeps Discord's limit on fields, dropping the last)."""
    if rejection is None:
        return embed
    return fit_embed({**embed, "fields": [rejected_field(rejection), *embed.get("fields", ())]})


def restored_answer(done: Restored) -> str:
    """The answer to ``/events restore``: what comes back, and what does not."""
    ref, status, withdrawn = done.ref, done.status, done.withdrawn
    verdicts = (f" {withdrawn} \"not a signal\" verdict{'s' if withdrawn != 1 else ''} of "
                "this server withdrawn." if withdrawn else "")
    if done.public:
        return (f"{ref} is no longer marked not a signal in this server: /events recent, "
                "/signals summary and digests show it again, and its next reports reach this "
                "server's alert channels. Messages and edits cancelled when it was marked are "
                f"not sent again; the next change of the event brings them up to date.{verdicts}")
    if done.reopened:
        return (f"{ref} is no longer marked not a signal: it is open again "
                f"({status_label(status)}), and its alerts here are edited to show it."
                f"{verdicts}")
    return (f"{ref} is no longer marked not a signal, but it stays closed: it has had no "
            "report for the quiet period, so it would be closed as quiet anyway. A new report "
            f"about it reopens it.{verdicts}")
