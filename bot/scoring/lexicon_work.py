"""Patterns for events about pay and work: rates moved, projects stopped, clients lost,
platforms or programmes closed, reorganisations."""

from __future__ import annotations

from bot.scoring.pattern import EventPattern, pat
from bot.scoring.vocab import (
    CLAUSE_SKIP,
    DOWN,
    DOWN_KEYS,
    GAP,
    PAY,
    PAY_KEYS,
    PROG,
    PROG_KEYS,
    PROJ,
    PROJ_KEYS,
    PROJ_VERB_KEYS,
    SKIP,
    UP,
    UP_KEYS,
    WORK_NOUN_KEYS,
)


def pay_patterns() -> tuple[EventPattern, ...]:
    """Rates, bonuses or rewards lowered or raised."""
    return (
        # --- pay_cut --------------------------------------------------------
        pat("pay_cut", 1.0,
           (PAY_KEYS, DOWN_KEYS),
           rf"\b{PAY}\b{GAP}{{0,40}}?\b{DOWN}\b"),
        pat("pay_cut", 1.0,
           (PAY_KEYS, DOWN_KEYS),
           rf"\b{DOWN}\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+|every\s+)?"
           rf"{CLAUSE_SKIP}{{0,3}}?{PAY}\b"),
        pat("pay_cut", 1.0,
           [(("=pay", "=rate"), ("=cut", "=cuts")), ("^paycut", "^ratecut", "haircut"),
            (("=paying",), ("=less",)), (("=lower", "=reduced"), ("=pay", "=rate", "=rates")),
            (("=rate", "=pay"), ("realig", "reduc", "decre", "adjus")),
            (("=demoted", "=downgraded", "=bumped", "=moved"), ("=attempter", "=attempters",
                                                                "=lower", "=basic", "=tier")),
            (("%",), ("=less", "=lower", "=cut", "=drop", "haircut"))],
           r"\b(?:pay ?cuts?|rate ?cuts?|paying (?:us |people |workers |everyone )?"
           r"less|lower (?:pay|rates?)|rate (?:realignment|reduction|decrease|adjustment)|"
           r"(?:pay|rate) (?:reductions?|decreases?)|reduced rates?|new lower rates?|"
           r"(?:demoted|downgraded|bumped down|moved back) (?:\w+ ){0,2}?(?:to|into) (?:\w+ ){0,2}?"
           r"(?:attempters?|lower tier|basic tier|a lower rate|lower pay)|"
           r"(?<!made )(?<!earned )(?<!earning )\d+% (?:less|lower|cut|drop|pay cut|haircut)"
           r"(?! in (?:\w+ )?(?:revenue|sales|profits?|earnings|income|shares?|stock|price|"
           r"valuation|users|traffic))|"
           r"haircut)\b"),
        pat("pay_cut", 0.9,
           (("=from",), ("=cut", "=dropped", "=lowered", "=reduced", "=slashed", "=down", "=fell",
                         "=went", "=goes", "=going"), ("#",)),
           r"\b(?:cut|dropped|lowered|reduced|slashed|down|fell|went|goes|going)"
           r" (?:down )?from (?:[$£€]\d[\d.,]*(?:/hr|/h| an hour| per hour)? to [$£€]?\d|"
           r"\d[\d.,]* to \d[\d.,]*(?:/hr|/h| an hour| per hour))"),
        pat("pay_cut", 0.9,
           (("=pay", "=pays", "=paying"), ("=less",)),
           r"\b(?:pays?|paying) (?:\w+ ){0,2}?less\b(?! than)"),
        pat("pay_raise", 0.8,
           (("=pay", "=pays", "=paying"), ("=more",)),
           r"\b(?:pays?|paying) (?:way |much |a lot |a bit )?more\b(?! than| attention)"),
        pat("pay_cut", 0.9,
           (("=dropped", "=drops", "=dropping", "=fell", "=falls", "=cut", "=cuts", "=lowered",
             "=reduced", "=slashed", "=nerfed", "=down"), ("=to",), ("$", "£", "€")),
           r"\b(?:dropped|drops|dropping|fell|falls|cut|cuts|lowered|reduced|slashed|nerfed|"
           r"down)\s+(?:down\s+)?to\s+(?:only\s+|just\s+)?[$£€]\d"),
        # --- pay_raise ------------------------------------------------------
        pat("pay_raise", 0.9,
           (("=from",), ("bump", "=raised", "=raises", "=increased", "=increases", "=up",
                         "=boosted", "=lifted"), ("$", "£", "€")),
           r"\b(?:bump(?:ed|s)?|rais(?:ed|es)|increas(?:ed|es)|up|boosted|lifted)"
           r" (?:up )?from [$£€]\d"),
        pat("pay_raise", 1.0,
           (PAY_KEYS, UP_KEYS),
           rf"\b{PAY}\b{GAP}{{0,40}}?\b{UP}"),
        pat("pay_raise", 0.9,
           (PAY_KEYS, ("=up",)),
           rf"\b{PAY}\s+(?:are\s+|is\s+)?up\b"),
        pat("pay_raise", 1.0,
           (PAY_KEYS, ("rais", "bump", "boost", "incre", "lift", "hike", "hiki", "doubl")),
           r"\b(?:rais(?:e|ed|es|ing)|bump(?:ed|s|ing)?|boost(?:ed|s|ing)?|"
           r"increas(?:e|ed|es|ing)|lift(?:ed|s|ing)?|hik(?:e|ed|es|ing)|doubl(?:e|ed|es|ing))\s+"
           rf"(?:up\s+)?(?:the\s+|its\s+|their\s+|our\s+|all\s+|every\s+)?"
           rf"{CLAUSE_SKIP}{{0,3}}?{PAY}\b"),
        pat("pay_raise", 1.0,
           [(("=pay", "=rate", "=wage", "=hourly"), ("=raise", "=raises", "=bump", "=bumps",
                                                     "=increase", "=increases", "=hike", "=hikes",
                                                     "=boost", "=boosts")),
            tuple(f"^{p}{v}" for p in ("pay", "rate", "wage", "hourly")
                  for v in ("rais", "bump", "incr", "hike", "boos")),
            (("=raise", "=raises"), ("=for",)),
            (("=bump", "=bumped", "=bumps"), ("=to",), ("$", "£", "€")),
            (("=rate",), ("=card",))],
           r"\b(?:pay|rate|wage|hourly) ?(?:raises?|bumps?|increases?|hikes?|"
           r"boosts?)\b|\braises? for\b|\bbump(?:ed|s)? (?:up )?to [$£€]\d|\bnew rate card\b"),
        pat("pay_raise", 0.9,
           [(("=get", "=gets", "=got", "=getting", "=win", "=wins", "=won", "receiv", "=given",
              "=giving"), ("=raise", "=rise", "=bump", "=increase")),
            (("=raise", "=raises"), ("=to",), ("$", "£", "€"))],
           r"\b(?:get|gets|got|getting|win|wins|won|receiv(?:e|es|ed|ing)|given|giving)\s+"
           r"(?:a\s+|an\s+)?(?:\w+\s+)?(?:raise|pay rise|pay bump|bump|rate increase)\b|"
           r"\braises?\s+to\s+[$£€]\d"),
        pat("pay_raise", 0.8,
           [(("bonus", "missions", "reward", "multipl", "incentiv", "streak"), ("=back",)),
            (("%",), ("=on", "=for", "bonus", "=extra", "=more"))],
           r"\b(?:bonus(?:es)?|missions|rewards?|multipliers?|incentives?|streaks?)\b"
           r"(?: \w+){0,3}? (?:is|are|came|come|coming|be|now) back\b|"
           r"\+\d+% (?:on|for|bonus|extra|more)\b"),
    )


