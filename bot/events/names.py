"""Named projects and figures in a report: the details that tie reports together.

"Kestrel ended for my whole pod" and "micro1 dropped the Kestrel people" share
one word that no other story that week has; "Invisible to lay off 900" and
"900 contractors in Texas get notices" share a number. A project's name is a
capitalised word that is not an ordinary English word in title case, not a
platform and not a company, place or month (``vocab.NOT_PROJECTS``). Next to
a project word ("the Genesis project", "Project Aether", "Kestrel queue") a
name is *strong*: two reports naming different strong projects describe
different things. A rare capitalised word anywhere else (or one in camel case, as
brands are written: "NeoBux") is *weak*: shared, it ties two reports; it never separates
them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.events.text import fold
from bot.events.vocab import NOT_PROJECTS, PROJECT_WORDS

_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly")
"""Regular endings a capitalised ordinary word may carry (``NameFinder._inflected``)."""
_VERY_COMMON = 3000
"""Words this frequent are descriptors next to a project word ("Writing project")."""

_PROJECT_WORD = "|".join(sorted(PROJECT_WORDS, key=len, reverse=True))
_NAME = r"[\"']?(?P<name>[A-Z][A-Za-z0-9]{2,}(?:-[A-Z0-9][A-Za-z0-9]*)?)(?:'s)?[\"']?"
_AFTER_NAME = re.compile(_NAME + rf"\s+(?i:{_PROJECT_WORD})\b")
_BEFORE_NAME = re.compile(r"\b(?i:project|queue|codename|code name)\s+" + _NAME)
_CAPITALISED = re.compile(r"(?<![\w'])(?:[A-Z][a-z0-9]{3,}(?:-[A-Z][a-z0-9]+)?"
                          r"|[A-Z][a-z0-9]{2,}(?:[A-Z][A-Za-z0-9]*)+)(?![\w])")
"""A capitalised word, or one written in camel case ("NeoBux", "InstaGC"): a brand's way."""
_MID_SENTENCE = re.compile(r"(?<=[a-z0-9,] )[A-Z][a-z]{3,}(?![\w'])")
"""A capitalised word inside a sentence, after a lower-case word or a comma ("on the Hive
Work help page"): a proper name, even when it is also an English word."""
_PLACE = re.compile(r"(?<![\w'])(?P<name>[A-Z][a-z]{2,})\s+(?i:office|offices|site|sites|hub|"
                    r"hubs|campus|branch|centre|center|facility)\b")
"""A capitalised word before the word for a workplace ("Bangalore office also affected?",
"the Cebu site"): where the platform's people work, a place, not which project. Shared
it ties as any rare name does; a report's own never sets it apart from an event."""
_UNCOMMON = 5000
"""English words rarer than this rank, capitalised inside a sentence, are names: "Hive",
"Mantis", "Yukon" (a vendor or project called by an English word); frequent words
capitalised there are emphasis or a title ("the New Rate Card")."""

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_PEOPLE = (r"workers|contractors|contributors|taskers|raters|tutors|annotators|labell?ers|"
           r"trainers|freelancers|employees|staff|staffers|people|experts|specialists|"
           r"generalists|reviewers|engineers|writers|linguists|jobs|roles|positions|members|"
           r"fellows|translators|moderators|evaluators|phds|doctors|lawyers|coders|agents|"
           r"colleagues|analysts|participants|associates|testers|seats|of us|"
           r"(?:rater|tasker|annotator|labell?er|evaluator|contractor|worker|tutor|linguist)"
           r" contracts")
"""Who a headcount counts; "80 rater contracts" counts people by their contracts (a bare
"3 contracts" is a platform's clients, no headcount)."""
_WHO = r"\+?['\"]?(?!\s+(?:percent|per\s+cent|pc)\b)\s+(?:[a-z][\w'-]*\s+){0,2}?(?:" + _PEOPLE \
    + r")\b"
