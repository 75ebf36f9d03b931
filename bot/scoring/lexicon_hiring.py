"""Patterns for hiring events: onboarding closed or waitlisted, or a large hiring drive."""

from __future__ import annotations

from bot.scoring.pattern import EventPattern, pat
from bot.scoring.vocab import (
    HIRE_KEYS,
    HIRE_VERB_KEYS,
    MANY,
    NUM_KEYS,
    NUMW,
    SKIP,
    W,
)


def hiring_patterns() -> tuple[EventPattern, ...]:
    """Onboarding closed, or a large hiring drive."""
    return (
        # --- hiring_freeze --------------------------------------------------
        pat("hiring_freeze", 1.0,
           (HIRE_KEYS, ("=frozen", "=freeze", "=paused", "=halted", "=closed", "=suspended",
                        "=stopped", "=hold", "=shut")),
           r"\b(?:hiring|onboarding|recruit(?:ing|ment)|intake|sign-?ups?|"
           r"registrations?|applications?)\s+(?:\w+\s+){0,3}?(?:is\s+|are\s+|has been\s+|"
           r"have been\s+|was\s+|were\s+|now\s+|got\s+)?(?:frozen|freeze|paused|halted|closed|"
           r"suspended|stopped|on hold|shut)\b"),
        pat("hiring_freeze", 1.0,
           (("freez", "=froze", "paus", "halt", "stop", "clos", "suspend", "pull"),
            ("=hiring", "=onboarding", "=recruiting", "=recruitment", "=applications", "sign",
             "=registrations", "=intake", "=applicants", "qualif", "=quals", "assessm")),
           r"\b(?:freez(?:e|es|ing)|froze|paus(?:e|es|ed|ing)|halt(?:s|ed|ing)?|"
           r"stop(?:s|ped|ping)?|clos(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|pull(?:s|ed|ing)?)\s+"
           r"(?:\w+\s+){0,2}?(?:hiring|onboarding|recruit(?:ing|ment)|applications|sign-?ups|"
           r"registrations|intake|new applicants|(?:new )?(?:qualifications?|quals|"
           r"qualification tests|qual tests|assessments))\b"),
        pat("hiring_freeze", 1.0,
           [(("=hiring",), ("freez", "pause")), (("=not",), ("=accepting", "=taking")),
            (("=no",), ("hirin", "onboa")), (("=no",), ("=open",), ("posit",)),
            (("=new",), ("wait",))],
           r"\bhiring (?:freeze|pause)|\bnot (?:currently )?(?:accepting|taking)"
           r" (?:any )?(?:new )?(?:\w+ )?(?:workers|applicants|applications|sign-?ups|members|"
           r"taskers|contributors|participants|people|experts|candidates|tutors)|"
           r"\bno (?:longer )?(?:hiring|onboarding)|\bno open positions|"
           r"\b(?:every|all) new \w+ (?:\w+ )?(?:on|to) (?:a|the) wait-?list"),
        pat("hiring_freeze", 1.0,
           (("wait",), ("regis", "sign", "=new", "appli", "onboa")),
           r"\b(?:registrations?|sign-?ups?|new (?:workers?|applicants?|"
           r"accounts?|taskers?|members?|participants?)|applicants|applications|onboarding)\b"
           r"[^.!?\n]{0,40}?\bwait-?list"),
        pat("hiring_freeze", 1.0,
           (("takin", "onboa", "hirin", "recru", "accep"), ("=new", "=more", "=limited", "=small"),
            ("=not", "=stop", "=stopped", "=stops", "=no", "=isn't", "=aren't", "=only")),
           r"\b(?:not|stop(?:ped|s)?|no longer|isn't|aren't) (?:currently )?"
           r"(?:taking|onboarding|hiring|recruiting|accepting) (?:on )?(?:any )?(?:new|more)\b|"
           r"\bonly accepting a (?:limited|small) number\b"),
        pat("hiring_freeze", 0.9,
           (("=no",), ("=new",),
            ("accou", "sign", "appli", "worke", "taske", "contr", "regis", "membe", "exper")),
           r"\bno (?:more )?new (?:accounts|sign-?ups|applicants|"
           r"workers|taskers|contributors|registrations|members|experts)\b"),
        pat("hiring_freeze", 0.6,
           [("^waitlist",), (("=wait",), ("=list", "=listed", "=listing", "=lists"))],
           r"\b(?<!off the )(?<!off )(?<!out of the )wait-?list(?:ed|ing|s)?\b"),
        # --- hiring_expansion -----------------------------------------------
        pat("hiring_expansion", 1.0,
           (HIRE_VERB_KEYS, NUM_KEYS),
           r"\b(?:hir(?:e|es|ing|ed)|recruit(?:s|ing|ed)?|"
           r"onboard(?:s|ing|ed)?|add(?:s|ing|ed)?|bring(?:s|ing)? on|taking on|take on|looking"
           r" for|expand(?:s|ing)? to)\s+(?:for\s+)?"
           r"(?:over |more than |up to |about |around |some |another |an additional |"
           rf"nearly |roughly )?{SKIP}{{0,1}}?{NUMW}\b(?!%)"),
        pat("hiring_expansion", 0.9,
           [(("=hire", "=hires", "=hiring", "=recruit", "=recruits", "=recruiting", "=onboard",
              "=onboards", "=onboarding", "=taking", "=bringing", "=adding"),
             ("=lot", "=lots", "=ton", "=tons", "=loads", "=bunch", "=wave", "=flood")),
            (("=huge", "=big", "=massive"), ("=wave", "=influx")),
            (("=onboarding", "sign", "=applications", "=hiring"), ("=again",))],
           r"\b(?:hir(?:e|es|ing)|recruit(?:s|ing)?|onboard(?:s|ing)?|"
           rf"taking on|bringing on|adding)\s+{MANY}\s+(?:new\s+)?{SKIP}{{0,1}}?{W}\b|"
           rf"\b(?:huge|big|massive) (?:wave|influx) of new {SKIP}{{0,1}}?{W}\b|"
           r"\b(?:onboarding|sign-?ups?|applications|hiring) (?:is |are )?(?:open|back open|"
           r"reopened) again\b"),
        pat("hiring_expansion", 1.0,
           [(("=hiring",), ("spree", "drive", "push", "wave", "surge", "blitz", "binge")),
            (("=big", "=huge", "=massive", "=large"), ("intak", "onboa", "hirin", "recru")),
            (("=onboarding", "=hiring", "=accepting", "=taking"), ("batch", "group", "cohor")),
            (("=onboarding",), ("wave",)), (("sign",), ("open", "reope", "back")),
            (("reope",), ("sign", "appli", "onboa", "hirin")),
            (("grow", "expand", "doubl", "tripl"),
             ("team", "netwo", "workf", "pool", "crowd", "headc")),
            ("=tenfold",), (("=ten",), ("=times",)), (("=opening",), ("^countrie",)),
            (("=new",), ("=cohort",)), (("=recruiting",), ("drive", "push"))],
           r"\bhiring (?:spree|drive|push|wave|surge|blitz|binge)|"
           r"\b(?:big|huge|massive|large) (?:intake|onboarding(?: wave| push)?|hiring (?:push|wave|"
           r"drive)|recruit(?:ment|ing) (?:drive|push))|\b(?:onboarding|hiring|accepting|taking) "
           r"a (?:big|"
           r"huge|massive|large) (?:batch|group|cohort)|\bonboarding wave|"
           r"\bsign-?ups? (?:are |is )?(?:open|reopened|back)|\breopen(?:s|ed|ing)? (?:sign-?ups|"
           r"applications|onboarding|hiring)|\b(?:grow|expand|double|triple)(?:s|ing|ed)? (?:its |"
           r"their |the )?(?:\w+ ){0,3}(?:team|network|workforce|pool|crowd|headcount)|"
           r"\btenfold\b|\bten times\b|\bopening (?:\w+ ){0,3}projects in \d+ (?:new )?countries|"
           r"\bnew cohort\b|\brecruiting (?:drive|push)"),
        pat("hiring_expansion", 0.9,
           (NUM_KEYS, ("=onboarded", "=hired", "=added", "=accepted", "=brought", "=recruited")),
           rf"\b{NUMW}\s+(?:new\s+)?{SKIP}{{0,1}}?{W}\s+(?:were |got |have been |being |"
           r"are being |just )?(?:onboarded|hired|added|accepted|brought on|recruited)\b"),
        pat("hiring_expansion", 0.8,
           [(("onboa", "=hire", "=hiring", "=hired", "recru", "=add", "=adding", "=added", "accep"),
             ("crazy", "=mad", "droves", "=masse", "=left", "nonst")),
            (("=scale", "=scaling", "=scaled", "=scales"), ("=up",)),
            (("=hiring", "=recruiting", "=onboarding"), ("=hard", "aggress", "=heavily",
                                                         "massiv"))],
           r"\b(?:onboard|hir|recruit|add|accept)\w* (?:\w+ ){0,2}?(?:like crazy|like mad|"
           r"in droves|en masse|left and right|nonstop)\b|\bscal(?:e|es|ed|ing) up "
           r"(?:\w+ ){0,3}?(?:hiring|onboarding|recruiting|recruitment|the team|workforce|"
           r"headcount|big time)\b|\b(?:hiring|recruiting|onboarding) (?:\w+ ){0,2}?(?:hard|"
           r"aggressively|heavily|massively)\b"),
        pat("hiring_expansion", 0.7,
           [(NUM_KEYS, ("=new",), ("=members", "=people", "=faces", "=workers", "=raters",
                                  "=taskers", "=tutors", "=contributors", "=hires",
                                  "=annotators")),
            (("=newly",), ("=hired", "=onboarded", "=accepted"))],
           rf"\b{NUMW}\s+new\s+(?:members|people|faces|workers|raters|taskers|tutors|"
           r"contributors|hires|annotators)\b(?!\s+(?:of|in|on|to) (?:the |this |our )?"
           r"(?:sub|subreddit|server|discord))|\bnewly (?:hired|onboarded|accepted)\b"),
        pat("hiring_expansion", 0.9,
           (("expand",), ("fello", "progr", "netwo", "=pool", "=team", "workf", "=crowd", "cohor"),
            NUM_KEYS),
           r"\bexpand(?:s|ed|ing)? (?:its |the |their )?(?:\w+ ){0,3}?(?:fellowship|programm?e|"
           r"program|network|pool|team|workforce|crowd|cohort) to "
           rf"(?:over |more than |about )?{NUMW}\b(?!%)"),
        pat("hiring_expansion", 0.9,
           [(("=open", "=opens", "=opened", "=opening"), ("=to",), ("=new",)),
            (NUM_KEYS, ("=more", "=new", "=additional"), ("=countries",))],
           r"\bopen(?:s|ed|ing)? (?:\w+ ){0,3}?to new (?:workers|taskers|contributors|members|"
           rf"participants|applicants|users|raters)\b|\b(?:in|to) {NUMW} (?:more|new|additional) "
           r"countries\b"),
        pat("hiring_expansion", 0.5,
           ("=hiring", "=recruiting", "=applications"),
           r"\b(?:is|are|now) hiring\b|\bopen(?:ed|s)? (?:recruiting|"
           r"applications|hiring)\b"),
    )
