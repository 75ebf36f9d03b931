"""Numbers that say how big a change is: pay before and after, percent, headcount.

Alerts read better with "$40/hr to $26/hr" than with a bare "pay cut", and the
direction of a before/after pair is itself evidence of a cut or a raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.scoring.model import Magnitude
from bot.scoring.text import fold

_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "₹": "INR",
                   "a$": "AUD", "c$": "CAD", "₱": "PHP", "usd": "USD", "gbp": "GBP",
                   "eur": "EUR", "cad": "CAD", "aud": "AUD"}
_CURRENCY_WORDS = {"usd": "USD", "dollars": "USD", "dollar": "USD", "gbp": "GBP",
                   "pounds": "GBP", "eur": "EUR", "euros": "EUR", "inr": "INR",
                   "rupees": "INR", "cad": "CAD", "aud": "AUD", "php": "PHP", "pesos": "PHP"}
_UNIT = (r"(?P<unit{n}>[^\S\n]*/[^\S\n]*(?:hr|hour|h|task|hit|study)\b|[^\S\n]+(?:an|a|per)"
         r"[^\S\n]+(?:hour|hr|task|hit|study|submission)\b|[^\S\n]+hourly\b)")
"""A unit stays on its figure's line: "$0.035" ending a title is not "per hit" opening the body."""
_AMOUNT = (r"(?P<sign{n}>us\$|a\$|c\$|[$£€₹₱]|(?<![a-z])(?:usd|gbp|eur|cad|aud)(?=\s?\d))?"
           r"\s?(?P<num{n}>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
           r"(?!\d*(?:st|nd|rd|th)\b)"  # a date ("from the 23rd"), not an amount
           r"(?!\s*(?:[kmb]\b|million|billion|bn|%|percent|years?|yrs?|months?|weeks?|days?|"
           r"minutes?|mins?|countries|fields|domains|projects|tasks for))"
           r"(?:\s?(?P<word{n}>usd|dollars?|gbp|pounds|eur|euros|inr|rupees|cad|aud|php|pesos|"
           r"cents?|c(?=/|\s|$|[,;)]))\b|(?P<cent{n}>¢))?")


def _amount(n: int) -> str:
    return _AMOUNT.format(n=n) + "(?:" + _UNIT.format(n=n) + ")?"


_FROM_TO = re.compile(
    r"(?:from\s+)?" + _amount(1) + r"(?:\s+(?:base|an hour|per hour))?\s*(?:to|->|→|"
    r"=>)\s*(?:only\s+)?"
    + _amount(2)
)
_NOW_WAS = re.compile(
    _amount(1) + r"[^.;!?\n]{0,25}?(?:instead of|down from|up from|,? from|was|were|vs\.?|"
        r"previously|formerly)\s+(?:the\s+)?"
    + _amount(2)
)
_WAS_NOW = re.compile(
    _amount(1) + r"(?:\s+[\w-]+){0,3}?\s+(?:is|are)\s+now\s+(?:only\s+|just\s+)?" + _amount(2)
)
""""The $40 coding rate is now $35": before, then after."""
_WAS_THEN_NOW = re.compile(
    r"\b(?:was|were|used to be)\s+" + _amount(1) + r"[^\S\n]*,?[^\S\n]+(?:and[^\S\n]+)?now"
    r"[^\S\n]+(?:only[^\S\n]+|just[^\S\n]+)?" + _amount(2)
)
""""was 0.40/HIT now 0.28": the old figure, then the new one."""
_ARROW = re.compile(r"->|→|=>")
_PRICED = re.compile(r"\b(?:shares?|stock|share price|valuation)\b"
                     r"(?:(?!\b(?:pay(?:s|ing)?|paid|rates?|wages?|hourly|earn\w*)\b)[^.;!?\n]){0,30}$")
