"""Figures as evidence: headcounts, shares and amounts of money that tie a report to an
event, count against it, or tell of another round or another pay change.

``matching.match`` weighs these beside the rest of ``evidence``; each returns the words a
reason shows ("same headcount 500", "different amounts (20/17 vs 18/15)").
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.events.evidence import PAY, W, profile, workforce
from bot.events.features import Report
from bot.events.record import EventState

_PENALTIES = {"headcount": -0.5, "percent": -0.5, "amount": -1.5}
"""Points against a report whose figures of a kind are far from all of the event's."""


def same_change(report: Report, event: EventState) -> bool:
    """The report gives a pay change's two ends in the proportion one of the event's reports
    gave ($55 to $38 both times): the same change, whatever kind each report leads with."""
    ratio = report.figures.ratio
    return ratio is not None and any(abs(ratio - r) <= 0.01 for r in event.f("ratios", []))


def recounted(report: Report, event: EventState) -> bool:
    """The report gives a headcount and none of the event's is near it: another round
    ("let go about 100" weeks after "150 roles impacted"), not a late report of this one."""
    return _differ(*totals(report, event), 0.2)


def totals(report: Report, event: EventState) -> tuple[list[int], list[int]]:
    """The report's headcounts and the event's that may tell another total: not those that
    count a part no larger than the other side's largest ("our batch alone had 120 people"
    beside the 800 a drive seeks; "20+ people in our Signal group" before "about 500 let
    go"). A part is not a contradiction, so it neither counts against nor tells of another
    round; two parts never do. Agreeing counts, parts or not, still tie. Only a report of
    the event's own kind, or of another change to the workforce at a workforce event (a
    layoff told as a tier shift), counts the same people: a waitlisted cohort of applicants
    is no part of the staff a layoff let go."""
    mine, theirs = list(report.figures.heads), list(event.f("heads", []))
    if not mine or not theirs or not any(
            report.event_type == t or workforce(report.event_type, t)
            for t in profile(event).leading):
        return mine, theirs
    their_parts = set(event.f("parts", []))
    return ([v for v in mine if v not in report.figures.parts or v > max(theirs)],
            [t for t in theirs if t not in their_parts or t > max(mine)])


def own_pay_change(report: Report, event: EventState) -> bool:
    """A pay change told with its own before and after at an event that gave no pay
    change ("survivors' rate cut: $12 to $10" after the layoffs): news of its own."""
    return report.event_type in PAY and report.figures.ratio is not None \
        and not event.f("ratios", []) and not PAY.intersection(profile(event).leading)


def _differ(mine: Sequence[float], theirs: Sequence[float], far: float) -> bool:
    """Figures on both sides, and none of the report's near any of the event's."""
    return bool(mine and theirs) and not any(_agree(v, t, far) for v in mine for t in theirs)


def unpriced_at_pay_change(report: Report, event: EventState) -> bool:
    """Another kind told with no amount at an event that is only a pay change with its own
    before and after ("the company reorganises its teams" the week its experts' rate went
    from $60 to $45): the pay change's reports are about the rate, the other news is not."""
    leading = profile(event).leading
    return report.event_type not in PAY and report.event_type != "none" \
        and not report.figures.money and bool(event.f("ratios", [])) \
        and bool(leading) and set(leading) <= PAY


def _within(mine: Sequence[float], theirs: Sequence[float]) -> bool:
    """Of news other than a pay change, two amounts on each side and one side's span inside
    the other's: a range of rates offered within the drive's range ("$90-$130/hr" for the
    lawyers of a drive paying "$80 to $150 an hour"), compatible figures, not two changes."""
    if len(mine) < 2 or len(theirs) < 2:
        return False
    return (theirs[0] <= mine[0] and mine[-1] <= theirs[-1]) or (
        mine[0] <= theirs[0] and theirs[-1] <= mine[-1])


def _in_band(report: Report, event: EventState) -> bool:
    """An amount one side gives lies in a band of rates the other writes with a dash ("$65
    an hour from now" and "a standard band of $60–$70/hr"): the band holds the rate, so their
    amounts are no two pay changes."""
    theirs = event.f("money", [])
    return any(lo <= v <= hi for lo, hi in report.figures.bands for v in theirs) or any(
        lo <= v <= hi for lo, hi in event.f("bands", []) for v in report.figures.money)


