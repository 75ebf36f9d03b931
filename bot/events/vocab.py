"""Word lists grouping reads text with: knowledge as data, kept out of the rules.

``STOPWORDS`` carry no meaning for similarity; ``GENERIC`` are words every
report in this domain uses (pay, project, workers), which count for little
when two reports share them; ``PROJECT_WORDS`` are the words a project's name
stands next to ("the Kestrel project", "Genesis queue"); ``NOT_PROJECTS`` are
capitalised names that are never a project (companies, places, outlets,
months), beside the platform names the registry knows. The ordinary English
words a title-cased headline capitalises come from ``common_words.txt``.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words("""
a about above after again against all almost also am an and any are aren around as at be
because been before being below between both but by can cannot could couldn did didn do does
doesn doing don down during each even ever every few for from further get gets getting got had
hadn has hasn have haven having he her here hers herself him himself his how i if in into is
isn it its itself just let like ll me more most much must my myself no nor not now of off on
once one only or other our ours ourselves out over own per re really said same say says she
should shouldn so some still such than that the their theirs them themselves then there these
they this those through to too under until up us ve very via was wasn we were weren what when
where which while who whom why will with won would wouldn yet you your yours yourself
yourselves anyone anybody everyone everybody someone something anything nothing today
yesterday tomorrow week weeks month months day days year years hour hours ago new news update
updates just literally apparently reportedly officially lol lmao guys rn btw tldr edit im ive
dont cant wont thats theres whats anyway maybe sure thing things lot lots many
""")

GENERIC = _words("""
pay paid rate rates project projects task tasks work worker workers job jobs people contractor
contractors annotator annotators platform platforms company team staff employee employees
tasker taskers rater raters tutor tutors expert experts generalist generalists cut cuts
email emails account accounts ai data label labeling labelling annotation model models
whole hit hits hourly dollar dollars announce announced announces report reported reports
source sources tell told
""")
"""Every report of every event uses these; shared, they say little about *which* event."""

PROJECT_WORDS = _words("""
project projects queue queues pod pods program programs programme programmes campaign
campaigns workstream workstreams stream track initiative
""")

NOT_PROJECTS = _words("""
google alphabet meta facebook instagram openai anthropic microsoft amazon apple nvidia tesla
xai grok gemini claude chatgpt gpt llama bard copilot deepmind reddit discord slack discourse
whatsapp linkedin twitter youtube tiktok upwork fiverr paypal payoneer airtm gcash stripe deel
workday oracle salesforce accenture ibm intel cognizant taskus teleperformance hitachi
bloomberg reuters techcrunch insider forbes fortune verge wired semafor information axios
guardian cnbc cnn bbc nyt times post journal newsweek venturebeat siliconangle register
businesswire newswire prnewswire globenewswire yahoo msn
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec
us usa uk eu europe america american americans india indian philippines filipino kenya
kenyan nigeria nigerian pakistan canada canadian mexico brazil china chinese germany
ireland australia
asia asian africa african latam emea apac oceania
english spanish mandarin hindi portuguese french german japanese korean arabic
ceo cto cfo coo hr pm pms qa qm qms phd phds md mds stem llm llms rlhf sft api usd
reddit mods admin admins tl dr faq ama psa eta update edit megathread megathreads
""")

LANGUAGES = _words("""
tagalog swahili polish dutch flemish czech slovak finnish swedish norwegian danish nordic
icelandic italian russian ukrainian turkish greek hungarian romanian bulgarian serbian
croatian vietnamese thai indonesian malay bengali marathi tamil telugu urdu punjabi gujarati
kannada malayalam hebrew persian farsi amharic yoruba hausa igbo zulu cantonese catalan
""")
"""Languages (and the peoples who speak them): rare capitalised words that say whose work
it is, not which project. Shared, they tie two reports like any rare name ("Czech" in the
linguists' layoff); named by one report only, they never set it apart from an event ("Big
multilingual push: Tagalog, Swahili" after "3,000 experts in 14 languages"). English,
Spanish and the other languages ``NOT_PROJECTS`` lists are not names at all."""

ROLES: dict[str, frozenset[str]] = {
    "languages": _words("linguist linguists multilingual bilingual polyglot polyglots "
                        "translator translators interpreters"),
    "subjects": _words("phd phds mathematician mathematicians physicist physicists chemist "
                       "chemists biologist biologists scientist scientists "
                       "coder coders developer developers programmer programmers "
                       "engineer engineers "
                       "doctor doctors physician physicians clinician clinicians nurse nurses "
                       "radiologist radiologists "
                       "lawyer lawyers attorney attorneys paralegal paralegals"),
}
"""The two families of roles a hiring drive recruits, by the words its reports name them
with: language work (linguists, multilingual raters) and expertise in a subject (PhDs,
coders, doctors, lawyers). A platform recruiting linguists the week it recruits chemists
runs two drives, told apart by whom they want as projects are by their names. The subjects
are one family: an expert network recruits doctors, lawyers and coders at once, and its
reports each name a few ("300 physicians and 200 attorneys" after "engineers for code
review"). Only words for the people wanted count: a subject or a field ("legal",
"coding", "stem", "medical") is ordinary talk too ("is it even legal", "the devs broke the
page", "delays stem from", "color coding")."""

DENIED_KINDS: dict[str, frozenset[str]] = {
    "pay": _words("pay pays paid rate rates hourly wage wages earn earnings bonus bonuses "
                  "reward rewards compensation"),
    "jobs": _words("job jobs layoff layoffs laid redundancy redundancies offboarded offboarding "
                   "fired headcount gutting gutted downsizing mass workforce staffing "
                   "terminated terminating termination terminations"),
    "sites": _words("closure closures closing office offices hub hubs centre center operational"),
    "sign-ups": _words("waitlist waitlisted waitlisting signup signups onboarding applicants "
                       "applications registration registrations hiring freeze frozen"),
    "projects": _words("paused pause pausing discontinue discontinued discontinuing "
                       "dead drought droughts dry dried empty waves slowdown slowdowns"),
    "exit": _words("exit exits exiting shutting shutdown"),
    "hours": _words("hours"),
}
"""The words a denial says what it denies with ("no change to hourly rates", "reports of
job cuts are inaccurate", "'gutting' the team", "claims that contributors have been
terminated are inaccurate", "disputes the office closure report", "remains
fully operational", "our workforce is unchanged", "reports about our
staffing", "reports that registration is closed", "denies a hiring freeze", "posts
suggesting the program is being discontinued", "we are not shutting down"), by the kind of
news they deny. A work drought is denied in the words
it was told with ("the site is not dead", "no drought, work comes in waves", "the queue was
never empty", "denies a slowdown"), as a pause is. A market left is denied by the exit
("reports of our exiting the region are inaccurate"); "markets" alone is as often the
markets a programme is rebalanced across. A cut in the hours workers may log is denied by
the hours ("weekly hour limits have not changed"). A lost client is denied in phrases
(``DENIED_PHRASES``)."""

_CLIENT = r"(?:client|customer|buyer)s?"
DENIED_PHRASES: dict[str, re.Pattern[str]] = {
    "lost client": re.compile("|".join((
        r"\b" + _CLIENT + r"\s+(?:relationships?|partnerships?|contracts?)\b[^.;]{0,40}?\b"
        r"(?:continu|remain|(?:is|are)\s+(?:intact|unchanged|in\s+place))",
        r"\brelationships?\s+with\s+(?:\w+\s+){0,3}?" + _CLIENT + r"\s+(?:continu|remain|"
        r"(?:is|are)\s+(?:intact|unchanged))",
        r"\b" + _CLIENT + r"\s+remains?\b",
        r"\b(?:has|have|had)\s*(?:not|n't|never)\s+lost\s+(?:\w+\s+){0,2}?" + _CLIENT,
        r"\b(?:did|does|do)\s*(?:not|n't)\s+lose\s+(?:\w+\s+){0,2}?" + _CLIENT,
        r"\b(?:reports?|reporting|stories|story|articles?|claims?)\s+(?:about|on|regarding|"
        r"concerning)\s+(?:[\w']+\s+){0,4}?" + _CLIENT + r"\s+(?:relationships?|"
        r"partnerships?|contracts?|accounts?)\b",
        r"\bwork\s+with\s+(?:[\w']+\s+){0,4}?(?:" + _CLIENT + r"|partners?)\s+(?:continu|"
        r"remain|(?:is|are)\s+(?:intact|unchanged))",
    ))),
    "exit": re.compile(r"\bwithdraw(?:s|ing|n)?\s+from\b"),
}
"""Phrases a denial says what it denies with, where its words alone would not: a lost client
is denied by the relationship that goes on ("our customer relationships continue", "the
account with that buyer remains", "our work with all our major partners continues") or by
the reporting about that relationship it answers ("reporting about one of our client
relationships is inaccurate"), not by a client named in passing ("rates hold; client demand
varies"); a market left by the withdrawal from it ("not withdrawing from Kenya"), not by a
payout ("withdraw your balance"). Read in a report's headline and opening, lower case."""

DENIED_ANY = _words("reduction reductions")
"""Words a denial of job cuts may speak of alone ("reports about reductions in our
community are inaccurate", "no overall reduction in the number of contributors"): they
deny job cuts only when the denial names no other kind ("no reduction to hourly rates"
denies a pay cut)."""

REPEATS = _words("again another second third renewed fresh")
"""Headline words telling that something happened once more: a new story, not a late
report of the last one."""

ADDS = re.compile(
    r"\btoo\b(?!\s+[a-z])|\b(?:also|as\s+well)\b"
    r"|\bsame\s+(?:[\w']+\s+){0,2}?(?:e-?mails?|mails?|notices?|messages?|letters?|memos?|"
    r"texts?|notifications?)\b"
    r"|\bfor\s+(?:all|every\s*(?:one|body))\s*\?")
"""A headline telling that the news reached more people, or that its writers got what others
got ("India raters too, rate cut from 1 March", "Bangalore office also affected?", "getting
the same 'thank you' email?", or asking it: "no tasks for all?", "queue empty for
everyone?"): a further report of news out already, not news of its own.
Not "too" before the word it modifies ("too many layers"), nor "the same week" or "the same
work for less", which set two stories side by side. Read in the headline, lower case."""

MORE_OF = _words("dozens scores hundreds thousands")
"""Counts that, followed by "more" ("cuts 200 more", "hundreds more let go"), tell of a
further round: a new story, not a late report of the last one."""

CLIENT_ENDED = re.compile(
    r"\b" + _CLIENT + r"(?:\s+(?:behind|for|on|of|at|from)(?:\s+[\w'-]+){1,3}?)?"
    r"\s+(?:(?:is|are|has|have|had)\s+)?(?:ended|ending|pulled|terminated|"
    r"cancell?ed|dropped|cut|cutting|reduced|reducing|scal(?:ed|ing)\s+back)\b"
    r"|\b(?:ended|pulled|terminated|cancell?ed|cut|reduced|scaled\s+back)\s+by\s+(?:the|its|our|"
    r"a|their)\s+" + _CLIENT + r"\b")
"""A client said to have ended the work, its words in that order: a project gone because
"the customer terminated the statement of work" ("the client behind Heron pulled out",
"the buyer is reducing the scope",
"scaled back by the client") carries out the client's loss; one paused "while the client
reviews the data", with "rates were cut too" said elsewhere, does not. Read in a report's
headline and opening, lower case."""

_SITE = r"(?:office|hub|centre|center|site|facility|campus|branch|annex|annexe|building)s?"
RESPONSE = re.compile("|".join((
    r"\bcost[- ]?(?:cutting|reduction|out|saving|savings|measures?)\b",
    r"\b(?:cut|cuts|cutting|reduce|reduces|reducing|lower|lowering)\s+(?:(?:our|its|their|"
    r"fixed|operating)\s+){0,2}costs\b",
    r"\bsav(?:e|es|ing)\s+(?:[$\u00a3\u20ac]|us\$|money)|\bsavings\b",
    r"\b(?:close|closes|closing|closure|shut|shuts|shutting|shutter|shutters)\s+(?:[\w'-]+\s+)"
    r"{0,3}?" + _SITE + r"\b",
    r"\b" + _SITE + r"\s+clos(?:ure|ing)\b",
    r"\bdelivery[- ]model\b",
)))
"""What a platform tells of when it decides something in response to losing a client: a
cost programme ("to save $13.5m", "cost reduction initiatives", "to reduce our fixed
costs"), a site closed ("closing its Manila operations hub", "to shutter its office", "to shut its
Westlands annex", "closing the Mombasa Rd building"), a
new delivery model. Read in a report's headline and opening, lower case."""

_WORK = (r"(?:projects?|queues?|work|tasks?|programmes?|programs?|batch(?:es)?|campaigns?|"
         r"engagements?|pipelines?|contracts?)")
"""The work itself, as the subject or object of a pause or an end: not an account, a payout or
a score, which are one worker's and not the project's."""
_HOLD = r"(?:paused|pausing|pauses?|on\s+hold|halted|halts?|halting)"
_REVIEWER = r"(?:(?:the|a|its|our|their)\s+)?(?:client|customer|buyer|they)"
HELD_FOR_REVIEW = re.compile(
    r"(?:\b" + _WORK + r"\b[^.;!?\n]{0,40}?\b" + _HOLD
    + r"|\b" + _HOLD + r"\s+(?:[\w'-]+\s+){0,3}?" + _WORK + r")\b"
    r"[^.;!?\n]{0,80}?\b(?:while|as|for|pending|until)\s+" + _REVIEWER + r"\b"
    r"[^.;!?\n]{0,30}?\b(?:review|audit)(?:s|ed|ing)?\b"
    r"(?!\s+(?:my|your|his|her|our)\s+(?:account|payout|profile)s?\b)")
"""Work held while someone looks over what was delivered ("the voice project is paused as
the buyer reviews the batches", "halted the tagging work for a client quality audit"): a
pause that expects the work back, not a client's loss, whatever client it names
(events.md: "a pause is not tied to a client loss unless a report says so"). The work is
what is held and a reviewer does the looking: one worker's account or payout held "while
they audit my account", a pause "to review the rubric", a review score are not. Read in a
report's headline and opening, lower case, within one sentence."""

REBUTS = re.compile("|".join((
    r"\bdespite\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:company\s+)?(?:denials?|statements?)\b",
    r"\bwhatever\s+the\s+(?:statement|company|denial)\s+says\b",
    r"\bignore\s+the\b[^.;!?]{0,40}\bstatement\b",
    r"\bcalls?\s+(?:it|them|the\s+reports?)\s+['\"\u2018\u201c]?(?:inaccurate|false|untrue|"
    r"misleading|wrong)\b[^.;!?]{0,20}\bbut\b",
)))
"""A headline that answers a denial ("whatever the statement says, the rosters stop on the
30th", "they call it 'untrue' but the team chat already has the exit dates", "contractors
list their ended pods despite the denial"): a report of the event the denial disputed,
which the denial's words may not share. Read in the headline, lower case."""

_ENDED = r"(?:ended|concluded|terminated|cancell?ed|discontinued|axed|shut\s+down|wound\s+down)"
WORK_ENDED = re.compile(
    r"\b" + _ENDED + r"\s+(?:[\w'-]+\s+){0,2}?" + _WORK + r"\b"
    r"|\b" + _WORK + r"\s+(?:(?:has|have|had|was|were|is|are)\s+(?:been\s+)?)?" + _ENDED
    + r"\b")
"""A headline saying the work ended, as done ("a month on, where did the raters of the
cancelled maps programme go?", "the evaluation contract was terminated"): not a pause held
while a client reviews the data, which expects the work back (events.md: a pause is not
tied to a client loss unless a report says so). The work itself ended and is over: a
pause or a pay review that "ends friday", a payout cancelled, tasks "ending soon?" are
not. Read in the headline, lower case."""
