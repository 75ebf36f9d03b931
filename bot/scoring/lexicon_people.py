"""Patterns for events about the workforce itself: people let go, work moved between
tiers, hiring stopped or started."""

from __future__ import annotations

from bot.scoring.pattern import EventPattern, pat
from bot.scoring.vocab import (
    EXP,
    GEN,
    NUM_KEYS,
    NUMW,
    SKIP,
    TIER_KEYS,
    W,
)


def layoff_patterns() -> tuple[EventPattern, ...]:
    """Workers let go, offboarded or removed en masse."""
    return (
        # --- layoff ---------------------------------------------------------
        pat("layoff", 1.0,
           [("=lay", "=lays", "=laying", "=laid", "^layoff", "^offboard", "^terminat",
             "^downsiz", "^redundan"),
            (("=let", "=lets", "=letting"), ("=go",)), (("=job",), ("=cuts",)),
            (("=mass",), ("^layoff", "^firing", "^offboard", "^removal", "^terminat",
                          "^deactiva", "=ban", "=bans", "^exodus")),
            (("=cut",), ("=loose",)), (("=off",), ("=boarded",))],
           r"\b(?:lay(?:s|ing)? off|laid off|layoffs?|lay-offs?|job cuts|"
           r"mass (?:layoffs?|firings?|offboarding|removals?|terminations?|deactivations?|"
           r"bans?|exodus)|let(?:ting|s)? go of (?:[\w,+~-]+ ){0,4}?(?:" + W[3:-1] + "|"
           r"teams?|pods?|crews?|squads?|departments?|units?|divisions?)|"
           r"(?:been|were|was|are being|being|get|got|getting|all) let go|"
           r"cut loose|offboard(?:ed|ing|s)?|off-boarded|termination (?:notices|letters|emails)|"
           r"downsiz(?:e|ed|es|ing)|redundanc(?:y|ies)|made redundant)\b"),
        pat("layoff", 1.0,
           ("=fired", "=fires", "=firing", "=axe", "=axed", "=axes", "=axing", "=cull", "=culled",
            "=culls", "=culling", "=purge", "=purged", "=purging"),
           r"\b(?:fir(?:ed|es|ing)|axe[ds]?|axing|cull(?:ed|s|ing)?|purg(?:e|ed|ing))"
           rf"\s+(?:about |around |roughly |over |nearly |almost |some )?(?:{NUMW}|all|everyone|"
           rf"the (?:whole|entire)|half|most|a bunch|a third|a quarter|its|their)\b"),
        pat("layoff", 0.9,
           ("contract", "engagement"),
           r"\b(?:contracts?|engagements?)\s+(?:\w+\s+){0,2}?(?:were |was |have been |"
           r"has been |being |are being |got )?(?:ended|terminated|concluded|cancell?ed|"
           r"not renewed)\b", "workers"),
        pat("layoff", 1.0,
           (("end", "termi", "cance"), ("contract", "=work", "engag"), ("=for", "=with")),
           r"\b(?:end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|cancel(?:s|led|ling)?)\s+"
           r"(?:the\s+|their\s+|its\s+|our\s+)?(?:contracts?|work|engagements?)\s+(?:for|with)\s+"
           rf"{SKIP}{{0,5}}?{W}\b"),
        pat("layoff", 0.9,
           (("=cut", "=cuts", "=cutting", "^eliminat", "=shed", "=sheds", "=shedding", "remov",
             "=drop", "=drops", "=dropped", "=dropping"), NUM_KEYS),
           rf"\b(?:cut(?:s|ting)?|eliminat(?:e|es|ed|ing)|shed(?:s|ding)?|"
           rf"remov(?:e|es|ed|ing)|drop(?:s|ped|ping)?)\s+(?:about |around |roughly |over |nearly |"
           rf"almost |some |another |more than )?(?:{NUMW}|\d+%\s+of)\s+{SKIP}{{0,2}}?{W}\b"),
        pat("layoff", 0.8,
           (("=removed", "=kicked", "=booted", "=dropped", "=cut"), ("=off", "=out", "=from"),
            ("=project", "=projects", "=programme", "=programmes", "=program", "=programs",
             "=platform", "=pool", "=team")),
           r"\b(?:removed|kicked|booted|dropped|cut) (?:off |out of |from )(?:the |"
           r"their |our |all |every |its )?(?:\w+ ){0,2}?(?:projects?|programmes?|programs?|"
           r"platform|pool|team)\b"),
        pat("layoff", 0.8,
           ("=assigned", "=concluded", "=access", "=removed", "^deactiva", "=purge"),
           r"\b(?:no longer assigned|engagement has concluded|project concluded|"
           r"(?:cut(?:s|ting)? off|revok(?:e|ed|es|ing)|pull(?:ed|s)?) (?:\w+ )?access|"
           r"lost (?:\w+ )?access|"
           r"you have been removed|mass deactivat\w+|deactivation wave|wave of deactivations|"
           r"accounts? (?:were |got |being )?deactivated en masse|purge)\b"),
        pat("layoff", 0.8,
           (("=released", "=removed", "=deactivated", "=cut", "=dropped", "=terminated",
             "=offboarded"),
            ("=will", "=are", "=were", "=have", "=got", "=get", "=being", "=getting")),
           rf"\b{W}\s+{SKIP}{{0,5}}?(?:will be|are being|were|have been|got|get|"
           r"being|getting|are getting)\s+(?:released|removed|deactivated|cut|dropped|"
           r"terminated|offboarded)\b"),
        pat("layoff", 0.9,
           (("=removed", "=offboarded", "=kicked", "=terminated", "=let", "=deactivated",
             "=dropped", "=cut"),
            ("=team", "=pod", "=pool", "=cohort", "=group", "=crew", "=everyone", "=all", "=half",
             "=channel", "=squad", "=us")),
           r"\b(?:team|pod|pool|cohort|group|crew|everyone|all of us|half of us|"
           r"channel|squad|\d+ of us)\b[^.!?\n]{0,30}?\b(?:got |were |was |have been |has been |"
           r"being |are being )?(?:removed|offboarded|kicked off|kicked out|terminated|let go|"
           r"deactivated|dropped from|cut from)\b"),
        pat("layoff", 0.9,
           [("disband", "=dissolved"),
            (("=we", "=they", "=us", "=everyone"),
             ("=released", "=let", "=cut", "=removed", "=offboarded", "=terminated", "=laid"))],
           r"\b(?:disband(?:ed|s|ing)?|dissolved)\b|\b(?:we|they|all of us|everyone)"
           r" (?:are|were|have been|got|will be|are all|were all) (?:being )?(?:released|let go|"
           r"cut|removed|offboarded|terminated|laid off)\b(?! (?:to|down|back|from|by|in half))"),
        pat("layoff", 0.9,
           [(("shrink", "=shrank", "=shrunk"), ("^workforce", "^headcount", "contr", "=crowd",
                                                "=pool", "=team", "=staff")),
            (("^workforce", "^headcount", "=pool"), ("=shrinking", "=shrunk", "=shrank"))],
           r"\b(?:shrink(?:s|ing)?|shrank|shrunk) (?:its |their |the )?(?:\w+ ){0,2}?"
           r"(?:workforce|headcount|contractor (?:base|pool|network)|crowd|pool|team|staff)\b|"
           r"\b(?:workforce|headcount|contractor pool) (?:is |has |has been )?(?:shrinking|shrunk|"
           r"shrank)\b"),
        pat("layoff", 0.8,
           [("=inactive",),
            (("=entire", "=whole"), ("=pool", "=team", "=pod", "=cohort", "=squad", "=crew",
                                     "=channel"), ("=gone", "=wiped", "=nuked", "=deleted",
                                                   "=removed"))],
           r"\b(?:moved|set|switched|marked|flipped|changed|put|turned) (?:\w+ )?(?:to|as|into) "
           r"(?:an? )?inactive\b|\b(?:entire|whole) (?:\w+ ){0,2}(?:pool|team|pod|cohort|squad|"
           r"crew|channel) (?:is |was |just |got )?(?:gone|wiped|nuked|deleted|removed)\b"),
        pat("layoff", 0.9,
           (("=cut", "=cuts", "=cutting", "slash", "^eliminat", "=shed", "=sheds", "=shedding",
             "=trim", "=trims", "=trimmed", "=trimming", "=axe", "=axes", "=axed", "=axing"),
            ("=jobs", "=roles", "=positions", "=staff", "=headcount", "=employees")),
           r"\b(?:cut(?:s|ting)?|slash(?:es|ed|ing)?|eliminat(?:e|es|ed|ing)|shed(?:s|ding)?|"
           r"trim(?:s|med|ming)?|axe[sd]?|axing)\s+(?:\w+\s+){0,4}?(?:jobs|roles|positions|"
           r"staff|headcount|employees)\b"),
        pat("layoff", 0.9,
           (("=team", "=pod", "=pool", "=cohort", "=crew", "=squad", "=group", "=channel",
             "=everyone", "=us"),
            ("=cut", "=axed", "=culled", "=booted", "=yeeted", "=nuked", "=dropped", "=let")),
           r"\b(?:team|pod|pool|cohort|crew|squad|group|channel|everyone|all of us|\d+ of us)\b"
           r"(?:(?!\b(?:pay|rates?|hours|bonus\w*|rewards?|budget|access|time)\b)[^.!?\n])"
           r"{0,30}?\b(?:got|was|were|has been|have been|just got|all got) (?:cut|axed|culled|"
           r"booted|yeeted|nuked|dropped|let go)\b(?! (?:to|from|in|by|back|down|off|short))"),
        pat("layoff", 0.9,
           [(("=part", "=parts", "=parted", "=parting"), ("=ways",)),
            (("=let", "=lets", "=letting"), ("=go",), ("=us",)),
            (("partici", "engag", "assignm", "contract"), ("=ended", "=concluded", "termi"))],
           rf"\bpart(?:s|ed|ing)? ways with (?:[\w,+~-]+ ){{0,4}}?{W}\b|"
           r"\blet(?:ting|s)? go (?:of )?(?:a ton|a bunch|a lot|lots|many|most|half|all|dozens|"
           r"hundreds|some) of us\b|\b(?:participation|engagement|assignment|contract) (?:in|on|"
           r"with) (?:the |this )?(?:\w+ )?(?:program|programme|project)? ?has (?:ended|concluded|"
           r"been terminated)\b"),
        pat("layoff", 0.9,
           [(("remov", "=ban", "=bans", "=banning", "=banned", "deactiv", "suspen", "restric"),
             ("=ton", "=tons", "=lots", "=lot", "=hundreds", "=thousands", "=dozens", "=many",
              "=bunch")),
            (("=wave", "=waves"), ("=bans", "remov", "suspen", "termin", "offboa", "restric")),
            (("=we're", "=we", "=they're", "=they"), ("=all",), ("=off", "=out", "=removed",
                                                                  "=kicked")),
            (("reduc", "rebal", "=cut", "=cutting"), ("=capacity",))],
           r"\b(?:remov|ban|deactivat|suspend|restrict)\w* (?:a ton of|tons of|lots of|a lot of|"
           r"hundreds of|thousands of|dozens of|many|a bunch of) (?:\w+ )?(?:accounts|people|users|"
           r"workers|participants|contributors)\b|\bwaves? of (?:bans|removals|suspensions|"
           r"terminations|offboardings|restrictions)\b|\b(?:we|they)(?:'re| are| were) all (?:off|"
           r"out of|kicked off|removed from) (?:the )?(?:project|team|pod|queue)\b|"
           r"\b(?:reduc|rebalanc|cut)\w* (?:\w+ )?(?:contributor|worker|tasker|team|workforce) "
           r"capacity\b"),
        pat("layoff", 1.0,
           [(("=cut", "=cuts", "=cutting"), ("=ties",), ("=with",)),
            (("end", "termi"), ("relati",), ("=with",))],
           r"\b(?:cut(?:s|ting)? ties|(?:end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)) (?:its |their |"
           rf"the )?relationships?) with (?:[\w,+~-]+ ){{0,4}}?{W}\b"),
        pat("layoff", 0.9,
           (NUM_KEYS, ("=jobs", "=roles", "=positions", "=workers", "=staff", "=employees"),
            ("=risk", "=affected", "=impacted", "=line", "=go", "=axed", "=lost")),
           rf"\b{NUMW}\s+(?:\w+\s+){{0,2}}?(?:jobs|roles|positions|workers|staff|employees) "
           r"(?:are |were |will be )?(?:at risk|affected|impacted|on the line|to go|axed|lost)\b"),
        pat("layoff", 0.7,
           (("=lost", "=lose", "=losing"), ("=every", "=all")),
           r"\b(?:lost|lose|losing) (?:every|all|all of) (?:our |their |the |my )?"
           r"(?:\w+ )?(?:projects?|access)\b"),
        pat("layoff", 0.6,
           [(("=workforce", "=headcount", "=staff", "=team"),
             ("=cut", "=cuts", "=reduction", "=reductions")),
            (("reduc",), ("=headcount", "=workforce", "=staff")),
            (("=roll", "=rolled", "=rolling"), ("=off",)),
            (("=cuts",), ("=to",), ("=workforce", "=team", "=staff"))],
           r"\b(?:(?:workforce|headcount|staff|team) (?:cuts?|reductions?)|"
           r"reduc(?:ed|es|ing|e) (?:its |the |their )?(?:headcount|workforce|staff)|"
           r"roll(?:ed|ing)? off|cuts to (?:the |its )?(?:workforce|team|staff))\b"),
    )


