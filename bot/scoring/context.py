"""Cues about how a post talks, not what happened: who is hit, whether it is
denied, hedged, a question, one person's story, or another company's news.

These decide whether an event word is a report. The lists are phrased the way
the communities and the press write, not copied from any one post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scoring.factor import factor_group
from bot.scoring.pattern import GateSpec
from bot.scoring.vocab import NUMW, W

_NEG_BEFORE = re.compile(
    r"(?:\bnot|n't|\bno|\bnever|\bnobody|\bnone|\bdenies|\bdenied|\bden(?:y|ying)|"
    r"\brejects?|\brejected|\bstop(?:ped)? spreading|\bfake|\bfalse|\bhoax|\bdebunk\w*)"
    r"(?:\s+(?:\w+|\w+'\w+)){0,3}\s*$"
)
_NEG_HINTS = ("no", "n't", "never", "den", "reject", "spreading", "fake", "false", "hoax",
              "debunk")
"""Every match of _NEG_BEFORE contains one of these."""
_NEG_EXEMPT = re.compile(r"(?:not|n't)\s+(?:just|only|a glitch|a bug|one|a quality|a mistake|"
                         r"a drill|performance|individual|random|isolated|me)\b")


@dataclass(frozen=True)
class ContextCues:
    """Compiled once per scorer; every field is a read-only regex."""

    group: re.Pattern[str]
    group_weak: re.Pattern[str]
    official: re.Pattern[str]
    personal: re.Pattern[str]
    personal_contrast: re.Pattern[str]
    denial: re.Pattern[str]
    hedge: re.Pattern[str]
    soft_hedge: re.Pattern[str]
    background: re.Pattern[str]
    not_platform: re.Pattern[str]
    unverified: re.Pattern[str]
    commentary: re.Pattern[str]
    commentary_label: re.Pattern[str]
    spam: re.Pattern[str]
    outsider: re.Pattern[str]
    client: re.Pattern[str]
    platformish: re.Pattern[str]
    tierwork: re.Pattern[str]
    non_work: re.Pattern[str]


def context_cues(grouped: bool = True) -> ContextCues:
    """``grouped=False`` compiles the cues as written, without factor.py's regrouping."""

    def _compile(src: str) -> re.Pattern[str]:
        return re.compile(factor_group(src) if grouped else src)

    return ContextCues(
        group=_compile(
            r"\b(?:every(?:one|body)(?! else)|all of us|all (?:the |our |its |\d+ )?"
            rf"(?:\w+ )?{W}(?! (?:projects?|tasks?|work|queues?|rates?|pay)\b)|"
            rf"every (?:single )?(?:{W[3:-1]}|project|contractor|tasker|account|team|pod|"
            rf"market|"
            r"country|region|one of us)|(?:the )?whole (?:\w+ ){0,3}(?:team|pod|market|cohort|"
            r"group|channel|"
            r"department|discord|server|project|crowd|workforce|pool|batch|community)|entire "
            r"(?:team|pod|pool|cohort|workforce|group|project|crowd|department|\w+ team)|"
            r"the rest of us|basically everyone|platform-?wide|company-?wide|across the board|"
            r"across (?:all|every|the company|the platform|\w+ countries)|en masse|"
            r"not (?:just|only) me|isn'?t (?:just|only) me|not a (?:just me|quality|me)|"
            r"(?:a few|a couple of|a couple|some|several|other|a bunch of|a lot of|lots of|many|"
            r"loads of|tons of) (?:other )?(?:people|others|folks|friends|ppl) (?:\w+ ){0,4}?"
            r"(?:said|say|says|report|got|get|confirm|saw|see|seeing)|"
            r"(?:say|says|said|saying|report|reporting|seeing|see|saw|confirm\w*) the same\b|"
            r"(?:a few|a couple of|several|some|other|a bunch of|lots of|many) (?:other )?"
            r"(?:people|ppl|folks|others|friends)\b[^.!?\n]{0,30}?\bsame\b|"
            r"(?:two|three|four|five|several|a few|many|some) of my (?:\w+ )?(?:friends|coworkers|"
            r"co-workers|colleagues|classmates|teammates)|(?:sub|subreddit|discord|channel|forum|"
            r"thread|server|group chat) is full of|"
            r"(?:me|i) and (?:my|a few|some|several|all my|two|three) (?:\w+ )?(?:friends|"
            r"coworkers|co-workers|teammates|colleagues|team|pod)|"
            r"(?:a bunch of|lots of|dozens of|hundreds of|several|multiple|at least \d+|\d+\+?) "
            r"(?:\w+ )?(?:posts|screenshots)|people (?:are )?posting (?:the same|it|screenshots)|"
            r"(?:got|getting|seeing|saw|had) the same\b|same (?:msg|text|popup|page|error)|"
            r"(?:for )?all of them|"
            r"(?:two|three|four|five|six|seven|eight|nine|ten|a dozen) (?:\w+ )?(?:people|of us|"
            r"friends|others|coworkers|colleagues|members|taskers|raters)|"
            r"same (?:email|notice|message|thing|letter|screenshot|banner|warning)|"
            r"we all(?! (?:know|knew|saw|see|agree|think|hate|love|want|need|get it|understand|"
            r"feel|wish))|every one of us|half (?:of )?(?:my|our|the) (?:\w+ )?(?:team|pod|group|"
            r"channel|cohort)|"
            r"\d+(?:-odd|ish|\+)? of us|all (?:saying|say|said|reporting|report|confirm\w*)|"
            r"isn'?t (?:just )?(?:individual|one person)|not (?:an )?individual|"
            r"(?:several|multiple|many|lots of|a lot of|dozens of|hundreds of|thousands of|"
            r"\d+\+?) (?:people|of us|others|folks|users|members|taskers|workers|contractors|"
            r"raters|friends|ppl)|mass\b)"
        ),
        group_weak=_compile(
            rf"\b(?:{NUMW}\s+(?:\w+\s+){{0,2}}{W}|a third|a quarter|half (?:of )?(?:the|our|its)|"
            r"most of (?:us|the)|a lot of (?:trainers|people|workers)|everyone i know|"
            r"(?:others|other people) (?:report|say|saw|seeing|got)|same here|me too|"
            r"(?:all|every) (?:\w+ ){0,2}(?:projects|queues|missions|listings|roles))\b"
        ),
        official=_compile(
            r"\b(?:announc(?:ed|es|ement|ing)|official(?:ly)?|memo|confirm(?:ed|s|ing)?|"
            r"the company (?:said|says|"
            r"confirmed|told|announced)|according to|people familiar|said in a|in a statement|"
            r"(?:tl|qm|qms|team lead|manager|pod lead|support|mods|recruiter|admins?|staff|"
            r"spokesperson|ceo)\s+(?:\w+\s+){0,3}?(?:confirmed|said|told|announced|says|emailed|"
            r"posted)|email (?:to|sent to) (?:all|every)|banner|notice (?:to|sent|in|on)|"
            r"emailed (?:all|every)|all-hands|town ?hall|told (?:staff|workers|contractors|"
            r"everyone|employees|tutors|taskers|raters|all))\b"
        ),
        personal=_compile(
            r"\b(?:my account|my contract|my project|my queue|my dashboard|my rate|my hourly|"
            r"got caught in|caught up in the|including me|me included|i was one of|"
            r"my (?:[\w-]+ ){0,2}(?:pay|rate|hourly|bonus|earnings|account|level)|"
            r"(?:^|[.!] )got (?:laid off|let go|fired|removed|deactivated)|"
            r"my pay|my earnings|my bonus|my reward|my study|my studies|my income|my scores?|my"
            r" metrics|my tasks?|(?:is it|it'?s|just|only) "
            r"(?:just )?me\b|for me\b|i (?:got|was|have been|'ve been|am|just got) "
            r"(?:removed|deactivated|fired|let go|offboarded|banned|kicked|dropped|cut|laid off|"
            r"waitlisted|rejected|suspended|paused|flagged)|on my end|i failed|"
            r"i haven'?t had|haven'?t had any|"
            r"(?:projects?|tasks?|queues?) i (?:had|have|was on|am on|'m on|had access to))"
        ),
        personal_contrast=_compile(
            r"\b(?:everyone else|everybody else|the rest of (?:my|the) team|others? in my|"
            r"other people|rest of us)\b[^.!?\n]{0,40}?\b(?:still|fine|seems?|normal|has plenty|"
            r"have plenty|unaffected|tasking)\b|\bso it'?s (?:obviously |probably )?(?:just )?me\b|"
            r"\b(?:everyone|everybody) (?:i know|i've asked|i asked|i talked to|else i know)\b"
            r"[^.!?\n]{0,40}?\b(?:still|fine|has plenty|have plenty|tasking|has work|have work|"
            r"normal)\b"
        ),
        denial=_compile(
            r"\b(?:is|are|was|were|it'?s|that'?s|this is|story is|claims? (?:is|are|was)) "
            r"(?:\w+ )?(?:fake|false|untrue|not true|bs|bogus|a hoax|misinformation|made up|wrong|"
            r"incorrect|"
            r"inaccurate|misleading|not real)\b|\bisn'?t (?:real|true|happening)|"
            r"\b(?:den(?:y|ies|ied|ying)|rejects?|rejected|dismiss(?:es|ed)|refut\w+) "
            r"(?:\w+ ){0,3}?(?:reports?|claims?|rumou?rs?|posts?|that|any)|"
            r"\bden(?:y|ies|ied|ying) (?:it|that|the|any|a)\b|\bdebunk\w*|\bnot because of\b|"
            r"\bno,? (?:they|it|he|she|we)(?:'re| are| is|'s) not\b|\bthat'?s (?:just )?a joke\b|"
            r"\bjust (?:a )?joking\b|\bjk\b|"
            r"\bto clear (?:up|this up)|\bclearing (?:up|this up)|"
            r"\b(?:rates?|pay|hourly|rates on \w+ \w+) (?:are|is|remain|remains|stay|stays) "
            r"(?:the same|unchanged)\b|\bno (?:truth|basis)|\bnothing like that (?:was|has been)|"
            r"\b(?:no|zero) (?:change|changes) (?:to|in)\b|\bstop spreading|\bnot (?:being|"
            r"going to be) (?:cut|closed|shut|paused|lowered|reduced|frozen|laid off)|"
            r"\bfake (?:news|screenshot|email|rumou?r)|\brumou?rs? (?:is|are|was|were) "
            r"(?:\w+ )?(?:false|fake|wrong|untrue|baseless)|\bnot (?:closing|shutting)\b|"
            r"\b(?:it'?s|that'?s|this is) (?:literally |actually |really |just )*(?:just|only) "
            r"(?:the |a |one )?(?:new|different|one|single) (?:project|task|queue|batch)\b|"
            r"\b(?:all|every) (?:the )?(?:old |other |existing )?(?:projects?|rates?) (?:are|is) "
            r"(?:still )?the same\b|\bnothing (?:has )?changed\b|\bcalm down\b|\bchill out\b|"
            r"\bnah,? (?:bro|dude|man|fam)\b|"
            r"\b(?:reinstat\w+|unpaus\w+|resum(?:ed|es|ing)|restored|re-?added|back to normal)\b"
        ),
        soft_hedge=_compile(
            r"\b(?:seems? like|looks? like|feels? like|apparently|seemingly|sounds like|"
            r"read that|saw that|i read|i saw)\b"
        ),
        background=_compile(
            r"\b(?:despite|over time|over the years|last year|years? ago|in 20\d\d|"
            r"earlier this year|previously|"
            r"had (?:laid|cut|ended|lost)|over the (?:past|last) (?:\w+ )?(?:months|years?)|"
            r"in recent (?:months|years)|"
            r"former (?:\w+ ){0,3}(?:workers|contractors|employees|staff)|"
            r"after (?:its|the) (?:\w+ )?(?:layoffs?|cuts?) (?:in|last)|"
            r"(?:a|one|two|three|six|\d+) (?:years?|months?) (?:after|since|on from)|"
            r"still looking for work|looking back|a look back|"
            r"(?:\w+) (?:months|years|weeks) later|"
            r"after (?:\w+ )?(?:months|weeks|years|ages) (?:on|in|of)|"
            r"(?:before|after|since|following|in the wake of) (?:the |a |its |their |last year's )?"
            r"(?:\w+ )?(?:layoffs?|job cuts|offboarding)|(?:days|weeks|months) after)\b"
        ),
        not_platform=_compile(
            r"\bnot (?:an? |one of (?:our|the) )?(?:annotation|labell?ing|ai training|data) "
            r"(?:platforms?|company|companies)\b|\b(?:that'?s|is|it'?s) (?:\w+ )?itself, not\b|"
            r"\(not (?:an? )?(?:annotation|labell?ing|ai training)\b"
        ),
        hedge=_compile(
            r"\b(?:i think|i guess|posts? (?:about|saying|claiming)|lots of posts|"
            r"keep hearing|i hear|i heard|hearing that|heard that|i feel|i"
            r" suspect|i bet|i wonder|my gut|gut says|vibes|"
            r"no proof|just a feeling|hot take|theory|could be wrong|no inside info|speculat\w+|"
            r"might|may|could|probably|possibly|perhaps|wondering|what if|if there (?:are|is)|"
            r"whether|predict\w*|will be dead|by 20\d\d|in (?:a|two|five|\d+) years?|"
            r"prediction|opinion|imo|imho|starting to think|"
            r"rumou?r(?:ed|s)? (?:is|are|has it)|heard (?:a )?rumou?r|someone (?:said|told)|"
            r"friend of a friend|worried|scared|afraid|fear|expect(?:ing)?|likely|"
            r"someone (?:on (?:tiktok|twitter|x|youtube|reddit|discord|facebook|fb) )?(?:is |was )?"
            r"(?:saying|claiming|says|claims|posted|posting)|change my mind|unpopular opinion)\b"
        ),
        unverified=_compile(
            r"\b(?:no (?:source|screenshot|proof|evidence|confirmation)|"
            r"grain of salt|unconfirmed|rumou?r mill|friend of a friend|nothing concrete|"
            r"just vibes|no inside|wouldn'?t say|take (?:it|this) with)\b"
        ),
        commentary=_compile(
            r"\b(?:opinion|op-?ed|analysis|explainer|podcast|interview|essay|column|"
            r"(?:the )?future of|what (?:it|this) means|why (?:\w+ )?(?:ai|data|labs)|"
            r"how (?:ai|the|data)|the rise of|the hidden|behind the|inside|a look at|"
            r"argues?|argued|long read|deep dive|trend|industry-wide|ask hn|commentary|"
            r"tells? us|lessons from|what (?:\w+ ){1,4}(?:means|tells)|"
            r"former (?:\w+ ){0,3}(?:workers|contractors|employees|staff|taskers|raters|tutors|"
            r"annotators|trainers|labell?ers|moderators) (?:say|describe|recount|recall|share|"
            r"tell|speak|reflect)|timeline|recap|rough year|"
            r"turbulent year|year in review|looking back|look back|what went wrong|a year of|"
            r"what happened|what we know|what to know|what's next|explained|everything you need|"
            r"here's why|here's what|we look at|we examine|months later|years later|court|"
            r"ruling|lawsuit|class action|sued|sues|suing)\b"
        ),
        commentary_label=_compile(
            r"\b(?:commentary|opinion|analysis|op-ed|explainer)\s*:|\bcolumnist\b|"
            r"\bguest essay\b|\bthe picture is more complicated\b|\bthe (?:author|writer) "
            r"(?:argues|says|writes)|\bargues that\b"
        ),
        spam=_compile(
            r"\b(?:referral (?:link|code)|my (?:referral|ref) |use my (?:link|code)|"
            r"sign up (?:with|using|through) my|dm (?:me )?for (?:the )?(?:link|code)|"
            r"link in (?:bio|profile)|we both get)\b"
        ),
        outsider=_compile(
            r"\b(?:meta|facebook|google|alphabet|microsoft|amazon|apple|openai|anthropic|tesla|"
            r"nvidia|ibm|salesforce|intel|twitter|uber|netflix|spotify|accenture|deloitte|"
            r"cognizant|infosys|wipro|walmart|intuit|cisco|dell|deepmind|character\.ai|"
            r"my (?:\w+ )?(?:company|employer|job|firm|university|uni|college|school|lab|"
            r"department|day job|"
            r"tech job|workplace|office|old job|agency|husband'?s|wife'?s|partner'?s|dad'?s|"
            r"mom'?s)|(?:a|one|the|this|that|my) (?:\w+ )?(?:requester|researcher)|"
            r"(?:retail|day|office|warehouse|restaurant|hospital|factory|regular|real|full-time) "
            r"jobs?|my boss|at work|"
            r"our (?:\w+ )?(?:company|firm|university|school|office|employer|department|"
            r"hospital|lab)|"
            r"the (?:government|federal government)|universit(?:y|ies)|college|in-house)\b"
        ),
        client=_compile(
            r"\b(?:clients?|customers?|labs?|openai|google|meta|anthropic|microsoft|amazon|"
            r"deepmind|apple|partners?|accounts?|contract with|contracts with|"
            r"(?:its|their) (?:biggest|largest|main|top|key|major) )"
        ),
        platformish=_compile(
            r"\b(?:platform|portal|site|programme|program|fellowship|network|service|"
            r"marketplace|app|business|brand|company|operations|division|unit|crowd)\b"
        ),
        tierwork=_compile(
            r"\b(?:work|tasks?|projects?|roles?|training|queue|rating|grading|evaluation|"
            r"pods?|contracts?|staffed|rebuilt|reassigned|routed|moving|moves|shifts?|shifting)\b"
        ),
        non_work=_compile(
            r"\b(?:payments?|payouts?|invoices?|withdrawals?|paypal|payoneer|airtm|"
            r"time-?tracking|portal|secure browser|guidelines|instructions|ui|website|app update|"
            r"tax|taxes|1099|w-?2|gst)\b"
        ),
    )


