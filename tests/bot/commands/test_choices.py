"""Autocomplete suggestions: ranking, limits and comma-separated lists."""

from __future__ import annotations

from bot.commands.choices import (
    MAX_CHOICES,
    Choice,
    event_type_choices,
    list_choices,
    platform_choices,
    tier_choices,
)
from bot.platforms import Platform, PlatformRegistry

REGISTRY = PlatformRegistry()


def values(choices: list[Choice]) -> list[str]:
    return [c.value for c in choices]


def test_empty_input_offers_at_most_25_in_registry_order() -> None:
    offered = platform_choices(REGISTRY, "")
    assert len(offered) == MAX_CHOICES < len(REGISTRY) + 1
    assert values(offered)[:3] == ["mercor", "scale_ai", "outlier"]
    assert offered[0] == Choice("Mercor (mercor)", "mercor")


def test_matches_on_id_name_and_aliases_prefix_first() -> None:
    assert values(platform_choices(REGISTRY, "outl"))[0] == "outlier"
    assert values(platform_choices(REGISTRY, "TELUS Intl")) == ["telus_digital"]
    assert values(platform_choices(REGISTRY, "DAT"))[0] == "dataannotation"
    assert values(platform_choices(REGISTRY, "mech"))[0] == "mturk"  # word of "Mechanical Turk"
    ai = values(platform_choices(REGISTRY, "ai"))
    assert ai[0] == "xai"  # its alias "AI tutor programme" starts with the text
    assert {"mercor", "scale_ai"} <= set(ai[1:4]) and "labelbox" not in ai
    assert platform_choices(REGISTRY, "zzzz") == []
    assert values(platform_choices(REGISTRY, "oth")) == ["other"]
    assert "other" not in values(platform_choices(REGISTRY, "oth", other=False))


def test_config_platforms_are_offered_too() -> None:
    registry = PlatformRegistry((*REGISTRY.platforms, Platform("acme", "Acme Labelling",
                                                                aliases=("ACME AI",))))
    assert values(platform_choices(registry, "acme ai")) == ["acme"]


def test_event_types_and_tiers() -> None:
    assert values(event_type_choices("pay")) == ["pay_cut", "pay_raise"]
    assert values(event_type_choices("drive")) == ["hiring_expansion"]
    assert event_type_choices("cut")[0] == Choice("Pay cut (pay_cut)", "pay_cut")
    assert len(event_type_choices("")) == 10
    assert values(tier_choices("exp")) == ["expert"]
    assert values(tier_choices("every")) == ["all"]


def test_lists_complete_their_last_item() -> None:
    def platforms(typed: str) -> list[Choice]:
        return platform_choices(REGISTRY, typed)

    first = list_choices("mercor, outl", platforms)[0]
    assert first == Choice("mercor, Outlier (outlier)", "mercor,outlier")
    assert "mercor,mercor" not in values(list_choices("mercor,", platforms))
    assert values(list_choices("pay_cut,lay", event_type_choices)) == ["pay_cut,layoff"]
    assert values(list_choices("gen", tier_choices)) == ["generalist"]
    long = ",".join(["dataannotation", "telus_digital", "handshake_ai", "rws_trainai",
                     "cloudfactory", "globallogic", "welocalize"])
    assert all(len(c.value) <= 100 and len(c.name) <= 100
               for c in list_choices(long + ",", platforms))