"""After a count, who it counts ("2,000 US raters"); never after a share ("14 percent of
staff" is a percent, no headcount)."""
_HEADCOUNT = re.compile(_NUMBER + _WHO)
_AFFECTED = (re.compile(r"\b(?:number|employees|workers|positions|jobs|headcount)\s+affected\s*"
                        r"[:=-]\s*" + _NUMBER),
             re.compile(_NUMBER + r"\s+affected\b(?=\s*(?:$|[,.;:)\n]|by\b))"))
"""A layoff listing's count, with no word for people: "Number affected: 41" in a WARN
notice's fields, "Portland, 85 affected" in its headline."""
_RANGE = re.compile(r"(?P<low>\d{1,3}(?:,\d{3})+|\d+)\s*(?:-|to|and)\s*" + _NUMBER + _WHO)
"""A headcount given as a range ("between 300 and 400 agents", "'between 200 and 250' of
us", "1,000-1,500 contractors"): its ends and its middle, so "roughly 350" and "300+"
agree with it."""
_CHANNEL = r"(?:group|chat|channel|slack|discord|telegram|whatsapp|signal|forum|workspace|server)"
_UNIT = (r"(?:" + _CHANNEL + r"|team|batch|cohort|pod|office|site|cent(?:re|er)|hub|floor|"
         r"squad|department|unit|project|queue|workstream|program(?:me)?|shift|class|"
         r"location|branch|track|wave|intake)s?\b(?!\s+(?:lead|leader|manager)s?\b)")
"""What a worker counts the people of: their team, batch, office, site or channel (not
"our team lead", who speaks of everyone)."""
_MY = r"(?:my|our)\s+(?:[\w'-]+\s+){0,2}?" + _UNIT
_PART_BEFORE = re.compile(r"\balone\b|\b(?:just|only)\s+(?:in|at|on|from)\b|"
                          r"\b(?:in|on|at|from|of|for)\s+" + _MY + r"|\b" + _MY
                          + r"\s*(?:\(|had\b|has\b|have\b|of\b|with\b)|\b(?:in|on)\s+an?\s+"
                          r"(?:[\w'-]+\s+){0,2}?" + _CHANNEL + r"s?\s+(?:with|of)\b")
"""Before a count in its sentence, what makes it a part of a whole: "our batch alone had
120 people", "in my office alone 40 were let go", "just in Manila, 300", "everyone in our
Signal group, 20+ people", "our Discord has 40+ people", "my whole pod of 9", "I'm in a
Discord with about 80 workers" (a channel the writer is in). Not "my team is filling 200
roles", a recruiter's own voice."""
_WHOLE_UNIT = re.compile(r"\b(?:whole|entire)\s+(?:[\w'-]+\s+){0,2}?" + _UNIT
                         + r"\s*[,(]\s*(?:around|about|roughly|some|nearly|~)?\s*$")
_OF_US = re.compile(r"\+?\s*(?:or so\s+)?of us\b")
"""The writer's whole team counted as "of us" ("whole night review team, around 40 of us"):
their own part of a platform's cut. Told of others ("the entire night team, around 100
people") it is the cut's own total."""
_DAY = (r"(?:today|tonight|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday|the\s+(?:\d+(?:st|nd|rd|th)|same|first|last)\b)")
_PART_AFTER = re.compile(
    r"\+?['\"]?\s+(?:[a-z][\w'-]*\s+){0,2}?(?:of us\s+(?:(?:just|only)\s+)?(?:in|on|at|from)\s+"
    r"(?!" + _DAY + r")|(?:just|only)\s+(?:in|at|on|from)\b"
    r"|(?:(?:" + _PEOPLE + r")\s+)?(?:in|on|at|from)\s+" + _MY
    + r"|(?:" + _PEOPLE + r")\s+(?:in|on)\s+(?:the|this|that)\s+(?:[\w'-]+\s+){0,2}?" + _CHANNEL
    + r"|[^.!?;\n]{0,40}?\balone\b)")
