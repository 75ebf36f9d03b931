"""The shared vocabulary of the scorer's patterns: worker, pay, project and tier words.

Kept apart from the patterns so the context cues and the tier rules speak the same
words, and so the key-word groups that gate each pattern sit next to the words
they stand for.
"""

from __future__ import annotations

from bot.scoring.factor import factor_group

W = (r"(?:workers?|contractors?|contributors?|taskers?|raters?|tutors?|annotators?|labell?ers?|"
     r"trainers?|freelancers?|employees?|staff(?:ers)?|people|folks|experts?|specialists?|"
     r"generalists?|reviewers?|attempters?|engineers?|developers?|devs|coders?|linguists?|"
     r"translators?|writers?|phds?|physicians?|doctors?|attorneys?|lawyers?|participants?|"
     r"moderators?|evaluators?|members|jobs|roles|positions|headcount|of us|fellows?|"
     r"agents|analysts?|crowd ?workers?|qms?|team ?leads?|labou?r force|workforce|listings|"
     r"openings|vacancies)")
# Checked after the "r" of "rate" (not before it, where they would run at every position).
NOT_PAY_RATE = "".join(f"(?<!{w} r)" for w in (
    "approval", "acceptance", "error", "success", "exchange", "interest", "tax", "heart", "spam",
    "response", "rejection", "pass", "completion", "accuracy", "frame", "refresh", "bit",
    "conversion", "birth", "crime", "failure", "hit", "return", "churn", "growth", "flag"))
PAY = (r"(?:pay ?rates?|r" + NOT_PAY_RATE + r"ates?|pay|hourly|wages?|rewards?|bonus(?:es)?|"
    r"compensation|base pay|"
       r"base rates?|base|per[- ]task pay|task pay|incentives?|multipliers?|salar(?:y|ies)|"
       r"stipends?|minimum (?:pay|reward|hourly)|payouts? per task|price per task|"
       r"pay per (?:task|hit|hour))")
DOWN = (r"(?:down again|cut|cuts|cutting|slash(?:ed|es|ing)?|lower(?:ed|s|ing)?|reduc(?:ed|es|"
    r"ing|e)|"
        r"drop(?:ped|s|ping)?|decreas(?:ed|es|ing|e)|halv(?:ed|es|ing)|tank(?:ed|s|ing)?|"
        r"nerf(?:ed|s)?|gutted|plummet(?:ed|s)?|went down|go(?:es|ing)? down|gone down|"
        r"fell|fall(?:s|ing)?|down to|down from|down by|down \d|shrunk|shrank|removed|"
        r"discontinued|scrapped|eliminated|gone|axed|killed|trim(?:s|med|ming)?)")
UP = (r"(?:go(?:es)? up|going up|went up|gone up|up by|up to \$|up from|increas(?:ed|es|ing|e)|"
      r"rais(?:ed|es|ing)|ris(?:es|ing|e)|rose|bump(?:ed|s)?|higher|boost(?:ed|s)?|"
      r"jump(?:ed|s)?|doubl(?:ed|es|ing)|climb(?:ed|s)?)")
PROJ = (r"(?:projects?(?! (?:managers?|leads?|coordinators?|owners?))|queues?|tasks|work|"
        r"tasking|campaigns?|workstreams?|missions|pipelines?)")
PROG = r"(?:programmes?|programs?)"
NUMW = (r"(?:\d[\d,]*\+?|\d+0s|hundreds|thousands|dozens|tens of thousands|a few hundred|"
        r"several hundred|a thousand|a hundred|a few thousand)")
MANY = r"(?:a lot of|lots of|a ton of|tons of|loads of|a bunch of|a wave of|a flood of)"
EXP = (r"(?:experts?|specialists?|phds?|ph\.d\.?s?|postdocs?|doctors?|physicians?|mds|"
       r"lawyers?|attorneys?|credential(?:ed|s)?|advanced degrees?|master'?s|"
       r"(?:verified )?degrees?|"
       r"domain[- ]experts?|professionals?|linguists?|native[- ]speakers?|stem|"
       r"certified \w+|specialist \w+|expert \w+|phd \w+)")
GEN = (r"(?:generalists?|non-?experts?|non-?specialists?|general (?:contributors|workers|taskers|"
       r"raters|reviewers|crowd)|undergrads?|undergraduates?|crowd ?workers?|the crowd|"
       r"cheaper (?:workers|labou?r|reviewers|contractors|taskers|annotators|raters)|"
       r"lower-paid \w+|generalist \w+)")
# Between a pay word and its verb, but not across a noun that takes the verb instead
# ("the rate table went up" is a post, not a raise).
GAP = (r"(?:(?!\b(?:table|list|page|post|sheet|chart|card|doc|announcement|banner|thread)\b)"
        r"[^.!?\n])")
