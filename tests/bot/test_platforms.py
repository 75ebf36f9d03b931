"""The built-in registry covers signals.md's canonical platforms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.platforms import PlatformRegistry, builtin_platforms

CANONICAL = {
    "mercor", "scale_ai", "outlier", "remotasks", "surge_ai", "dataannotation", "xai", "appen",
    "telus_digital", "toloka", "turing", "invisible", "handshake_ai", "micro1", "alignerr",
    "labelbox", "prolific", "sama", "globallogic", "welocalize", "rws_trainai", "oneforma",
    "clickworker", "mturk", "cloudfactory", "imerit", "snorkel",
}


def test_every_canonical_platform_is_built_in() -> None:
    assert set(PlatformRegistry().ids) == CANONICAL


def test_ids_match_signals_md(shared_dir: Path) -> None:
    text = (shared_dir / "spec" / "signals.md").read_text(encoding="utf-8")
    text = text.split("## platforms", 1)[1].split("\n## ", 1)[0]
    table = set(re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.M))
    assert table == CANONICAL


@pytest.mark.parametrize(("brand", "parent"), [
    ("outlier", "scale_ai"), ("remotasks", "scale_ai"), ("dataannotation", "surge_ai"),
    ("alignerr", "labelbox"),
])
def test_parents(brand: str, parent: str) -> None:
    platform = PlatformRegistry().get(brand)
    assert platform is not None and platform.parent == parent


@pytest.mark.parametrize(("text", "expected"), [
    ("Outlier AI", "outlier"), ("DataAnnotation.tech", "dataannotation"),
    ("TELUS Intl", "telus_digital"), ("micro 1", "micro1"), ("scale_ai", "scale_ai"),
    ("MTurk", "mturk"), ("Scale", "scale_ai"), ("DA", "dataannotation"),
    ("Welo", "welocalize"), ("Welo Data", "welocalize"),
])
def test_resolve(text: str, expected: str) -> None:
    platform = PlatformRegistry().resolve(text)
    assert platform is not None and platform.id == expected


def test_subreddit_lookup_ignores_case_and_prefix() -> None:
    reg = PlatformRegistry()
    assert reg.for_subreddit("r/Outlier_AI").id == "outlier"  # type: ignore[union-attr]
    assert reg.for_subreddit("WorkOnline") is None


@pytest.mark.parametrize(("subreddit", "expected"), [
    ("MercorAI", "mercor"), ("xAI_tutors", "xai"), ("xaitutors", "xai"),
    ("InvisibleTech", "invisible"), ("TuringDevs", "turing"), ("micro1", "micro1"),
    ("Appen", "appen"),
])
def test_subreddit_named_after_a_platform_stands_for_it(subreddit: str, expected: str) -> None:
    platform = PlatformRegistry().for_subreddit(subreddit)
    assert platform is not None and platform.id == expected


@pytest.mark.parametrize("subreddit", [
    "DataAnnotationJobs",  # a general community, though named after a platform
    "Appendicitis", "Samaritans",  # a short name only counts whole
    "ScaleTheMountain", "SurgeProtectors", "handshake",  # loose aliases never count
    "PhD", "GoogleSearch",
])
def test_subreddit_not_named_after_a_platform(subreddit: str) -> None:
    assert PlatformRegistry().for_subreddit(subreddit) is None


@pytest.mark.parametrize(("subreddit", "expected"), [
    ("GoogleRaters", "globallogic"), ("r/grok", "xai"),
    ("TurkerNation", "mturk"),  # its workers' own name for themselves: Turkers
    ("r/lionbridge", "telus_digital"),  # the name its AI arm had before TELUS bought it
])
def test_an_unwatched_community_still_stands_for_its_platform(subreddit: str,
                                                             expected: str) -> None:
    reg = PlatformRegistry()
    platform = reg.for_subreddit(subreddit)
    assert platform is not None and platform.id == expected
    # ... but it is not a source: its other posts are about something else.
    watched = {s.lower() for p in reg for s in p.subreddits}
    assert subreddit.lower().removeprefix("r/") not in watched


def test_a_config_platform_may_list_communities() -> None:
    reg = PlatformRegistry().with_overrides([{"id": "sama", "communities": ["SamaWorkers"]}])
    platform = reg.for_subreddit("samaworkers")
    assert platform is not None and platform.id == "sama"


def test_builtins_are_fresh_each_call() -> None:
    assert builtin_platforms() == builtin_platforms()
    assert builtin_platforms() is not builtin_platforms()


def test_duplicate_ids_are_refused() -> None:
    p = builtin_platforms()
    with pytest.raises(ValueError, match="defined twice"):
        PlatformRegistry((*p, p[0]))