"""After a count, what makes it a part of a whole: "120 of us on the Kestrel team", "~300 of
us in the forum", "14 people on my team", "80 at our site", "40 just in Manila", "40
people in the Slack", "120 people in our batch alone". A bare "400 of us", or "200 of us on
Friday", is the writer's count of everyone, not a part; so is "2,000 raters on the
Quillmoor programme"."""
_CLAUSE_BACK = 80
"""Characters read before a count for what makes it a part, back to its sentence's start."""
_COUNT = re.compile(r"(?<![\w.,$£€])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![.,]?\d)(?!\s?%)")
_PERCENT = re.compile(_NUMBER + r"\s?(?:%|percent\b|per cent\b)")
_FRACTION = re.compile(r"\b(?:a|one) (?P<word>tenth|fifth|quarter|third)\b|"
                       r"\bone in (?P<one_in>ten|five|four|three)\b|\b(?P<half>half) (?:of )?"
                       r"(?:its|the|their|our|all)\b")
_FRACTIONS = {"tenth": 10.0, "ten": 10.0, "fifth": 20.0, "five": 20.0, "quarter": 25.0,
              "four": 25.0, "third": 33.0, "three": 33.0, "half": 50.0}
_CHANGE_WORDS = r"(?:drop|cut|decrease|reduction|less|lower|haircut|raise|increase|more|bump)"
_DELTA = re.compile(r"\bby\s+[$£€]\s?" + _NUMBER + r"|[$£€]\s?" + _NUMBER.replace("num", "num2")
                    + r"(?:/hr|/h| an hour| per hour| an? hr)?\s+(?:pay\s+)?" + _CHANGE_WORDS
                    + r"\b")
"""An amount that is a change, not a rate ("a $3 drop on general tasks", "cut by $2")."""
_MONEY = re.compile(r"(?:[$£€]\s?" + _NUMBER + r"|" + _NUMBER.replace("num", "num2")
                    + r"\s?(?:usd|dollars)\b)(?![\d,.]*\d)"
                    r"(?!\s?(?:k\b|m\b|b\b|million|billion|bn))")
"""An amount of money, whole: "$300 million" is no amount, and neither is its "$30"."""
_BAND = re.compile(r"[$£€]\s?(\d{1,4}(?:\.\d{1,2})?)\s*[-\u2013\u2014]\s*[$£€]?\s?"
                   r"(\d{1,4}(?:\.\d{1,2})?)(?![\d,.]*\d)")
"""A band of rates written with a dash ("a standard band of $60–$70/hr", "$35-65 an hour"):
one rate's span, not a change from one end to the other."""
_BARE = r"(\d{1,3}(?:\.\d{1,2})?)"
_BARE_CHANGE = re.compile(r"(?:\bfrom\s+" + _BARE + r"\s+to|(?<![\w$£€.,])" + _BARE
                          + r"\s*(?:->|\u2192))\s+" + _BARE + r"(?![\d.,]*\d)(?!\s*(?:%|"
                          r"percent|k\b|cents?\b|min|sec|hours?\b|hrs?\b|days?\b|weeks?\b|"
                          r"months?\b|years?\b|of\b|per\s+(?:day|week|month|year)\b|"
                          + _PEOPLE + r"))")
_PAY_NEAR = re.compile(r"\b(?:pay|paid|rates?|hourly|wages?|payslip|salary|usd|/hr|an hour|"
                       r"per hour|per task|per hit)\b")
"""A pay change written without its currency ("hourly went from 14 to 11.50", "base pay
20 -> 17", "rate 9.50 -> 7.20/hr"): its two ends are amounts, when pay is spoken of close
by and the two are near each other (a cut or a raise, not "from 2 to 3 shifts")."""


_SPAN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
               "couple of": 2}
_SPAN = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(_SPAN_COUNT) + r")\s+"
                   r"(?:(?P<unit>day|week|month)s?\s+(?:later|after|on)|"
                   r"(?P<into>day|week)s?\s+in(?:to)?)\b")
"""How late a headline says it is: "two weeks later", "a month on", or days and weeks "in"
("9 days in: who is still waiting", "two weeks into the pause"), counted
from the change; "3 months in" is how long someone has had the job."""
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.0}