"""A share price or a valuation just before a pair ("the stock fell from $3.19 to $2.33")."""
_PAY_NEAR = re.compile(
    r"(?<!approval )(?<!acceptance )(?<!error )(?<!success )(?<!pass )(?<!completion )"
    r"(?<!accuracy )(?<!rejection )(?<!response )(?<!exchange )(?<!interest )(?<!tax )"
    r"\b(?:rates?(?! (?:my|this|it|your|me|our|them|these|those)\b)|pay|paid|pays|hourly|wages?|"
    r"cents?|bonus(?:es)?|rewards?|per (?:task|hit|hour|study)|an hour)\b|[$£€₹₱]|"
    r"/\s*(?:hr|h|task|hit)\b")
_NOT_PAY = re.compile(r"\b(?P<what>karma|scores?|ratings?|levels?|accuracy|rank|streak|followers|"
                      r"views|upvotes|weight|age|tasks|hours|hrs)\b[^\n\d]{0,12}$")
_COUNTS = ("tasks", "hours", "hrs")
"""What a bare pair just after these words counts ("my karma was 20 now 17") is not pay."""
_PAY_REACH = 80
"""How far from a bare pair ("20 -> 17") a pay word must be for it to be pay."""
_SINGLE = re.compile(r"\b(?:to|now|at|at least|up to|down to|of)\s+" + _amount(1))
_DIGIT = re.compile(r"\d")
_DIGIT_WORD = re.compile(r"\d[\d,]*\+? +[a-z]")
PAY_HINTS = r"cents?\b|\dc\b|\brates?\b|\bpay\b"
"""Words that make bare figures nearby read as pay ("12c -> 9c", "rate 20 now 17"), for the
magnitude's pairs and the rules' test of a pay pair alike."""
_MONEYISH = re.compile(r"[$£€₹₱¢]|/\s*h|hour|hr\b|usd|dollar|pound|euro|rupee|peso|gbp|eur\b|"
                       r"per task|/task|a task|/study|per study|" + PAY_HINTS)


def _moneyish(lower: str) -> bool:
    return _MONEYISH.search(lower) is not None


_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)")
_HALF = re.compile(r"\b(?:cut|slashed|reduced|dropped)\s+(?:\w+\s+){0,3}?in half\b|\bhalved\b")
_HEADCOUNT = re.compile(  # "docs" are doctors when wanted or hired, or "licensed docs"
    r"(?P<hire>(?<=want )|(?<=need )|(?<=wants )|(?<=needs )|(?<=hiring )|(?<=onboarding ))?"
    r"(?:~|about |around |roughly |nearly |almost |over |more than |some |approximately |"
    r"an estimated |at least )?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<plus>\+)?\s+"
    r"(?:(?:[a-z][a-z\-']*)\s+){0,2}?"
    r"(?P<noun>workers|contractors|contributors|taskers|raters|tutors|annotators|labell?ers|"
    r"trainers|freelancers|employees|staff|people|experts|specialists|generalists|reviewers|"
    r"engineers|developers|coders|linguists|writers|phds|physicians|doctors|attorneys|lawyers|"
    r"participants|moderators|evaluators|jobs|roles|positions|of us|fellows|members|"
    r"students|postdocs|translators|clinicians|nurses|pharmacists|"
    r"(?(hire)|(?:(?<=certified )|(?<=licensed )|(?<=medical )|(?<=clinical )))docs)\b"
)


@dataclass(frozen=True)
class _Money:
    value: float
    currency: str | None
    unit: str | None


def _money(m: re.Match[str], n: int) -> _Money | None:
    num = m.group(f"num{n}")
    if num is None:
        return None
    sign = (m.group(f"sign{n}") or "").lower()
    word = (m.group(f"word{n}") or "").lower()
    currency = _CURRENCY_SIGNS.get(sign) or _CURRENCY_WORDS.get(word)
    unit_raw = (m.group(f"unit{n}") or "").lower()
    unit = None
    if unit_raw:
        unit = "hour"
        for name in ("task", "hit", "study", "submission"):
            if name in unit_raw:
                unit = name
    value = float(num.replace(",", ""))
    if _in_cents(m, n):  # "12c -> 9c": cents of a dollar
        value, currency = value / 100.0, "USD"
    return _Money(value, currency, unit)


