"""How people write about restructuring events, as patterns per event type.

Each pattern carries a weight (how sure a match alone makes us) and an
optional requirement checked on its sentence, because many event words have
everyday senses: "cut" needs pay or workers near it, "paused" needs a project,
"shut down" needs a platform. Patterns run on lower-cased, quote-stripped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scoring.vocab import (
    DOWN,
    DOWN_KEYS,
    EXP,
    GAP,
    GEN,
    GROW_KEYS,
    HIRE_KEYS,
    MANY,
    NUMW,
    PAY,
    PAY_KEYS,
    PROG,
    PROJ,
    PROJ_VERB_KEYS,
    SKIP,
    TIER_KEYS,
    UP,
    UP_KEYS,
    W,
)


@dataclass(frozen=True)
class EventPattern:
    event_type: str
    weight: float
    regex: re.Pattern[str]
    needs: str = ""
    """A sentence-level requirement: "client", "platformish", "workers" or ""."""
    gate: tuple[tuple[str, ...], ...] = ()
    """Groups of word beginnings (see bot.scoring.gate): every match contains one word of
    each group, so the pattern only runs on posts that have them. Empty: always run."""


def _p(event_type: str, weight: float, gate: tuple[str, ...] | tuple[tuple[str, ...], ...],
       pattern: str, needs: str = "") -> EventPattern:
    groups = (gate,) if gate and isinstance(gate[0], str) else gate
    return EventPattern(event_type, weight, re.compile(pattern), needs,
                        groups)  # type: ignore[arg-type]


def event_patterns() -> tuple[EventPattern, ...]:
    """Built on call (no module-level mutable state); the scorer keeps one copy."""
    return (
        # --- layoff ---------------------------------------------------------
        _p("layoff", 1.0,
           ("lay", "laid", "let", "job cuts", "mass ", "cut loose", "offboard", "off-board",
           "terminat", "downsiz", "redundan"),
           r"\b(?:lay(?:s|ing)? off|laid off|layoffs?|lay-offs?|job cuts|"
           r"mass (?:layoffs?|firings?|offboarding|removals?|terminations?|deactivations?|"
           r"bans?|exodus)|let(?:ting|s)? go of (?:[\w,+~-]+ ){0,4}?(?:" + W[3:-1] + "|"
           r"teams?|pods?|crews?|squads?|departments?|units?|divisions?)|"
           r"(?:been|were|was|are being|being|get|got|getting|all) let go|"
           r"cut loose|offboard(?:ed|ing|s)?|off-boarded|termination (?:notices|letters|emails)|"
           r"downsiz(?:e|ed|es|ing)|redundanc(?:y|ies)|made redundant)\b"),
        _p("layoff", 1.0,
           ("fir", "axe", "axing", "cull", "purg"),
           r"\b(?:fir(?:ed|es|ing)|axe[ds]?|axing|cull(?:ed|s|ing)?|purg(?:e|ed|ing))"
           rf"\s+(?:about |around |roughly |over |nearly |almost |some )?(?:{NUMW}|all|everyone|"
           rf"the (?:whole|entire)|half|most|a bunch|a third|a quarter|its|their)\b"),
        _p("layoff", 0.9,
           ("contract", "engagement"),
           r"\b(?:contracts?|engagements?)\s+(?:\w+\s+){0,2}?(?:were |was |have been |"
           r"has been |being |are being |got )?(?:ended|terminated|concluded|cancell?ed|"
           r"not renewed)\b", "workers"),
        _p("layoff", 1.0,
           ("contract", "work", "engagement"),
           r"\b(?:end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|cancel(?:s|led|ling)?)\s+"
           r"(?:the\s+|their\s+|its\s+|our\s+)?(?:contracts?|work|engagements?)\s+(?:for|with)\s+"
           rf"{SKIP}{{0,5}}?{W}\b"),
        _p("layoff", 0.9,
           ("cut", "eliminat", "shed", "remov", "drop"),
           rf"\b(?:cut(?:s|ting)?|eliminat(?:e|es|ed|ing)|shed(?:s|ding)?|"
           rf"remov(?:e|es|ed|ing)|drop(?:s|ped|ping)?)\s+(?:about |around |roughly |over |nearly |"
           rf"almost |some |another |more than )?(?:{NUMW}|\d+%\s+of)\s+{SKIP}{{0,2}}?{W}\b"),
        _p("layoff", 0.8,
           ("removed", "kicked", "booted", "dropped", "cut "),
           r"\b(?:removed|kicked|booted|dropped|cut) (?:off |out of |from )(?:the |"
           r"their |our |all |every |its )?(?:\w+ ){0,2}?(?:projects?|programmes?|programs?|"
           r"platform|pool|team)\b"),
        _p("layoff", 0.8,
           ("assig", "engag", "remov", "deact", "purge", "conc", "acces"),
           r"\b(?:no longer assigned|engagement has concluded|project concluded|"
           r"(?:cut(?:s|ting)? off|revok(?:e|ed|es|ing)|pull(?:ed|s)?) (?:\w+ )?access|"
           r"lost (?:\w+ )?access|"
           r"you have been removed|mass deactivat\w+|deactivation wave|wave of deactivations|"
           r"accounts? (?:were |got |being )?deactivated en masse|purge)\b"),
        _p("layoff", 0.8,
           ("released", "removed", "deactivated", "cut", "dropped", "terminated", "offboarded"),
           rf"\b{W}\s+{SKIP}{{0,5}}?(?:will be|are being|were|have been|got|get|"
           r"being|getting|are getting)\s+(?:released|removed|deactivated|cut|dropped|"
           r"terminated|offboarded)\b"),
        _p("layoff", 0.9,
           ("removed", "offboarded", "kicked", "terminated", "let go", "deactivated",
           "dropped from", "cut from"),
           r"\b(?:team|pod|pool|cohort|group|crew|everyone|all of us|half of us|"
           r"channel|squad|\d+ of us)\b[^.!?\n]{0,30}?\b(?:got |were |was |have been |has been |"
           r"being |are being )?(?:removed|offboarded|kicked off|kicked out|terminated|let go|"
           r"deactivated|dropped from|cut from)\b"),
        _p("layoff", 0.9,
           ("disband", "dissolved", "released", "let go", "cut", "removed", "offboarded",
           "terminated", "laid off"),
           r"\b(?:disband(?:ed|s|ing)?|dissolved)\b|\b(?:we|they|all of us|everyone)"
           r" (?:are|were|have been|got|will be|are all|were all) (?:being )?(?:released|let go|"
           r"cut|removed|offboarded|terminated|laid off)\b"),
        _p("layoff", 0.7,
           ("los",),
           r"\b(?:lost|lose|losing) (?:every|all|all of) (?:our |their |the |my )?"
           r"(?:\w+ )?(?:projects?|access)\b"),
        _p("layoff", 0.6,
           ("cut", "reduc", "roll"),
           r"\b(?:(?:workforce|headcount|staff|team) (?:cuts?|reductions?)|"
           r"reduc(?:ed|es|ing|e) (?:its |the |their )?(?:headcount|workforce|staff)|"
           r"roll(?:ed|ing)? off|cuts to (?:the |its )?(?:workforce|team|staff))\b"),
        # --- pay_cut --------------------------------------------------------
        _p("pay_cut", 1.0,
           (PAY_KEYS, DOWN_KEYS),
           rf"\b{PAY}\b{GAP}{{0,40}}?\b{DOWN}\b"),
        _p("pay_cut", 1.0,
           (PAY_KEYS, DOWN_KEYS),
           rf"\b{DOWN}\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+|every\s+)?"
           rf"{SKIP}{{0,3}}?{PAY}\b"),
        _p("pay_cut", 1.0,
           ("pay", "rate", "lower", "%", "haircut", "reduced"),
           r"\b(?:pay ?cuts?|rate ?cuts?|paying (?:us |people |workers |everyone )?"
           r"less|lower (?:pay|rates?)|rate (?:realignment|reduction|decrease|adjustment)|"
           r"pay (?:reduction|decrease)|reduced rates?|new lower rates?|"
           r"(?<!made )(?<!earned )(?<!earning )\d+% (?:less|lower|cut|drop|pay cut|haircut)|"
           r"haircut)\b"),
        _p("pay_cut", 0.9,
           ("from",),
           r"\b(?:cut|dropped|lowered|reduced|slashed|down|fell|went|goes|going)"
           r" (?:down )?from (?:[$£€]\d[\d.,]*(?:/hr|/h| an hour| per hour)? to [$£€]?\d|"
           r"\d[\d.,]* to \d[\d.,]*(?:/hr|/h| an hour| per hour))"),
        # --- pay_raise ------------------------------------------------------
        _p("pay_raise", 0.9,
           ("from",),
           r"\b(?:bump(?:ed|s)?|rais(?:ed|es)|increas(?:ed|es)|up|boosted|lifted)"
           r" (?:up )?from [$£€]\d"),
        _p("pay_raise", 1.0,
           (PAY_KEYS, UP_KEYS),
           rf"\b{PAY}\b{GAP}{{0,40}}?\b{UP}"),
        _p("pay_raise", 0.9,
           (PAY_KEYS, ("up",)),
           rf"\b{PAY}\s+(?:are\s+|is\s+)?up\b"),
        _p("pay_raise", 1.0,
           (PAY_KEYS, ("rais", "bump", "boost", "incre", "lift", "hike", "hiki", "doubl")),
           r"\b(?:rais(?:e|ed|es|ing)|bump(?:ed|s|ing)?|boost(?:ed|s|ing)?|"
           r"increas(?:e|ed|es|ing)|lift(?:ed|s|ing)?|hik(?:e|ed|es|ing)|doubl(?:e|ed|es|ing))\s+"
           rf"(?:up\s+)?(?:the\s+|its\s+|their\s+|our\s+|all\s+|every\s+)?{SKIP}{{0,3}}?{PAY}\b"),
        _p("pay_raise", 1.0,
           ("rais", "bump", "increase", "hike", "boost", "rate card"),
           r"\b(?:pay|rate|wage|hourly) ?(?:raises?|bumps?|increases?|hikes?|"
           r"boosts?)\b|\braises? for\b|\bbump(?:ed|s)? (?:up )?to [$£€]\d|\bnew rate card\b"),
        # --- tier_shift -----------------------------------------------------
        _p("tier_shift", 1.0,
           (("from",), TIER_KEYS),
           rf"\b(?:from|away from)\s+{SKIP}{{0,3}}?{GEN}[^.!?\n]{{0,60}}?"
           rf"\b(?:to|toward|towards|with|for)\s+{SKIP}{{0,4}}?{EXP}"),
        _p("tier_shift", 1.0,
           (("from",), TIER_KEYS),
           rf"\b(?:from|away from)\s+{SKIP}{{0,3}}?{EXP}[^.!?\n]{{0,60}}?"
           rf"\b(?:to|toward|towards)\s+{SKIP}{{0,4}}?{GEN}"),
        _p("tier_shift", 1.0,
           (("replac", "swap", "substitut"), TIER_KEYS),
           rf"\b(?:replac\w*|swap\w*|substitut\w*)\s+{SKIP}{{0,4}}?(?:{GEN}|{EXP})"
           rf"[^.!?\n]{{0,30}}?\b(?:with|for|by)\s+{SKIP}{{0,4}}?(?:{EXP}|{GEN})"),
        _p("tier_shift", 0.9,
           (("replaced", "swapped out", "phased out"), TIER_KEYS),
           rf"\b(?:{GEN})\s+{SKIP}{{0,4}}?(?:replaced|swapped out|phased out)\s+"
           rf"(?:by|with|for)\s+{SKIP}{{0,3}}?{EXP}"),
        _p("tier_shift", 0.9,
           (("restricted", "limited", "reserved", "open only", "locked"), TIER_KEYS),
           r"\b(?:restricted|limited|reserved|open only|locked) (?:to|for) "
           rf"{SKIP}{{0,4}}?(?:{EXP})", "tierwork"),
        _p("tier_shift", 0.9,
           ("only",),
           r"\b(?:experts?|specialists?|phds?|credential(?:ed)?|masters?|"
           r"degree)[- ]only\b|"
           r"\b(?:credentialed|expert|specialist) (?:people|workers|contributors|tutors) only\b|"
           r"\bonly (?:want|hire|take|accept|keep)s? (?:\w+ ){0,2}(?:experts|specialists|phds|"
           r"credentialed)\b"),
        _p("tier_shift", 0.9,
           (("mov", "shift", "reassign", "rout", "rerout", "transfer", "hand", "go", "staffed",
             "rebuilt", "redone", "done"), TIER_KEYS),
           r"\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|reassign(?:ed|ing)?|"
           r"rerout(?:e|ed|es|ing)|rout(?:e|ed|es|ing)|transferr?(?:ed|ing)?|hand(?:ed|ing)? ("
           r"?:over|"
           r"off)|go(?:es|ing)?|staffed|rebuilt|redone|done)\s+"
           rf"{SKIP}{{0,6}}?(?:to|toward|towards|by|over to|as)\s+{SKIP}{{0,4}}?(?:{EXP}|{GEN})"
           r"(?:\s+(?:pods?|tutors|contractors|reviewers|workers|fellows|contracts|track))?\b",
           "tierwork"),
        _p("tier_shift", 1.0,
           ("phas", "replaced", "wound", "favou", "favor"),
           rf"\bphas(?:e|es|ed|ing) out\s+{SKIP}{{0,2}}?{GEN}|"
           rf"\b(?:{GEN})\s+(?:\w+\s+){{0,3}}?(?:being )?(?:phased out|wound down|replaced)\b|"
           rf"\bin fav(?:ou)?r of\s+{SKIP}{{0,2}}?(?:{EXP})"),
        # --- project_pause --------------------------------------------------
        _p("project_pause", 1.0,
           (("project", "queue", "task", "work", "campaign", "workstream", "mission", "pipeline"),
           PROJ_VERB_KEYS),
           rf"\b{PROJ}\b[^.!?\n]{{0,40}}?\b(?:paused|suspended|halted|on hold|"
           r"frozen|shelved|cancell?ed|wound down|winding down|wind down|ending|ended|closing|"
           r"dried up|drying up|dry(?:ing)? up|disappeared|vanished|gone|pulled|taken down|stopped|"
           r"is over|are over|wraps? up|wrapping up|ends|will end|shuts down|shutting down|shut"
           r" down|"
           r"closes|will close|is closing|is ending)\b"),
        _p("project_pause", 0.8,
           ("hours",),
           r"\b(?:cut|cuts|reduc\w+|lower\w*|capp?\w*|slash\w*|drop\w*|"
           r"halv\w*)\s+(?:our|the|everyone'?s|all|max|maximum|weekly|available|team|"
           r"everybody'?s)\s+(?:\w+\s+){0,2}?hours\b|\b(?:max|maximum|weekly|available) hours\b"
           r"[^.!?\n]{0,40}?\b(?:drop|dropped|cut|reduced|capped|lowered|halved)\b"),
        _p("project_pause", 1.0,
           ("program",),
           rf"\b{PROG}\b[^.!?\n]{{0,40}}?\b(?:paused|suspended|halted|"
           r"on hold|frozen|shelved)\b"),
        _p("project_pause", 1.0,
           ("paus", "suspend", "halt", "shelv"),
           r"\b(?:paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|"
           r"shelv(?:e|es|ed|ing))\s+(?:all|every|the|its|several|most|"
           rf"many|our|their)?\s*{SKIP}{{0,3}}?(?:projects?|{PROG}|queues?|"
           r"campaigns?|workstreams?)\b"),
        _p("project_pause", 1.0,
           ("end", "cancel", "wind", "wound", "clos", "pull", "scrap", "kill"),
           r"\b(?:end(?:s|ed|ing)?|cancel(?:s|led|ed|ling)?|wind(?:s|ing)? down|"
           r"wound down|clos(?:e|es|ed|ing)|pull(?:s|ed|ing)?|scrap(?:s|ped|ping)?|kill(?:s|ed|"
           r"ing)?)"
           r"\s+(?:all|every|the|its|several|most|many|our|their)?\s*"
           rf"{SKIP}{{0,3}}?(?:projects?|queues?|campaigns?|workstreams?)\b"),
        _p("project_pause", 1.0,
           ("every", "anyon", "board", "platf", "droug", "dry", "dried", "%", "all", "eq",
            "empty", "massi", "huge", "mass", "site", "nobod"),
           r"\b(?:empty|dead|dry|nothing on the) (?:queues?|dashboards?)s? "
           r"(?:for|across) (?:basically |literally |pretty much |almost )?(?:everyone|everybody|"
           r"all of us|the (?:whole )?platform)|(?:eq|empty queues?|no tasks|no work|"
           r"no projects|nothing|"
           r"zero (?:tasks|projects)|nothing to (?:do|pick up|task on))[^.!?\n]{0,30}"
           r"(?:for everyone|for anyone|for everybody|across the board|platform-wide|"
           r"for all of us|for basically everyone|"
           r"across (?:all|every) (?:\w+ )?(?:projects|queues))|"
           r"platform-wide (?:dry spell|drought|eq)|"
           r"\b(?:massive|huge|mass|platform-wide|site-wide) (?:eq|empty queues?|drought|"
           r"dry spell)\b|"
           r"\bnobody (?:in|on) (?:the|my|our) (?:\w+ )?(?:discord|channel|server|team|project|"
           r"slack|group) has (?:any )?(?:tasks|work|projects)\b|"
           r"\b(?:all|every) (?:\w+ )?(?:projects?|queues?) (?:are |were |went |is |look )?"
           r"(?:empty|dry|dead)\b|"
           r"\b(?:great|big|massive) (?:drought|dry spell)|work (?:has )?dried up|"
           r"tasks (?:have |has )?dried up|dashboards? (?:is |are |went )?empty for "
           r"(?:basically |pretty much |literally )?everyone|\d+% (?:of (?:us|people|voters) )?"
           r"(?:have had |had |have |report |say |are seeing |see |with )?(?:an? |no |zero )?"
           r"(?:empty|nothing|no (?:work|tasks|projects)|zero|eq)\b"),
        # --- hiring_freeze --------------------------------------------------
        _p("hiring_freeze", 1.0,
           HIRE_KEYS,
           r"\b(?:hiring|onboarding|recruit(?:ing|ment)|intake|sign-?ups?|"
           r"registrations?|applications?)\s+(?:\w+\s+){0,3}?(?:is\s+|are\s+|has been\s+|"
           r"have been\s+|was\s+|were\s+|now\s+|got\s+)?(?:frozen|freeze|paused|halted|closed|"
           r"suspended|stopped|on hold|shut)\b"),
        _p("hiring_freeze", 1.0,
           HIRE_KEYS,
           r"\b(?:freez(?:e|es|ing)|froze|paus(?:e|es|ed|ing)|halt(?:s|ed|ing)?|"
           r"stop(?:s|ped|ping)?|clos(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|pull(?:s|ed|ing)?)\s+"
           r"(?:\w+\s+){0,2}?(?:hiring|onboarding|recruit(?:ing|ment)|applications|sign-?ups|"
           r"registrations|intake|new applicants)\b"),
        _p("hiring_freeze", 1.0,
           ("hiring", "accep", "takin", "onboa", "posit", "wait"),
           r"\bhiring (?:freeze|pause)|not (?:currently )?(?:accepting|taking)"
           r" (?:any )?(?:new )?(?:\w+ )?(?:workers|applicants|applications|sign-?ups|members|"
           r"taskers|contributors|participants|people|experts|candidates|tutors)|"
           r"no (?:longer )?(?:hiring|onboarding)|no open positions|"
           r"(?:every|all) new \w+ (?:\w+ )?(?:on|to) (?:a|the) wait-?list"),
        _p("hiring_freeze", 1.0,
           ("wait",),
           r"\b(?:registrations?|sign-?ups?|new (?:workers?|applicants?|"
           r"accounts?|taskers?|members?|participants?)|applicants|applications|onboarding)\b"
           r"[^.!?\n]{0,40}?\bwait-?list"),
        _p("hiring_freeze", 1.0,
           (("takin", "onboa", "hirin", "recru", "accep"), ("new", "more", "limit", "small")),
           r"\b(?:not|stop(?:ped|s)?|no longer|isn't|aren't) (?:currently )?"
           r"(?:taking|onboarding|hiring|recruiting|accepting) (?:on )?(?:any )?(?:new|more)\b|"
           r"\bonly accepting a (?:limited|small) number\b"),
        _p("hiring_freeze", 0.9,
           ("accou", "sign", "appli", "worke", "taske", "contr", "regis", "membe", "exper"),
           r"\bno (?:more )?new (?:accounts|sign-?ups|applicants|"
           r"workers|taskers|contributors|registrations|members|experts)\b"),
        _p("hiring_freeze", 0.6,
           ("wait",),
           r"\bwait-?list(?:ed|ing|s)?\b"),
        # --- hiring_expansion -----------------------------------------------
        _p("hiring_expansion", 1.0,
           GROW_KEYS,
           r"\b(?:hir(?:e|es|ing|ed)|recruit(?:s|ing|ed)?|"
           r"onboard(?:s|ing|ed)?|add(?:s|ing|ed)?|bring(?:s|ing)? on|taking on|take on|looking"
           r" for|expand(?:s|ing)? to)\s+(?:for\s+)?"
           r"(?:over |more than |up to |about |around |some |another |an additional |"
           rf"nearly |roughly )?{SKIP}{{0,1}}?{NUMW}\b(?!%)"),
        _p("hiring_expansion", 0.9,
           GROW_KEYS,
           r"\b(?:hir(?:e|es|ing)|recruit(?:s|ing)?|onboard(?:s|ing)?|"
           rf"taking on|bringing on|adding)\s+{MANY}\s+(?:new\s+)?{SKIP}{{0,1}}?{W}\b|"
           rf"\b(?:huge|big|massive) (?:wave|influx) of new {SKIP}{{0,1}}?{W}\b|"
           r"\b(?:onboarding|sign-?ups?|applications|hiring) (?:is |are )?(?:open|back open|"
           r"reopened) again\b"),
        _p("hiring_expansion", 1.0,
           ("hiring", "intake", "onboarding", "batch", "group", "cohort", "sign", "reopen", "grow",
           "expand", "double", "triple", "tenfold", "ten times", "opening", "recruit"),
           r"\bhiring (?:spree|drive|push|wave|surge|blitz|binge)|"
           r"\b(?:big|huge|massive|large) (?:intake|onboarding(?: wave| push)?|hiring (?:push|wave|"
           r"drive)|recruit(?:ment|ing) (?:drive|push))|(?:onboarding|hiring|accepting|taking) "
           r"a (?:big|"
           r"huge|massive|large) (?:batch|group|cohort)|onboarding wave|"
           r"\bsign-?ups? (?:are |is )?(?:open|reopened|back)|\breopen(?:s|ed|ing)? (?:sign-?ups|"
           r"applications|onboarding|hiring)|(?:grow|expand|double|triple)(?:s|ing|ed)? (?:its |"
           r"their |the )?(?:\w+ ){0,3}(?:team|network|workforce|pool|crowd|headcount)|"
           r"\btenfold\b|\bten times\b|opening (?:\w+ ){0,3}projects in \d+ (?:new )?countries|"
           r"\bnew cohort\b|recruiting (?:drive|push)"),
        _p("hiring_expansion", 0.5,
           ("hiring", "recruiting", "applications"),
           r"\b(?:is|are|now) hiring\b|\bopen(?:ed|s)? (?:recruiting|"
           r"applications|hiring)\b"),
        # --- client_loss ----------------------------------------------------
        _p("client_loss", 1.0,
           ("contract", "deal", "relationship", "partnership", "ties", "engagement", "business"),
           r"\b(?:end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|cancel(?:s|led|ed|"
           r"ling)?|pull(?:s|ed|ing)? (?:out of|the plug on)?|scal(?:e|es|ed|ing) back|cut(?:s|"
           r"ting)?"
           r" (?:ties|back)|not renew(?:ing)?|won't renew|didn't renew|drop(?:s|ped|ping)?|"
           r"walk(?:s|ed)? away from|exit(?:s|ed|ing)?|cut(?:s|"
           r"ting)?)\s+(?:\w+\s+){0,3}?(?:contracts?|deals?|"
           r"relationships?|partnerships?|ties|engagements?|business)\b", "client"),
        _p("client_loss", 1.0,
           ("los",),
           r"\b(?:lost|los(?:es|ing)|lose)\s+(?:its|their|a|the|one of its|"
           r"our|two|three|several|another|a major|a big|a key|its biggest|its largest)?\s*"
           r"(?:\w+\s+){0,3}?(?:clients?|customers?|contracts?|accounts?|labs?)\b", "client"),
        _p("client_loss", 0.9,
           (("shift", "mov", "move", "switc", "pull", "pulls", "pulle"), ("from",)),
           r"\b(?:shift(?:s|ed|ing)?|mov(?:e|es|ed|ing)|switch(?:es|ed|ing)?|pull(?:s|ed|ing)?)\s+"
           r"(?:\w+\s+){0,4}?(?:work|business|spending|data|contracts?|projects?)\s+(?:away\s+)?"
           r"from\b", "client"),
        _p("client_loss", 0.9,
           (("work", "busin", "spend", "proje"), ("with",)),
           r"\b(?:end(?:s|ed|ing)?|wind(?:s|ing)? down|wound down|"
           r"scal(?:e|es|ed|ing) back|pull(?:s|ed|ing)?|cut(?:s|ting)?|halt(?:s|ed|ing)?|"
           r"reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|"
           r"stop(?:s|ped|ping)?)\s+(?:its |their |all )?(?:\w+ ){0,2}?(?:work|business|spending|"
           r"projects?) with\b", "client"),
        _p("client_loss", 1.0,
           ("client", "customer"),
           r"\b(?:clients?|customers?)\b[^.!?\n]{0,40}?\b(?:pulled out|"
           r"pulled the plug|walked away|left|ended|terminated|cancell?ed|backed out|scaled back|"
           r"cut ties|dropped)\b"),
        _p("client_loss", 0.9,
           ("ties",),
           r"\bcut(?:s|ting)? ties with\b", "client"),
        # --- shutdown -------------------------------------------------------
        _p("shutdown", 1.0,
           ("shut", "clos", "business", "operat", "discontinu", "sunset", "wind", "wound", "end",
           "drop", "scrap", "kill", "axe", "retire"),
           r"\b(?:shut(?:s|ting)? down|shuttered|shuttering|"
           r"clos(?:e|es|ed|ing) (?:down|for good|its doors|shop)|going out of business|"
           r"ceas(?:e|es|ed|ing) (?:operations|operating)|discontinu(?:e|es|ed|ing)|"
           r"sunset(?:s|ting|ted)?|wind(?:s|ing)? down (?:its|the) "
           r"(?:\w+ ){0,3}(?:platform|business|service|network|programme|program|fellowship|"
           r"operations|app|marketplace)|(?:end|drop|scrap|kill|axe|shut|close|retire)(?:s|ed|ped|"
           r"ping|ing|d)? (?:its |the |their |our )?(?:\w+ ){0,3}"
           r"(?:fellowship|programme|program|platform|network|service|marketplace|portal|app|"
           r"division|unit|arm|operations|crowd))\b",
           "platformish"),
        _p("shutdown", 0.9,
           (("platf", "porta", "site", "progr", "fello", "netwo", "servi", "marke", "app", "busin",
           "brand", "compa"), ("clos", "shut", "over", "disco", "going", "will", "end", "ends",
                               "retir", "sunse")),
           r"\b(?:platform|portal|site|programme|program|fellowship|network|"
           r"service|marketplace|app|business|brand|company)\b[^.!?\n]{0,40}?\b(?:clos(?:e|es|ing)|"
           r"shut(?:ting)? down|is over|discontinued|going away|will end|ends|(?:is|was|has been|"
           r"will be|being) (?:retired|sunset))\b", "platformish"),
        _p("shutdown", 0.9,
           ("exit", "exits", "exite", "exiti", "pull", "pulls", "pulle", "pulli", "leave", "leavi",
            "withd", "stop", "stops", "stopp", "ceas"),
           r"\b(?:exit(?:s|ed|ing)?|pull(?:s|ed|ing)? out of|leav(?:es|ing)|withdr(?:aws?|awn|ew|"
           r"awing) from) (?:\w+ ){0,2}(?:countries|markets|regions)\b|"
           r"\b(?:stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing)) operating\b", "platformish"),
        _p("shutdown", 0.8,
           ("closing", "shutting", "ending", "will close"),
           r"\b(?:is|are|will be) (?:closing|shutting|ending)\b|\bwill close\b",
           "platform"),
        # --- restructuring --------------------------------------------------
        _p("restructuring", 1.0,
           ("restructur", "organi", "reorg", "overhaul", "shake"),
           r"\b(?:restructur(?:e|es|ed|ing)|re-?organi[sz](?:e|es|ed|ing|"
           r"ation)|reorg|overhaul(?:s|ed|ing)?|shake-?up)\b"),
        _p("restructuring", 0.8,
           ("merg", "split", "into separate", "into smaller", "into new", "talent pools",
           "pod structure", "consolidat"),
           r"\bmerg(?:e|es|ed|ing) (?:\w+ ){0,6}?(?:programmes|programs|teams|"
           r"divisions|units|platforms|into one)\b|\bmerged into\b|\bsplit(?:s|ting)? into "
           r"(?:two|three|\w+) (?:divisions|units|companies)|\binto (?:separate|smaller|new) "
           r"(?:divisions|units|teams|groups|pods)|\b(?:new|standing) (?:talent pools|pod "
           r"structure)|\bconsolidat(?:e|es|ed|ing) (?:its|the|all) (?:\w+ )?(?:teams|programmes|"
           r"operations|business)"),
    )