def cue_gates() -> dict[str, GateSpec]:
    """Key words without which a cue cannot match (see gate.py): cues that often find
    nothing are skipped from the post's word lookups alone."""
    never = ("=not", "=isn't", "=isnt")
    return {
        "soft_hedge": [("apparen", "seemin"),
                       (("=seems", "=seem", "=looks", "=look", "=feels", "=feel", "=sounds",
                         "=sound"), ("=like",)),
                       (("=read", "=saw"), ("=that",)), (("=i",), ("=read", "=saw"))],
        "background": [("=despite", "=ago", "previo", "=former", "=after", "=before", "=since",
                        "follo", "=wake", "=later"),
                       (("=over",), ("=time", "=years", "=past", "=last")),
                       (("=last",), ("=year",)), (("=in",), ("#", "=recent")),
                       (("=earlier",), ("=year",)),
                       (("=had",), ("=laid", "=cut", "=ended", "=lost")),
                       (("=still",), ("looki",)), (("=look", "=looking"), ("=back",)),
                       (("=a", "=one", "=two", "=three", "=six", "#"),
                        ("=year", "=years", "=month", "=months"), ("=after", "=since", "=on"))],
        "outsider": [
            ("=meta", "faceb", "googl", "alpha", "micro", "amazo", "=apple", "=openai", "anthr",
             "=tesla", "nvidi", "=ibm", "sales", "=intel", "twitt", "=uber", "netfl", "spoti",
             "accen", "deloi", "cogni", "infos", "wipro", "walma", "intui", "=cisco", "=dell",
             "deepm", "chara", "reque", "resea", "=boss", "gover", "unive", "colle"),
            (("=my",), ("=company", "=employer", "=job", "=firm", "=uni", "=school", "=lab",
                        "depar", "=day", "=tech", "workp", "=office", "=old", "=agency", "husba",
                        "wife", "partn", "dad", "mom")),
            (("=our",), ("=company", "=firm", "=school", "=office", "=employer", "depar",
                         "hospi", "=lab")),
            (("=at",), ("=work",)), (("=in",), ("=house",)),
            (("retai", "=day", "=office", "wareh", "resta", "hospi", "facto", "regul", "=real",
              "=full"), ("=job", "=jobs"))],
        "spam": [("^referral",), ("=ref",), ("=dm",), ("=bio",), ("=profile",),
                 (("=use", "=sign"), ("=my",)), (("=both",), ("=get",))],
        "not_platform": [(("=not",), ("annot", "label", "=ai", "=data")), ("=itself",)],
        "unverified": [(("=no",), ("=source", "screensh", "=proof", "eviden", "confirma",
                                   "=inside")),
                       ("=grain", "unconfir", "=concrete", "=vibes", "=wouldn't", "=wouldnt",
                        "=friend"),
                       (("rumo",), ("=mill",)), (("=take",), ("=with",))],
        "personal_contrast": [("=else", "=rest", "=other", "=others"), (("=so",), ("=me",)),
                              (("=everyone", "=everybody"), ("=know", "=asked", "=talked"))],
        "official": [("announc", "official", "=memo", "confirm", "=according", "familiar",
                      "=said", "statem", "=told", "=says", "email", "=posted", "=banner",
                      "=notice", "=town", "townh"), (("=all",), ("=hands",))],
        "denial": [("=fake", "=false", "=true", "=untrue", "=bs", "=bogus", "=hoax", "misinfo",
                    "=wrong", "incorrec", "inaccura", "misleadi", "=real", "=isn't", "=isnt",
                    "=deny", "denie", "denyi", "reject", "dismiss", "refut", "debunk", "=joke",
                    "=joking", "=jk", "clear", "=same", "=unchanged", "=truth", "=basis",
                    "=change", "=changes", "=changed", "spreadin", "rumo", "=calm", "=chill",
                    "=nah", "reinstat", "unpaus", "=resumed", "=resumes", "=resuming",
                    "=restored", "=readded"),
                   (("=made",), ("=up",)), (never, ("=because",)), (("=no",), never),
                   (never, ("=being", "=going", "=closing", "=shutting")),
                   (("=just", "=only"), ("=new", "=different", "=one", "=single"),
                    ("=project", "=task", "=queue", "=batch")),
                   (("=nothing",), ("=like",)), (("=re",), ("=added",)),
                   (("=back",), ("=normal",))],
    }


def negated(lower: str, start: int, sentence_start: int) -> bool:
    """True when the words just before a match deny it ("not being cut", "no layoffs")."""
    before = lower[max(sentence_start, start - 40):start]
    if not any(map(before.__contains__, _NEG_HINTS)):
        return False
    m = _NEG_BEFORE.search(before)
    if m is None:
        return False
    return _NEG_EXEMPT.match(lower, max(sentence_start, start - 40) + m.start()) is None