def told_after(title: str) -> float | None:
    """The days a headline says it comes after something ("2 weeks later: final pay came",
    "two weeks after, a quick survey", "a month on"): a late report that says how late."""
    m = _SPAN.search(fold(title).lower())
    if m is None:
        return None
    n = m.group("n")
    count = float(n) if n.isdigit() else float(_SPAN_COUNT[n])
    return count * _UNIT_DAYS[m.group("unit") or m.group("into")] if count > 0 else None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH_CHANGE = re.compile(r"\b(?P<month>" + "|".join(_MONTHS) + r")\s+(?:[a-z]+\s+)?"
                           r"(?:cuts?|layoffs?|lay-offs?|reductions?|redundanc(?:y|ies)|"
                           r"purge|offboarding|wind-down|shutdown|closure|pause)\b")


def told_month(title: str) -> int | None:
    """The month a headline names a change by ("until the February cuts", "sue over April
    pay reduction", "gone in the April cuts"): a late report naming the event it tells of,
    by when it happened. A month after the change ("cuts from October") is a date ahead."""
    m = _MONTH_CHANGE.search(fold(title).lower())
    return _MONTHS.index(m.group("month")) + 1 if m else None


_BEFORE_NOW = re.compile(r"\bfirst\s+(?P<past>[^.!?\n]{1,60}?)[,;]?\s+(?:and\s+)?now\b",
                         re.IGNORECASE)


_APART = re.compile(r"\b(?:(?:a\s+)?different\s+(?:project|programme|program|thing|story)\s+"
                    r"(?:from|than)|separate\s+from|(?:un|not\s+)related\s+to|on\s+top\s+of|"
                    r"between\s+this\s+and)\s+"
                    r"(?P<other>[^.!?;,\n]{1,60})", re.IGNORECASE)
"""What a post sets apart from its news ("Different project from the Corvanthe pause",
"separate from the vetting pause on Monday", "unrelated to the Scale staff cuts"), or adds
to it ("on top of the Lisbon cuts", "between this and the Warsaw news"): the names in it,
up to the clause's end, are another story's, named in passing."""


def named_before(text: str) -> frozenset[str]:
    """The words of what a post says came before its news ("first Kestrel, now this", "First
    Quarry, then the PH rates, now this"), and the names of what it sets apart from its news
    ("different project from the Corvanthe pause": ``_APART``): the event it names in
    passing, not its own."""
    folded = fold(text)
    before = {w.lower() for m in _BEFORE_NOW.finditer(folded)
              for w in re.findall(r"[A-Za-z0-9]+", m.group("past"))}
    apart = {w.lower() for m in _APART.finditer(folded)
             for w in re.findall(r"(?<![\w'])[A-Z][A-Za-z0-9]+", m.group("other"))}
    return frozenset(before | apart)


@dataclass(frozen=True)
class Names:
    strong: frozenset[str]
    weak: frozenset[str]
    past: frozenset[str] = frozenset()
    """The words of what the post says came before its news (``named_before``)."""
    loose: frozenset[str] = frozenset()
    """Of ``weak``, English words taken as names only for being capitalised inside a
    sentence ("the Hive Work help page", "across Southeast Asia"), and places named before
    an office or site ("Bangalore office"): shared they tie, but a report's own never sets
    it apart from an event, as a place named in passing would."""

    @property
    def all(self) -> frozenset[str]:
        return self.strong | self.weak