def project_patterns() -> tuple[EventPattern, ...]:
    """Projects paused or ended, queues emptied for everyone."""
    return (
        # --- project_pause --------------------------------------------------
        pat("project_pause", 1.0,
           (PROJ_KEYS, PROJ_VERB_KEYS),
           rf"\b{PROJ}\b[^.!?\n]{{0,40}}?\b(?:paused|suspended|halted|on hold|"
           r"frozen|shelved|cancell?ed|wound down|winding down|wind down|ending|ended|closing|"
           r"dried up|drying up|dry(?:ing)? up|disappeared|vanished|gone|pulled|taken down|stopped|"
           r"is over|are over|wraps? up|wrapping up|ends|will end|shuts down|shutting down|shut"
           r" down|"
           r"closes|will close|is closing|is ending|sunset|sunsetted|sunsetting|retired|"
           r"discontinued|deprecated)\b"),
        pat("project_pause", 0.8,
           (("=hours", "=hrs"), ("=cut", "=cuts", "reduc", "lower", "cap", "slash", "drop",
                                 "halv")),
           r"\b(?:cut|cuts|reduc\w+|lower\w*|capp?\w*|slash\w*|drop\w*|"
           r"halv\w*)\s+(?:our|the|everyone'?s|all|max|maximum|weekly|available|team|"
           r"everybody'?s)\s+(?:\w+\s+){0,2}?hours\b|\b(?:max|maximum|weekly|available) hours\b"
           r"[^.!?\n]{0,40}?\b(?:drop|dropped|cut|reduced|capped|lowered|halved)\b|"
           r"\b(?:cut|cuts|reduc\w+|lower\w*|slash\w*|drop\w*|halv\w*)\s+(?:down\s+|back\s+)?to\s+"
           r"\d+\s*(?:hours|hrs)\b|\bcapp?ed at \d+\s*(?:hours|hrs)\b"),
        pat("project_pause", 0.9,
           (("=task", "=tasks", "=work", "=hit", "=hits", "=project", "=study", "=studies"),
            ("drought", "=dry", "=shortage")),
           r"\b(?:task|tasks|work|hit|hits|project|study|studies) (?:drought|dry spell|"
           r"shortage)\b"),
        pat("project_pause", 0.9,
           (("=paused", "=halted", "=suspended", "=shelved", "=hold"),
            ("^everyone", "^everybody", "=all")),
           r"\b(?:got|was|were|has been|have been|is|are)\s+(?:\w+\s+)?(?:paused|halted|"
           r"suspended|shelved|put on hold)\s+for (?:everyone|everybody|all(?: of us)?)\b"),
        pat("project_pause", 0.9,
           [(("=hit", "=task", "=study", "=studies", "=work", "=job", "=project"), ("=volume",)),
            (("requester",), ("=pulled", "=left", "=quit", "=stopped", "disapp"))],
           r"\b(?:hit|task|study|studies|work|job|project) volume\b[^.!?\n]{0,20}?\b(?:dead|down|"
           r"dropped|tanked|collapsed|dried up|plummeted|cratered)\b|\brequesters?\b[^.!?\n]{0,40}?"
           r"\b(?:pulled out|left|quit|stopped posting|disappeared)\b"),
        pat("project_pause", 1.0,
           (PROG_KEYS, ("=paused", "=suspended", "=halted", "=hold", "=frozen", "=shelved")),
           rf"\b{PROG}\b[^.!?\n]{{0,40}}?\b(?:paused|suspended|halted|"
           r"on hold|frozen|shelved)\b"),
        pat("project_pause", 1.0,
           (("paus", "suspend", "halt", "shelv"), WORK_NOUN_KEYS),
           r"\b(?:paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|"
           r"shelv(?:e|es|ed|ing))\s+(?:all|every|the|its|several|most|"
           rf"many|our|their)?\s*{SKIP}{{0,3}}?(?:projects?|{PROG}|queues?|"
           r"campaigns?|workstreams?)\b"),
        pat("project_pause", 1.0,
           (("end", "cancel", "wind", "wound", "clos", "pull", "scrap", "kill"), WORK_NOUN_KEYS),
           r"\b(?:end(?:s|ed|ing)?|cancel(?:s|led|ed|ling)?|wind(?:s|ing)? down|"
           r"wound down|clos(?:e|es|ed|ing)|pull(?:s|ed|ing)?|scrap(?:s|ped|ping)?|kill(?:s|ed|"
           r"ing)?)"
           r"\s+(?:all|every|the|its|several|most|many|our|their)?\s*"
           rf"{SKIP}{{0,3}}?(?:projects?|queues?|campaigns?|workstreams?)\b"),
        pat("project_pause", 1.0,
           [(("=empty", "=dead", "=dry", "=nothing"), ("^queue", "^dashboard")),
            (("=eq", "=nothing", "=empty"),
             ("^everyone", "^anyone", "^everybody", "^board", "platf", "^across")),
            (("=no", "=zero"), ("=tasks", "=work", "=projects", "=hits", "=studies", "=batches",
                                "=jobs"),
             ("^everyone", "^anyone", "^everybody", "^board", "platf", "^across")),
            (("=eq", "=nothing", "=empty"), ("=all",), ("=us",)),
            (("=no", "=zero"), ("=tasks", "=work", "=projects", "=hits", "=studies", "=batches",
                                "=jobs"), ("=all",), ("=us",)),
            (("platf", "=site"), ("=dry", "drought", "=eq", "=empty")),
            (("=massive", "=huge", "=mass"), ("=eq", "=empty", "drought", "=dry")),
            ("=nobody",), (("=all", "=every"), ("=empty", "=dry", "=dead")),
            (("=great", "=big", "=massive"), ("drought", "=dry")), ("=dried",),
            (("^dashboard",), ("=empty",)),
            (("%",), ("=empty", "=nothing", "=zero", "=eq")),
            (("%",), ("=no",), ("=work", "=tasks", "=projects"))],
           r"\b(?:empty|dead|dry|nothing on the) (?:queues?|dashboards?) "
           r"(?:for|across) (?:basically |literally |pretty much |almost )?(?:everyone|everybody|"
           r"all of us|the (?:whole )?platform)\b|\b(?:eq|empty queues?|"
           r"no (?:new )?(?:tasks|work|projects|hits|studies|batches|jobs)|nothing|"
           r"zero (?:tasks|projects|hits|studies)|nothing to (?:do|pick up|task on))\b"
           r"[^.!?\n]{0,30}?\b(?:for everyone|for anyone|for everybody|across the board|"
           r"platform-wide|for all of us|for basically everyone|"
           r"across (?:all|every) (?:\w+ )?(?:projects|queues))\b|"
           r"\b(?:massive|huge|mass|platform-wide|site-wide) (?:eq|empty queues?|drought|"
           r"dry spell)\b|"
           r"\bnobody (?:in|on) (?:the|my|our) (?:\w+ )?(?:discord|channel|server|team|project|"
           r"slack|group) has (?:any )?(?:tasks|work|projects)\b|"
           r"\b(?:all|every) (?:\w+ )?(?:projects?|queues?) (?:are |were |went |is |look )?"
           r"(?:empty|dry|dead)\b|"
           r"\b(?:great|big|massive) (?:drought|dry spell)\b|\b(?:work|tasks) (?:has |have )?"
           r"dried up\b|\bdashboards? (?:is |are |went )?empty for "
           r"(?:basically |pretty much |literally )?everyone\b|\b\d+% (?:of (?:us|people|voters) )?"
           r"(?:have had |had |have |report |say |are seeing |see |with )?(?:an? |no |zero )?"
           r"(?:empty|nothing|no (?:work|tasks|projects)|zero|eq)\b"),
        # A long stretch without work, which counts once the post says others see it too.
        pat("project_pause", 0.6,
           [(("=no", "=zero"), ("=tasks", "=work", "=projects", "=hits", "=studies"),
             ("=day", "=days", "=weeks", "=week", "=months", "=month")),
            (("^dashboard", "^queue"), ("=empty", "=dry", "=dead"), ("=for", "=since"))],
           r"\b(?:no|zero) (?:new )?(?:tasks|work|projects|hits|studies)\b[^.!?\n]{0,20}?"
           r"\b(?:for|in|since) (?:\d+|a|two|three|four|five|several|many|over a|almost a) "
           r"(?:days?|weeks?|months?)\b|\b(?:dashboards?|queues?) (?:has been |have been |is |"
           r"are |been )(?:empty|dry|dead) (?:for|since)\b"),
    )
