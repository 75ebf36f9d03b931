"""Whom a change hits: generalists, experts, everyone, or unknown.

Sentences that describe who was spared ("expert projects still have tasks",
"the $40 coding ones look untouched") are left out, and for a tier shift the
tier that loses the work is the answer, as signals.md asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scoring.factor import factor_group
from bot.scoring.pattern import GateSpec
from bot.scoring.text import PostText, Sentence
from bot.scoring.vocab import EXP, GEN

_EXPERT = re.compile(factor_group(
    r"\b(?:experts?|expert-only|specialists?|specialist|phds?|ph\.d|postdocs?|doctors?|"
    r"physicians?|mds|medical|clinical|lawyers?|attorneys?|legal|law|stem|math(?:s|ematics)?|"
    r"physics|chemistry|chem|biology|bio|coding|coders?|programming|developers?|engineers?|swe|"
    r"software|python|javascript|finance|bankers?|domain|credential(?:ed|s)?|"
    r"advanced degrees?|master'?s|linguists?|language specialists?|native[- ]speakers?|"
    r"translators?|multilingual|fellows|fellowship|graduate students|professionals?|"
    r"reasoning|rl work|sft|"
    r"(?:spanish|french|german|italian|portuguese|japanese|korean|chinese|mandarin|hindi|"
    r"arabic|dutch|polish|russian|turkish|vietnamese|indonesian|thai|swedish|hebrew|bengali|"
    r"tagalog|swahili|urdu|persian|greek)(?:[- ]language| \w+)? (?:projects?|tasks|team|experts|"
    r"speakers|writers|linguists|annotators)|radiolog\w*|nurses?|clinicians?|pharmacists?|"
    r"dentists?|accountants?|actuaries|economists?|scientists?|chemists?|biologists?|"
    r"physicists?|mathematicians?|statisticians?)\b"
))
_GENERALIST = re.compile(factor_group(
    r"\b(?:generalists?|generalist|non-?experts?|non-?specialists?|general (?:tasks|projects|"
    r"chat|chatbot|work|crowd|contributors|raters)|generic|basic (?:tasks|image|text)|"
    r"simple (?:tasks|labell?ing)|ai (?:training |writing |data )?tasks?|microtasks?|"
    r"micro-tasks?|crowd|undergrads?|undergraduates?|"
    r"image (?:tagging|segmentation|annotation|labell?ing|tasks|projects)|"
    r"bounding[- ]box(?:es)?|lidar|"
    r"segmentation|transcription|search (?:rating|raters?|relevance|evaluat\w+)|non-?technical|"
    r"(?:regular|standard|basic|general) (?:chat )?(?:projects|tasks|work)|chat (?:projects|tasks)|"
    r"relevance|ads? (?:rating|raters?|quality)|"
    r"(?:social media|ads?|maps|search) (?:evaluation|rating)|"
    r"content moderation|moderators|data annotators|"
    r"annotators|creative writing|chatbot (?:comparisons?|projects|tasks)|"
    r"writing (?:tasks|group|projects)|chatbot (?:rating|"
    r"evaluation|ratings)|ai raters|raters|rater|english (?:generalist|projects))\b"
))
_ALL = re.compile(factor_group(
    r"\b(?:generalists? and (?:experts?|specialists?)|(?:experts?|specialists?) and "
    r"generalists?|both (?:generalist|expert|specialist)|both tiers|every (?:tier|level)|"
    r"all (?:contractors|contributors|taskers|workers|participants|tutors|users|members|"
    r"freelancers|ai raters|raters)|every (?:contributor|contractor|tasker|worker|participant|"
    r"study|new worker)|(?:the )?whole (?:workforce|platform|crowd)|entire workforce|"
    r"everyone on the platform|platform-?wide|company-?wide|basically everyone|all accounts|"
    r"(?:onboard\w*|hir\w*|accept\w*|add\w*|bring\w* on) (?:a ton|tons|lots|a lot|loads|"
    r"a bunch|hundreds|thousands) of (?:new )?(?:people|members|folks)|"
    r"new (?:workers?|signups?|applicants?|applications|participants?|registrations?|"
    r"accounts?|taskers?|members)|"
    r"sign-?ups?|"
    r"including people|across (?:all|every) (?:projects|tiers|levels)|across the board|"
    r"(?:went|sent|emailed|goes|going) (?:out )?to (?:everyone|everybody|all of us|"
    r"all (?:contributors|workers|taskers|participants)))\b"
))
_SPARED = re.compile(factor_group(
    r"\b(?:still (?:up|there|have|has|running|open|seem|look|fine|available|tasking|going|"
    r"paying)|untouched|unchanged|unaffected|didn'?t get (?:anything|it|the)|"
    r"hasn'?t moved|haven'?t moved|not affected|look(?:s)? the same|are left|is left|"
    r"only the .{0,40} (?:are|is) left|seeing the same\?|same\?$|kept for|stays?)\b"
))
_GENERIC_WORKERS = frozenset({"annotators", "data annotators", "raters", "rater", "ai raters",
                              "crowd"})
_STAFF = re.compile(r"\b(?:staff|employees|full-time|workforce|headcount|jobs|roles)\b")
_BOTH = re.compile(r"\b(?:generalists? and (?:experts?|specialists?)|(?:experts?|specialists?)"
                   r" and generalists?|both generalist|both expert|both specialist)\b")
_SPARED_HINTS = ("still", "untouched", "unchanged", "unaffected", "didn", "hasn", "haven",
                 "not affected", "look", "left", "kept", "stay", "same?")
_PART = re.compile(r"\b(?:service|programm?e|program|fellowship|network|division|unit|app|"
                   r"portal|arm|pilot|product|project|team|center|centre|hub|office)\b")
"""A closure of one part of a platform, which does not by itself hit everyone on it."""
_REASON = re.compile(r"\b(?:refocus\w*|pivot\w*|focus(?:es|ing)? on|shift(?:s|ing)? (?:to|toward)|"
                     r"in favou?r of|doubl\w+ down on|mov(?:es|ing) (?:to|toward))\b")
"""Where the work goes next, not whom the cut hits."""
_INCLUDING = re.compile(r"\b(?:including|even)\b")
_LOSER_PIVOT = re.compile(
    r"\b(?:with|for|to|toward|towards|by|as|in fav(?:ou)?r of|over to)\b"
)


@dataclass(frozen=True)
class TierResult:
    tier: str
    evidence: str = ""


def tier_gates() -> dict[str, GateSpec]:
    """Word beginnings without which the expert, generalist or everyone words cannot match
    (see gate.py), so the scorer can tell ``detect_tier`` which are absent."""
    return {
        "expert": ("exper", "speci", "phd", "ph", "postd", "docto", "physi", "mds", "medic",
                   "clini", "lawye", "attor", "legal", "law", "stem", "math", "chem", "biolo",
                   "bio", "codin", "coder", "progr", "devel", "engin", "swe", "softw", "pytho",
                   "javas", "finan", "banke", "domai", "crede", "advan", "maste", "lingu",
                   "langu", "nativ", "trans", "multi", "fello", "gradu", "profe", "reaso", "=rl",
                   "=sft", "spani", "frenc", "germa", "itali", "portu", "japan", "korea",
                   "chine", "manda", "hindi", "arabi", "dutch", "polis", "russi", "turki",
                   "vietn", "indon", "thai", "swedi", "hebre", "benga", "tagal", "swahi", "urdu",
                   "persi", "greek", "radio", "nurse", "pharm", "denti", "accou", "actua",
                   "econo", "scien", "stati"),
        "generalist": ("gener", "non", "crowd", "under", "image", "bound", "lidar", "segme",
                       "trans", "searc", "relev", "=ad", "=ads", "socia", "maps", "conte",
                       "moder", "=data", "annot", "creat", "chatb", "writi", "=ai", "rater",
                       "engli", "basic", "simpl", "micro", "regul", "stand", "chat"),
        "all": ("gener", "exper", "speci", "both", "every", "=all", "whole", "entir", "platf",
                "compa", "basic", "=new", "sign", "inclu", "acros", "=went", "=sent", "email",
                "=goes", "=going", "onboa", "=hire", "=hires", "=hired", "=hiring", "accep",
                "=add", "=adds", "=added", "=adding", "bring"),
    }


def _counts(post: PostText, only: Sentence | None = None, absent: frozenset[str] = frozenset()
            ) -> tuple[float, float, float, str]:
    """Weighted tier words over the post (or one sentence), title counted double.

    Each regex scans the whole post once and matches are placed in their sentence
    afterwards: far cheaper than a scan per sentence.
    """
    lower = post.lower
    lo, hi = (only.start, only.end) if only is not None else (0, len(lower))
    spared: set[int] = set()
    if any(h in lower for h in _SPARED_HINTS):
        spared = {post.sentence_at(m.start()).start for m in _SPARED.finditer(lower, lo, hi)}
    including: dict[int, int] = {}
    if "including" in lower or "even" in lower:
        for m in _INCLUDING.finditer(lower, lo, hi):
            including.setdefault(post.sentence_at(m.start()).start, m.start())

    def weight(pos: int) -> float:
        sent = post.sentence_at(pos)
        if sent.in_title:
            return 2.0
        return 0.0 if sent.start in spared else 1.0

    expert = generalist = everyone = 0.0
    phrase = ""
    for m in _EXPERT.finditer(lower, lo, hi) if "expert" not in absent else ():
        w = weight(m.start())
        inc = including.get(post.sentence_at(m.start()).start)
        if inc is not None and m.start() > inc:
            everyone += w * 0.5
            continue
        expert += w
        phrase = phrase or (m.group(0) if w else "")
    for m in _GENERALIST.finditer(lower, lo, hi) if "generalist" not in absent else ():
        word = m.group(0)
        scale = 1.5 if word.startswith(("generalist", "non")) else \
            0.5 if word in _GENERIC_WORKERS else 1.0
        w = weight(m.start())
        generalist += w * scale
        phrase = phrase or (word if w else "")
    counted: set[int] = set()
    for m in _ALL.finditer(lower, lo, hi) if "all" not in absent else ():
        sent = post.sentence_at(m.start())
        if sent.start not in counted:
            counted.add(sent.start)
            everyone += weight(m.start())
    return expert, generalist, everyone, phrase


def _first_tier(text: str) -> str | None:
    gen = re.search(GEN, text)
    exp = re.search(EXP, text)
    if gen is None and exp is None:
        return None
    if exp is None or (gen is not None and gen.start() <= exp.start()):
        return "generalist"
    return "expert"


def shift_loser(sentence_text: str, match_start: int, match_end: int) -> str:
    """For a tier shift, the tier that loses the work."""
    span = sentence_text[match_start:match_end]
    if re.search(r"(?:expert|specialist|phd|credential\w*|masters?)[- ]only|"
                 r"only (?:want|hire|take|accept|keep)", span):
        return "generalist"
    passive = re.search(r"\breplaced (?:by|with)\s+", span)
    if passive is not None and (gainer := _first_tier(span[passive.end():])) is not None:
        # "coders are being replaced by cheaper contractors": the other tier loses.
        return "expert" if gainer == "generalist" else "generalist"
    m = re.search(r"\b(?:phas\w+ out|replac\w*|swap\w*|substitut\w*|from|away from)\s+", span)
    if m is not None and (tier := _first_tier(span[m.end():])) is not None:
        return tier
    if re.search(r"\b(?:replaced|swapped out|phased out|wound down)\b", span):
        tier = _first_tier(span)
        if tier is not None:
            return tier
    pivot = _LOSER_PIVOT.search(span)
    if pivot is not None:
        gainer = _first_tier(span[pivot.end():])
        if gainer is not None:
            return "expert" if gainer == "generalist" else "generalist"
    return "generalist"


def detect_tier(post: PostText, event_type: str, tiered: bool,
                shift: tuple[Sentence, int, int] | None = None,
                lead: Sentence | None = None, absent: frozenset[str] = frozenset()
                ) -> TierResult:
    """The tier for an event; ``tiered`` is false when every platform has no tiers.
    ``absent`` names the word families of ``tier_gates`` the post cannot contain."""
    if event_type == "tier_shift" and shift is not None:
        sent, start, end = shift
        return TierResult(shift_loser(sent.text, start, end), sent.text[start:end])
    only = None
    if lead is not None and event_type == "layoff" and _STAFF.search(lead.text):
        # Company staff cuts: only what the lead sentence says about who, not the company blurb
        # nor the reason given after it ("cuts 10% of staff as it refocuses on expert data").
        reason = _REASON.search(lead.text, 12)
        only = lead if reason is None else lead._replace(end=lead.start + reason.start())
    expert, generalist, everyone, phrase = _counts(post, only, absent)
    both = _BOTH.search(post.lower) if "both" in post.lower or " and " in post.lower else None
    if both:
        return TierResult("all", both.group(0))
    if expert or generalist:
        if expert >= 2 * generalist and expert > 0:
            return TierResult("expert", phrase)
        if generalist >= expert:
            return TierResult("generalist", phrase)
        if expert > generalist:
            return TierResult("expert", phrase)
    if everyone:
        return TierResult("all", "")
    if not tiered:
        return TierResult("all", "")
    if event_type == "shutdown" and lead is not None and not _PART.search(lead.text):
        # A platform closing, or leaving whole countries, hits everyone on it there.
        return TierResult("all", "")
    return TierResult("unknown", "")