@dataclass(frozen=True)
class Figures:
    """Headcounts, percents and money amounts a report gives."""

    heads: tuple[int, ...] = ()
    percents: tuple[float, ...] = ()
    money: tuple[float, ...] = ()
    ratio: float | None = None
    """The smaller amount over the larger when a report gives a pay change's two ends
    ($14 to $12.50: 0.893), which is the same in every currency and for every tier."""
    deltas: tuple[float, ...] = ()
    """Amounts that are a change of pay, not a rate ("a $3 drop"): not among ``money``."""
    bare: bool = False
    """Some of ``money`` came from a change written without its currency ("mine went from 18
    to 14"): often one worker's own rate, which agreeing ties but differing does not part
    from an event's ("$20 to $15" for most, "18 to 14" for some)."""
    parts: frozenset[int] = frozenset()
    """The whole numbers the text gives as a part of a whole (``counted_as_parts``): a
    headcount among them counts one batch, office or team, not all the event's people."""
    bands: tuple[tuple[float, float], ...] = ()
    """Bands of rates written with a dash ("$60–$70/hr"), their low and high ends: an
    amount inside one is compatible with it, not another pay change."""

    @property
    def changes(self) -> tuple[float, ...]:
        """How much pay changed: each change given ("a $3 drop"), then the gap between a
        before and after ("$20 to $17": 3)."""
        gap = (round(abs(self.money[1] - self.money[0]), 2),) if len(self.money) == 2 else ()
        return (*self.deltas, *gap)


def pay_ratio(a: float, b: float) -> float | None:
    return round(min(a, b) / max(a, b), 3) if min(a, b) > 0 and a != b else None


@lru_cache(maxsize=1)
def common_words() -> dict[str, int]:
    """Ordinary English words with their frequency rank (0 = most frequent)."""
    text = resources.files("bot.events").joinpath("common_words.txt").read_text("utf-8")
    words = [w for w in text.split("\n") if w and not w.startswith("#")]
    seen = text.split("# seen in posts", 1)
    posts = {w for w in seen[1].split("\n") if w and not w.startswith("#")} if len(seen) > 1 \
        else set()
    return {w: (_VERY_COMMON - 1 if w in posts else i) for i, w in enumerate(words)}


class NameFinder:
    """Finds project names, knowing which capitalised words are platforms."""

    def __init__(self, platform_words: Iterable[str]) -> None:
        self._skip = NOT_PROJECTS | {w.lower() for w in platform_words}
        self._common = common_words()

    def _strong_ok(self, word: str) -> bool:
        low = word.lower()
        return low not in self._skip and self._common.get(low, _VERY_COMMON) >= _VERY_COMMON

    def _weak_ok(self, word: str) -> bool:
        low = word.lower()
        return low not in self._skip and low not in self._common and not self._inflected(low)

    def _uncommon(self, word: str) -> bool:
        """An English word rare enough that, capitalised inside a sentence, it is a name."""
        low = word.lower()
        return low not in self._skip and self._common.get(low, 0) >= _UNCOMMON \
            and not self._inflected(low)

    def _inflected(self, low: str) -> bool:
        """An ordinary word with a regular ending ("Estimates run from 200 to 400" opening an
        X post, "Pasting the memo", "Recruiters are spamming"): capitalised at the start of
        a sentence, it is no more a name than the word it comes from."""
        for suffix in _INFLECTIONS:
            base = low[:-len(suffix)]
            if low.endswith(suffix) and len(base) >= 3 and (
                    base in self._common or f"{base}e" in self._common
                    or (base[-1] == base[-2] and base[:-1] in self._common)):
                return True
        return False

    def small(self, words: Iterable[str]) -> frozenset[str]:
        """Of lower-case words, those rare enough to be a name written small ("bramble")."""
        return frozenset(w for w in words if len(w) >= 4 and w.isalpha() and self._weak_ok(w))

    def find(self, title: str, body: str) -> Names:
        text = fold(f"{title}\n{body[:1500]}")
        strong = {m.group("name").lower() for pattern in (_AFTER_NAME, _BEFORE_NAME)
                  for m in pattern.finditer(text) if self._strong_ok(m.group("name"))}
        weak = {w.lower() for w in _CAPITALISED.findall(text) if self._weak_ok(w)} - strong
        loose = {w.lower() for w in _MID_SENTENCE.findall(text) if self._uncommon(w)} \
            - strong - weak
        places = {m.group("name").lower() for m in _PLACE.finditer(text)} & weak
        past = named_before(text)
        return Names(frozenset(strong - past), frozenset((weak | loose) - past), past,
                     frozenset((loose | places) - past))


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _amount(value: float) -> float:
    """An amount of money as compared: to the cent, or a per-task rate below a dime to a
    hundredth of a cent ("$0.0025 a task, now $0.0015"), which to the cent is nothing."""
    return round(value, 2) if value >= 0.1 else round(value, 4)