def tier_patterns() -> tuple[EventPattern, ...]:
    """Work moved from one kind of worker to another."""
    return (
        # --- tier_shift -----------------------------------------------------
        pat("tier_shift", 1.0,
           (("from",), TIER_KEYS),
           rf"\b(?:from|away from)\s+{SKIP}{{0,3}}?{GEN}[^.!?\n]{{0,60}}?"
           rf"\b(?:to|toward|towards|with|for)\s+{SKIP}{{0,4}}?{EXP}"),
        pat("tier_shift", 1.0,
           (("from",), TIER_KEYS),
           rf"\b(?:from|away from)\s+{SKIP}{{0,3}}?{EXP}[^.!?\n]{{0,60}}?"
           rf"\b(?:to|toward|towards)\s+{SKIP}{{0,4}}?{GEN}"),
        pat("tier_shift", 1.0,
           (("replac", "swap", "substitut"), TIER_KEYS),
           rf"\b(?:replac\w*|swap\w*|substitut\w*)\s+{SKIP}{{0,4}}?(?:{GEN}|{EXP})"
           rf"[^.!?\n]{{0,30}}?\b(?:with|for|by)\s+{SKIP}{{0,4}}?(?:{EXP}|{GEN})"),
        pat("tier_shift", 0.9,
           (("replaced", "swapped out", "phased out"), TIER_KEYS),
           rf"\b(?:{GEN})\s+{SKIP}{{0,4}}?(?:replaced|swapped out|phased out)\s+"
           rf"(?:by|with|for)\s+{SKIP}{{0,3}}?{EXP}"),
        pat("tier_shift", 0.9,
           (("restricted", "limited", "reserved", "open only", "locked"), TIER_KEYS),
           r"\b(?:restricted|limited|reserved|open only|locked) (?:to|for) "
           rf"{SKIP}{{0,4}}?(?:{EXP})", "tierwork"),
        pat("tier_shift", 0.9,
           ("only",),
           r"\b(?:experts?|specialists?|phds?|credential(?:ed)?|masters?|"
           r"degree)[- ]only\b|"
           r"\b(?:credentialed|expert|specialist) (?:people|workers|contributors|tutors) only\b|"
           r"\bonly (?:want|hire|take|accept|keep)s? (?:\w+ ){0,2}(?:experts|specialists|phds|"
           r"credentialed)\b"),
        pat("tier_shift", 0.9,
           (("mov", "shift", "reassign", "rout", "rerout", "transfer", "hand", "go", "staffed",
             "rebuilt", "redone", "done"), TIER_KEYS),
           r"\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|reassign(?:ed|ing)?|"
           r"rerout(?:e|ed|es|ing)|rout(?:e|ed|es|ing)|transferr?(?:ed|ing)?|hand(?:ed|ing)? ("
           r"?:over|"
           r"off)|go(?:es|ing)?|staffed|rebuilt|redone|done)\s+"
           rf"{SKIP}{{0,6}}?(?:to|toward|towards|by|over to|as)\s+{SKIP}{{0,4}}?(?:{EXP}|{GEN})"
           r"(?:\s+(?:pods?|tutors|contractors|reviewers|workers|fellows|contracts|track))?\b",
           "tierwork"),
        pat("tier_shift", 0.9,
           (("=replaced", "=replacing"), ("=by", "=with"),
            ("cheap", "lower", "=offshore", "overse", "=less", "non", "gener")),
           r"\breplac(?:ed|ing) (?:by|with) (?:\w+ ){0,2}?(?:cheaper|lower-paid|lower paid|"
           r"offshore|overseas|less experienced|non-experts?|generalists?)(?: \w+)?\b"),
        pat("tier_shift", 0.9,
           (("gener", "non", "crowd", "cheap", "under"), ("focus",)),
           rf"\b(?:{GEN})\b[^.!?\n]{{0,60}}?\b(?:re)?focus(?:es|ing)? on (?:\w+ ){{0,2}}?"
           r"(?:experts|specialists|phds|professionals|credentialed \w+)\b"),
        pat("tier_shift", 1.0,
           ("phas", "replaced", "wound", "favou", "favor"),
           rf"\bphas(?:e|es|ed|ing) out\s+{SKIP}{{0,2}}?{GEN}|"
           rf"\b(?:{GEN})\s+(?:\w+\s+){{0,3}}?(?:being )?(?:phased out|wound down|replaced)\b|"
           rf"\bin fav(?:ou)?r of\s+{SKIP}{{0,2}}?(?:{EXP})"),
    )