def _in_cents(m: re.Match[str], n: int) -> bool:
    return (m.group(f"word{n}") or "").lower() in ("c", "cent", "cents") \
        or m.group(f"cent{n}") is not None


_LONG_SPACE = re.compile(r"\s{4,}")
_REACH = 16
"""A pair match starts at most this far before its first digit ("from  us$ 20")."""


def _near_digits(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches start within ``_REACH`` of a
    digit, without scanning the stretches of text that have none."""
    if _LONG_SPACE.search(text):
        yield from pattern.finditer(text)
        return
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        m = pattern.search(text, max(pos, digit.start() - _REACH))
        if m is None:
            return
        yield m
        pos = max(m.end(), m.start() + 1)


_DIGITS = re.compile(r"\d+")
_CONNECTOR = re.compile(r"to|->|→|=>|instead of|from|was|were|vs|now|previously|formerly")
_SAYS_OLD_FIRST = ("from", "instead of", "was", "vs", "were", "previously", "formerly")
"""Words that let the new figure come first ("$12, down from $15"); else a swapped pair is none."""
_PAIR_GAP = 80
"""The most text a pair puts between its two numbers (units, "instead of", a short aside)."""


def _could_pair(text: str) -> bool:
    """Are two numbers close enough, with a "to"/"from"/"was" between them, to be a pair?"""
    if _LONG_SPACE.search(text):
        return True
    prev_end = -1
    for m in _DIGITS.finditer(text):
        if prev_end >= 0 and m.start() - prev_end <= _PAIR_GAP \
                and _CONNECTOR.search(text, prev_end, m.start()):
            return True
        prev_end = m.end()
    return False


_TABLE_HEAD = re.compile(r"\b(?:before|old|previous|was)(?: rates?| pay)?[^\S\n]*\|[^\S\n]*"
                         r"(?:after|new|now|current)\b")
_TABLE_ROW = re.compile(r"\|[^\S\n]*" + _amount(1) + r"(?:[^\S\n]*/[^\S\n]*[a-z]+)?[^\S\n]*\|"
                        r"[^\S\n]*" + _amount(2) + r"(?:[^\S\n]*/[^\S\n]*[a-z]+)?[^\S\n]*(?:\||$)",
                        re.MULTILINE)
"""A rate table's row under a "before | after" head: "| $0.035 | $0.020"."""


def _pair(text: str) -> tuple[_Money, _Money, str, bool] | None:
    """The first before/after pair, as (before, after, phrase, is_now_was_order): written
    as a change in a line, else the first priced row of a "before | after" table."""
    found = _line_pair(text) if _could_pair(text) else None
    if found is not None or "|" not in text or _TABLE_HEAD.search(text) is None:
        return found
    for m in _TABLE_ROW.finditer(text):
        a, b = _money(m, 1), _money(m, 2)
        if a is not None and b is not None and a.value != b.value \
                and (a.currency or b.currency or _in_cents(m, 1) or _in_cents(m, 2)):
            return a, b, m.group(0), False
    return None


def _line_pair(text: str) -> tuple[_Money, _Money, str, bool] | None:
    bare = None  # a pair with no sign or unit: taken only when no other is written
    for pattern, swapped in ((_FROM_TO, False), (_NOW_WAS, True), (_WAS_NOW, False),
                             (_WAS_THEN_NOW, False)):
        for m in _near_digits(pattern, text):
            a, b = _money(m, 1), _money(m, 2)
            if a is None or b is None:
                continue
            if _in_cents(m, 2) and a.currency is None:  # "from 40 to 28 cents": both
                a = _Money(a.value / 100.0, "USD", a.unit)
            elif _in_cents(m, 1) and b.currency is None:
                b = _Money(b.value / 100.0, "USD", b.unit)
            if a.value == b.value or _PRICED.search(text, max(0, m.start() - 40), m.start()):
                continue  # (nor is a share price or a valuation pay)
            if not (a.currency or b.currency or a.unit or b.unit):
                if bare is None and _bare_pay(text, m):
                    bare = (a, b, m.group(0), swapped)
                continue
            before, after = (b, a) if swapped else (a, b)
            if swapped and not any(w in m.group(0) for w in _SAYS_OLD_FIRST):
                continue
            return before, after, m.group(0), swapped
    return bare


def _bare_pay(text: str, m: re.Match[str]) -> bool:
    """A pair with no sign or unit ("went 20 -> 17", "was 40 now 32") is pay when written
    as a change (an arrow, "was ... now") with a pay word near it, both figures small."""
    if not (_ARROW.search(m.group(0)) or m.re is _WAS_THEN_NOW):
        return False
    if max(float(m.group("num1").replace(",", "")), float(m.group("num2").replace(",", ""))) > 500:
        return False
    counted = _NOT_PAY.search(text, max(0, m.start() - 30), m.start())
    if counted and not (counted["what"] in _COUNTS and "." in m["num1"] + m["num2"]
                        and max(float(m["num1"]), float(m["num2"])) < 1):
        return False  # not "tasks: was 0.04 now 0.025": no count of tasks runs below one
    near = text[max(0, m.start() - _PAY_REACH):m.end() + _PAY_REACH]
    return _PAY_NEAR.search(near) is not None


def extract_magnitude(text: str) -> Magnitude | None:
    """Pay before/after, percent and headcount from free text; None when there is none."""
    lower = fold(text or "").lower()
    if _DIGIT.search(lower) is None and "half" not in lower and "halved" not in lower:
        return None
    phrases: list[str] = []
    fields: dict[str, object] = {}
    moneyish = _moneyish(lower)
    pair = _pair(lower) if moneyish else None
    if pair is not None:
        before, after, phrase, _ = pair
        fields["pay_before"] = before.value
        fields["pay_after"] = after.value
        fields["pay_unit"] = before.unit or after.unit
        fields["currency"] = before.currency or after.currency
        phrases.append(_original(text, lower, phrase))
    else:
        for sm in _near_digits(_SINGLE, lower) if moneyish else ():
            money = _money(sm, 1)
            if money is not None and money.currency and money.unit:
                fields["pay_after"] = money.value
                fields["pay_unit"] = money.unit
                fields["currency"] = money.currency
                phrases.append(_original(text, lower, sm.group(0)))
                break
    pm = _PERCENT.search(lower) if "%" in lower or "per" in lower else None
    if pm is not None:
        fields["percent"] = float(pm.group("num"))
        phrases.append(_original(text, lower, pm.group(0)))
    elif "hal" in lower and (hm := _HALF.search(lower)) is not None:
        fields["percent"] = 50.0
        phrases.append(_original(text, lower, hm.group(0)))
    for cm in _near_digits(_HEADCOUNT, lower) if _DIGIT_WORD.search(lower) else ():
        start = cm.start("num")
        if (start > 0 and lower[start - 1] in "$£€₹") or lower[cm.end("num"):][:1] == "%":
            continue
        fields["headcount"] = int(cm.group("num").replace(",", ""))
        phrases.append(_original(text, lower, cm.group(0)))
        break
    if not fields:
        return None
    return Magnitude(text="; ".join(p for p in phrases if p), **fields)  # type: ignore[arg-type]


def has_pay_pair(text: str) -> bool:
    """Would ``extract_magnitude`` find pay before and after? (A cheap early answer.)"""
    lower = fold(text or "").lower()
    return _DIGIT.search(lower) is not None and _moneyish(lower) \
        and _pair(lower) is not None


def pay_direction(magnitude: Magnitude | None) -> int:
    """+1 for a raise, -1 for a cut, 0 when the numbers do not say."""
    if magnitude is None or magnitude.pay_before is None or magnitude.pay_after is None:
        return 0
    return 1 if magnitude.pay_after > magnitude.pay_before else -1


def _original(text: str, lower: str, phrase: str) -> str:
    idx = lower.find(phrase)
    if idx < 0:
        return phrase.strip()
    return " ".join(fold(text)[idx:idx + len(phrase)].split()).strip()