def _not_a_year(written: str) -> bool:
    """Not a year: outside 1990 to 2040, or written with a thousands separator ("2,000")."""
    return "," in written or not 1990 <= _number(written) <= 2040


_CLAUSE_END = re.compile(r"[.!?;\n]")
"""Where the words before a count stop belonging to its clause."""


def counted_as_parts(low: str) -> frozenset[int]:
    """The whole numbers a text (folded, lower case) gives as a part of a whole: the people
    of one batch, office, team or channel ("our batch alone had 120 people", "120 of us on
    the Kestrel team"). Such a count is no other total than the event's, only a part of it."""
    parts = set()
    for m in _COUNT.finditer(low):
        before = low[max(0, m.start() - _CLAUSE_BACK):m.start()]
        before = _CLAUSE_END.split(before)[-1]
        if _PART_BEFORE.search(before) or _PART_AFTER.match(low, m.end()) or (
                _WHOLE_UNIT.search(before) and _OF_US.match(low, m.end())):
            parts.add(int(_number(m.group("num"))))
    return frozenset(parts)


def find_figures(text: str) -> Figures:
    """Every headcount, percent and amount of money in the text, each once, sorted."""
    low = fold(text).lower()
    # "2015 people" may be a year; "2,000 contractors", written with a separator, is not
    heads = {int(_number(n)) for pattern in (_HEADCOUNT, *_AFFECTED)
             for m in pattern.finditer(low) if "." not in (n := m.group("num")) and _not_a_year(n)}
    for m in _RANGE.finditer(low):
        start, end = _number(m.group("low")), _number(m.group("num"))
        if "." not in m.group("num") and start < end <= 2 * start:
            ends = ((start, m.group("low")), ((start + end) / 2, m.group("num")))
            heads.update(int(v) for v, written in ends if _not_a_year(written))
    heads = {h for h in heads if 2 <= h <= 1_000_000}
    percents = {_number(m.group("num")) for m in _PERCENT.finditer(low)}
    for m in _FRACTION.finditer(low):
        key = m.group("word") or m.group("one_in") or m.group("half")
        percents.add(_FRACTIONS[key])
    deltas, changed = set(), set()
    for m in _DELTA.finditer(low):
        value = _number(m.group("num") or m.group("num2"))
        if 0 < value < 1_000:
            deltas.add(round(value, 2))
            changed.add(m.start("num") if m.group("num") else m.start("num2"))
    money = set()
    for m in _MONEY.finditer(low):
        value = _number(m.group("num") or m.group("num2"))
        if 0 < value < 100_000 and (m.start("num") if m.group("num") else m.start("num2")) \
                not in changed:
            money.add(_amount(value))
    bare = False
    for m in _BARE_CHANGE.finditer(low):
        pair = [round(float(v), 2) for v in m.groups() if v is not None]
        near = low[max(0, m.start() - 60):m.end() + 30]
        if len(pair) == 2 and min(pair) > 0 and max(pair) <= 2 * min(pair) \
                and pair[0] != pair[1] and _PAY_NEAR.search(near):
            bare = bare or not money.issuperset(pair)
            money.update(pair)
    ratio = pay_ratio(*money) if len(money) == 2 else None
    bands = {(lo, hi) for m in _BAND.finditer(low)
             if 0 < (lo := float(m.group(1))) < (hi := float(m.group(2))) <= 2 * lo}
    return Figures(tuple(sorted(heads)), tuple(sorted(p for p in percents if 0 < p <= 100)),
                   tuple(sorted(money)), ratio, tuple(sorted(deltas)), bare,
                   counted_as_parts(low), tuple(sorted(bands)))