SKIP = r"(?:[\w$£€%'/-]+(?:\.\d+)?\s+)"
CLAUSE_SKIP = r"(?:(?!(?:and|but|or|so|then|while|because|after)\s)[\w$£€%'/-]+(?:\.\d+)?\s+)"
"""SKIP that stays in its clause ("cut AND the rates are lower" is two events)."""

# Grouped by first letter once here, so every pattern built from them scans faster.
W, PAY, DOWN, UP, PROJ, NUMW, MANY, EXP, GEN = (
    factor_group(group) for group in (W, PAY, DOWN, UP, PROJ, NUMW, MANY, EXP, GEN))

# Keys that gate patterns (see bot.scoring.gate): "=" exact words, "^" long beginnings.
PAY_KEYS = ("=pay", "=payrate", "=payrates", "=rate", "=rates", "=hourly", "=wage", "=wages",
            "=reward", "=rewards", "=bonus", "=bonuses", "=compensation", "=base", "=incentive",
            "=incentives", "=multiplier", "=multipliers", "=salary", "=salaries", "=stipend",
            "=stipends", "=minimum", "=payout", "=payouts", "=price")
"""Every word PAY matches (it is always a whole word in the patterns)."""
UP_KEYS = ("up", "increas", "rais", "ris", "rose", "bump", "higher", "boost", "jump", "doubl",
           "climb")
"""Beginnings of every UP phrasing ("went up" has "up")."""
DOWN_KEYS = ("=down", "=cut", "=cuts", "=cutting", "=slash", "=slashed", "=slashes", "=slashing",
             "=lower", "=lowered", "=lowers", "=lowering", "=reduce", "=reduced", "=reduces",
             "=reducing", "=drop", "=dropped", "=drops", "=dropping", "=decrease", "=decreased",
             "=decreases", "=decreasing", "=halved", "=halves", "=halving", "=tank", "=tanked",
             "=tanks", "=tanking", "=nerf", "=nerfed", "=nerfs", "=gutted", "=plummet",
             "=plummeted", "=plummets", "=fell", "=fall", "=falls", "=falling", "=shrunk",
             "=shrank", "=removed", "=discontinued", "=scrapped", "=eliminated", "=gone", "=axed",
             "=killed", "=trim", "=trims", "=trimmed", "=trimming")
"""Every word DOWN matches as a whole word ("went down" has "down")."""
TIER_KEYS = ("expert", "speci", "phd", "ph", "postd", "docto", "physi", "mds", "lawye", "attor",
          "crede", "advan", "maste", "degre", "verif", "profe", "lingu", "nativ", "stem", "certi",
          "gener", "non", "nonex", "undergrad", "crowd", "cheap", "domai")
PROJ_KEYS = ("=project", "=projects", "=queue", "=queues", "=tasks", "=work", "=tasking",
             "=campaign", "=campaigns", "=workstream", "=workstreams", "=missions", "=pipeline",
             "=pipelines")
"""Every word PROJ matches (always a whole word in the patterns)."""
PROJ_VERB_KEYS = ("=paused", "=suspended", "=halted", "=hold", "=frozen", "=shelved",
                  "=cancelled", "=canceled", "=wound", "=winding", "=wind", "=ending", "=ended",
                  "=closing", "=dried", "=drying", "=dry", "=disappeared", "=vanished", "=gone",
                  "=pulled", "=taken", "=stopped", "=over", "=wraps", "=wrap", "=wrapping",
                  "=ends", "=end", "=shuts", "=shutting", "=shut", "=closes", "=close",
                  "=sunset", "=sunsetted", "=sunsetting", "=retired", "=discontinued",
                  "=deprecated")
PROG_KEYS = ("=program", "=programs", "=programme", "=programmes")
WORK_NOUN_KEYS = ("^project", "^queue", "^campaign", "^workstream", "^program")
HIRE_KEYS = ("hiring", "onboarding", "recruit", "intake", "sign", "registration", "application")
HIRE_VERB_KEYS = ("=hire", "=hires", "=hiring", "=hired", "=recruit", "=recruits", "=recruiting",
                  "=recruited", "=onboard", "=onboards", "=onboarding", "=onboarded", "=add",
                  "=adds", "=adding", "=added", "=bring", "=brings", "=bringing", "=taking",
                  "=take", "=looking", "=expand", "=expands", "=expanding")
NUM_KEYS = ("#", "=hundreds", "=thousands", "=dozens", "=tens", "=hundred", "=thousand")
"""A word of every NUMW phrasing."""
GROW_KEYS = ("hir", "recruit", "onboard", "add", "bring", "taking on", "take on", "looking for",
          "expand", "wave", "influx", "sign", "appli")