def _agree(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(a, b)


def figures(report: Report, event: EventState, pay: bool = False
            ) -> tuple[float, bool, list[str]]:
    """Headcounts and percents that agree tie; amounts of money tie only two at a time.

    Pay rates repeat across unrelated news ($15, $20 an hour), so one shared
    amount counts a little and ties nothing; two reports that each give a
    before and after with no amount in common tell of two pay changes, unless
    the change is the same share ("$14 to $12.50" and "$18 CAD to $16"). Of a pay
    change (``pay``: the report's kind and the event's), the share and the two ends
    tie too ("cut general pay by 15%" and "$20 to $17"), and the change alone ("a $3
    drop") counts as one shared amount does.
    """
    points, tie, why = 0.0, False, []
    for key, mine, close, far, (bonus, penalty), label in (
        ("heads", report.figures.heads, 0.1, 0.4, (W["headcount"], _PENALTIES["headcount"]),
         "headcount"),
        ("pcts", report.figures.percents, 0.08, 0.5, (W["percent"], _PENALTIES["percent"]),
         "percent"),
        ("money", report.figures.money, 0.01, 1.0, (W["amount"], 0.0), "amount"),
    ):
        theirs = event.f(key, [])
        if not mine or not theirs:
            continue
        # counts against only as another total: a part of the event's is none
        ours, others = totals(report, event) if key == "heads" else (list(mine), list(theirs))
        agreeing = [v for v in mine if any(_agree(v, t, close) for t in theirs)]
        if agreeing:
            many = key != "money" or len(agreeing) >= 2
            points += bonus if many else bonus / 2
            tie = tie or many
            why.append(f"same {label} {'/'.join(f'{v:g}' for v in agreeing[:2])}")
        elif key == "money" and same_change(report, event):
            assert report.figures.ratio is not None  # same_change holds only with a ratio
            points += W["amount"]  # the same change in another currency or for another tier
            tie = True
            why.append(f"same change ({(report.figures.ratio - 1) * 100:+.0f}%)")
        elif key == "money" and not pay and _within(mine, theirs):
            why.append(f"amounts within ({mine[0]:g}/{mine[-1]:g} in {theirs[0]:g}/"
                       f"{theirs[-1]:g})")
        elif key == "money" and len(mine) >= 2 and len(theirs) >= 2 and not report.figures.bare \
                and not _near_share(report.figures.ratio, event.f("ratios", []), mine, theirs) \
                and not _in_band(report, event):
            points += _PENALTIES["amount"]  # two pay changes, each with its own before/after
            why.append(f"different amounts ({mine[0]:g}/{mine[1]:g} vs "
                       f"{theirs[0]:g}/{theirs[1]:g})")
        elif penalty and _differ(ours, others, far):
            points += penalty
            why.append(f"different {label} ({ours[0]:g} vs {others[0]:g})")
    if pay and not tie:
        # one shared amount ties nothing; the share it changed by, against the event's two
        # ends, still does ("£9 an hour, a 50% rise" and "£6 to £9")
        shared = any(w.startswith("same") for w in why)
        found = _pay_change(report, event)
        if found is not None and (found[0] or not shared):
            points += (W["amount"] if found[0] else W["amount"] / 2) - (W["amount"] / 2
                                                                       if shared else 0.0)
            tie = tie or found[0]
            why.append(found[1])
    return points, tie, why


_NEAR_SHARE, _OTHER_SCALE = 0.04, 2.0
"""How near two pay changes' shares, and how many times larger one's amounts, for one
change told in another market's rates ("$3.80 to $3.10" beside "$12 to $9.50") or a day's
earnings ("$4 a day, now $2.50" beside "$0.02 to $0.012"): such amounts take nothing away
(nor tie). Two roles' rates on one scale ("$150 to $120", "$90 to $70") stay two changes."""


def _near_share(ratio: float | None, ratios: list[float], mine: Sequence[float],
                theirs: Sequence[float]) -> bool:
    scale = max(max(mine), max(theirs)) / max(min(max(mine), max(theirs)), 1e-9)
    return ratio is not None and scale >= _OTHER_SCALE and _near_any(ratio, ratios)


def _near_any(ratio: float, ratios: list[float]) -> bool:
    """A pay change's share is within ``_NEAR_SHARE`` of one of ``ratios``."""
    return any(abs(ratio - r) <= _NEAR_SHARE for r in ratios)


def other_share(report: Report, event: EventState) -> bool:
    """The report gives a pay change's two ends in a proportion far from every one the
    event's reports gave (45% less beside 21% less): another change, whatever its headline
    says of more people getting it ("India too")."""
    ratio, ratios = report.figures.ratio, event.f("ratios", [])
    return ratio is not None and bool(ratios) and not _near_any(ratio, ratios)


def _share_of(ratio: float, percent: float) -> bool:
    """A pay change's two ends (their ratio) and a share agree: a cut of ``percent`` or a
    raise of it ($20 to $17 is 15% less; $20 to $25 is 25% more). A round share (a multiple
    of five: "nearly a fifth", "about 20%") is how people round a change they did not work
    out ($14 to $11.50 is 17.9% less): it agrees within ``_ROUND_SHARE`` points."""
    near = _ROUND_SHARE if percent % 5 == 0 else 1.0
    return abs((1 - ratio) * 100 - percent) <= near or abs((1 / ratio - 1) * 100 - percent) <= near


_ROUND_SHARE = 2.5
"""Points a round share may be off its change's exact share (a fifth for 17.9%); two
changes of one platform rarely lie that close and both be told (15% and 17.5% do not meet
a round 20: 5 points and 2.5 apart)."""


def _pay_change(report: Report, event: EventState) -> tuple[bool, str] | None:
    """The same pay change told another way: as a share against its two ends (a tie), or
    as the amount it changed by (as one shared amount, no tie: "$3" changes repeat)."""
    mine = report.figures
    for ratio in event.f("ratios", []):
        share = next((p for p in mine.percents if _share_of(ratio, p)), None)
        if share is not None:
            return True, f"same change ({share:g}%)"
    if mine.ratio is not None:
        share = next((p for p in event.f("pcts", []) if _share_of(mine.ratio, p)), None)
        if share is not None:
            return True, f"same change ({share:g}%)"
    shared = sorted(c for c in set(mine.changes) if any(abs(c - t) <= 0.01
                                                   for t in event.f("changes", [])))
    if shared:
        return False, f"same change of {shared[0]:g}"
    return None
