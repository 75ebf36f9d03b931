"""Late reports that tie back past the join window by what they say: how long after the
event they come, the figures they give as ranges or shares."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import find_figures, told_after, told_month
from bot.events.text import normalise, tells_of_a_repeat
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]

CUTS = [
    (reddit("c1", "gone", "Email at 5pm: my tutor role is eliminated, Slack access already "
            "revoked.", sub="xai"), verdict("layoff", ["xai"], tier="generalist")),
    (press("c2", "xAI lets go of hundreds of AI tutors - Business Insider", when=at(hours=18)),
     verdict("layoff", ["xai"], tier="generalist")),
]


def test_a_headline_says_how_long_after_it_comes() -> None:
    assert told_after("2 weeks later: final pay came, severance didn't") == 14
    assert told_after("two weeks after, a quick survey of who got cut") == 14
    assert told_after("Onboarding still closed 2 weeks later") == 14
    assert told_after("A month on, the raters are still waiting") == 30
    assert told_after("3 months in and still no tasks") is None
    # days and weeks "in" count from the change; months "in" are someone's time on the job
    assert told_after("9 days in: who is still waiting") == 9
    assert told_after("Two weeks into the pause, no word from support") == 14
    assert told_after("after two weeks of no tasks I quit") is None
    assert told_after("Ten days after the exit, raters look for work") == 10
    assert told_after("twelve days later and still no pay") == 12


async def test_a_span_may_count_from_any_day_the_event_was_reported(db_sessions: Sessions
                                                                    ) -> None:
    """Workers are told on the 1st that the platform leaves their country on the 5th; the
    news runs until the 5th. "Ten days after Remotasks left", on the 15th, counts from the
    exit, not from the first email: it ties back all the same."""
    exit_news = [
        (reddit("x1", "email: remotasks ending here on the 5th??", sub="remotasks"),
         verdict("shutdown", ["remotasks"])),
        (press("x2", "Remotasks to leave Ghana and Uganda - Reuters", when=at(days=2)),
         verdict("shutdown", ["remotasks"])),
        (press("x3", "Remotasks is gone from Ghana today - Quartz Africa", when=at(days=4)),
         verdict("shutdown", ["remotasks"])),
    ]
    late = (press("x4", "Ten days after Remotasks left, its taskers look for work",
                  "Former taskers describe the scramble for other gigs.", when=at(days=14)),
            verdict("shutdown", ["remotasks"]))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*exit_news, late])
    assert ids[0] == ids[1] == ids[2] == ids[3]


async def test_a_report_saying_it_comes_two_weeks_later_ties_back(db_sessions: Sessions
                                                                   ) -> None:
    """Thirteen days on, past the join window, sharing no name or figure: its headline says
    it comes two weeks after, and the layoffs began two weeks before."""
    late = (reddit("c3", "14 days on: last invoice cleared, no severance",
                   "For the group cut at the start of the month: the invoice went through this "
                   "morning and that is all. Some of us found other gigs.", sub="xai",
                   when=at(days=13)),
            verdict("layoff", ["xai"], tier="generalist"))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*CUTS, late])
    assert ids[0] == ids[1] == ids[2]


async def test_a_span_that_does_not_fit_or_another_kind_does_not_tie(db_sessions: Sessions
                                                                      ) -> None:
    """"Two weeks later" a month after the layoffs began is not about them; a pay cut two
    weeks later is a new decision, whatever its headline says."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        *CUTS,
        (reddit("c4", "2 weeks later: final pay came, severance didn't",
                "Last invoice paid today, nothing else.", sub="xai", when=at(days=30)),
         verdict("layoff", ["xai"], tier="generalist")),
        (reddit("c5", "Two weeks later, the rest of us get a rate cut",
                "Generalist rate down for everyone still here.", sub="xai", when=at(days=14)),
         verdict("pay_cut", ["xai"], tier="generalist")),
    ])
    assert ids[0] == ids[1]
    assert ids[2] not in ids[:2] and ids[3] not in ids[:2]


def test_a_count_and_more_tells_of_a_further_round() -> None:
    for said in ("Two weeks after layoffs, Scale AI cuts 200 more",
                 "Outlier lets hundreds more contractors go", "1,200 more jobs cut at Appen"):
        assert tells_of_a_repeat(normalise(said)), said
    for said in ("More than 200 laid off at Scale AI", "two weeks later: no more tasks",
                 "Outlier cuts 200, more to come"):
        assert not tells_of_a_repeat(normalise(said)), said


async def test_a_further_round_two_weeks_later_is_not_a_late_report(db_sessions: Sessions
                                                                     ) -> None:
    """"Two weeks after layoffs, xAI lets 200 more tutors go" says when it comes, but a
    count followed by "more" is the next round: a new decision, a new event."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *CUTS,
        (press("c6", "Two weeks after layoffs, xAI lets 200 more tutors go - Business Insider",
               when=at(days=13)), verdict("layoff", ["xai"], tier="generalist")),
    ])
    assert ids[0] == ids[1] and ids[2] != ids[0]


def test_ranges_give_their_ends_and_middle_and_a_change_is_not_a_rate() -> None:
    said = find_figures("Between 300 and 400 agents are expected to leave by April.")
    assert said.heads == (300, 350, 400)
    assert find_figures("told that 'between 200 and 250' of us are out").heads == (200, 225, 250)
    drop = find_figures("Confirmed: $3 drop on general tasks, the $25+ quals unaffected")
    assert drop.money == (25,) and drop.deltas == (3,) and drop.ratio is None


async def test_a_late_report_agreeing_with_a_range_ties_back(db_sessions: Sessions) -> None:
    """The restructuring said 300 to 400 agents would leave by the end of the month; on
    the day, "300+ colleagues" in a farewell post ties it back, 25 days on."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("s1", "Sama restructures its Nairobi delivery centre",
               "Between 300 and 400 agents are expected to leave by the end of the month.",
               feed="Business Daily"), verdict("restructuring", ["sama"])),
        (reddit("s2", "Sama layoffs - anyone affected?", "My cousin at Sama says agents will "
                "be transitioned out.", sub="Kenya", when=at(hours=7)),
         verdict("layoff", ["sama"])),
        (press("s3", "After 5 years at Sama, today is my last day",
               "Proud of the 300+ colleagues I worked with. Open to work.", feed="LinkedIn",
               url="https://linkedin.com/posts/s3", when=at(days=25)),
         verdict("layoff", ["sama"])),
    ])
    assert ids[0] == ids[1] == ids[2]


PAY_CUT = (reddit("r1", "base projects showing $17 now?", "dashboard said $20 on everything "
                  "general, tonight every project says $17.", sub="dataannotationtech"),
           verdict("pay_cut", ["dataannotation"], tier="generalist"))


async def test_a_pay_change_told_as_its_amount_or_its_share_is_the_same_change(
    db_sessions: Sessions
) -> None:
    """"a $3 drop" (beside a rate the cut left alone) is the $20 to $17 cut, not a second
    change of pay; "15% less" ten days on, past the join window, is its share."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        PAY_CUT,
        (reddit("r2", "Confirmed: $3 drop on general tasks, qualifications unaffected",
                "Checked with friends. Coding and the $25+ quals are the same.",
                sub="dataannotationtech", when=at(hours=19)),
         verdict("pay_cut", ["dataannotation"], tier="generalist")),
        (reddit("r3", "DataAnnotation general work pays 15% less than in December",
                "Heads up if you plan around it.", sub="beermoney", when=at(days=11)),
         verdict("pay_cut", ["dataannotation"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2]



async def test_a_raise_told_as_its_new_rate_and_share_ties_back_late(db_sessions: Sessions
                                                                      ) -> None:
    """Eight days on, past the join window: "£9 an hour, a 50% rise" shares one amount with
    "£6 to £9" (which ties nothing alone) and gives its share, which ties."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("w1", "Minimum hourly pay for studies rises to £9 from £6 next month",
                "Email to participants today.", sub="ProlificAc"),
         verdict("pay_raise", ["prolific"], tier="all")),
        (press("w2", "Survey platform lifts its pay floor to £9 an hour - Research Live",
               "Researchers must pay at least £9 an hour on Prolific, a 50% rise on the old "
               "floor.", when=at(days=8)), verdict("pay_raise", ["prolific"], tier="all")),
    ])
    assert ids[0] == ids[1]

COHORT = [
    (press("v1", "Invisible to close its Latin American AI trainer cohort programme - Rest "
           "of World", "The cohort programme for trainers in Colombia and Mexico is retired "
           "at the end of the month."), verdict("shutdown", ["invisible"])),
    (reddit("v2", "LATAM cohort programme is being retired??", "our cohort lead said the "
            "trainer cohort programme ends at end of month.", sub="InvisibleTech",
            when=at(days=1)), verdict("shutdown", ["invisible"])),
]


async def test_the_contract_ends_that_carry_out_a_closure_join_it_weeks_later(
    db_sessions: Sessions
) -> None:
    """The programme's closure, then on the day its trainers' contract-end emails: one
    event."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *COHORT,
        (reddit("v3", "and now the contract-end emails", "Everyone in the trainer cohort "
                "programme got 'your engagement has concluded' today.",
                sub="InvisibleTech", when=at(days=26)), verdict("layoff", ["invisible"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_layoff_of_other_staff_weeks_after_a_closure_is_a_new_decision(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *COHORT,
        (press("v4", "Invisible lays off 40 engineers in New York - Business Insider",
               when=at(days=27)), verdict("layoff", ["invisible"])),
    ])
    assert ids[0] == ids[1] != ids[2]


async def test_no_event_spans_more_than_the_tie_window(db_sessions: Sessions) -> None:
    """A client's exit, its layoffs three weeks on, then a brand's pods removed seven weeks
    after the exit: each report is within the tie window of the one before, but one action
    at one time does not stretch over two months."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("x1", "A top AI lab pulls a large data contract from Scale AI - Reuters"),
         verdict("client_loss", ["scale_ai"])),
        (press("x2", "Scale AI's Remotasks closes taskers' accounts weeks after a lab client "
               "walked - Rest of World", when=at(days=21)),
         verdict("layoff", ["remotasks", "scale_ai"])),
        (reddit("x3", "entire Hindi + Bengali pods removed this morning",
                "every language specialist in our pod got it within 10 min.",
                when=at(days=52)), verdict("layoff", ["outlier"], tier="expert")),
    ])
    assert ids[0] == ids[1] != ids[2]


SUNSET = [
    (reddit("s1", "Remo closing in Indonesia?? Email says 'sunsetting'",
            "Email today: Remotasks will be sunsetting operations in Indonesia on the 25th. "
            "Withdraw your balance before then.", sub="remotasks", author="tasker_jkt"),
     verdict("shutdown", ["remotasks"])),
    (press("s2", "Remotasks leaves Southeast Asia with two weeks' notice - Rest of World",
           when=at(days=1)), verdict("shutdown", ["remotasks"])),
]


async def test_the_first_posters_update_a_week_on_ties_back(db_sessions: Sessions) -> None:
    """Past the join window, sharing little wording: the same person telling more of the
    story they posted ("UPDATE on my post from last week")."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *SUNSET,
        (reddit("s3", "Update: deadline confirmed, and Malaysia is included",
                "support confirmed Malaysia also ends on the 25th, manual form after that.",
                sub="remotasks", author="tasker_jkt", when=at(days=8, hours=12)),
         verdict("shutdown", ["remotasks"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_strangers_post_a_week_on_does_not_tie_back_by_its_kind(db_sessions: Sessions
                                                                         ) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *SUNSET,
        (reddit("s4", "Update: deadline confirmed, and Malaysia is included",
                "support confirmed Malaysia also ends on the 25th, manual form after that.",
                sub="remotasks", author="someone_else", when=at(days=8, hours=12)),
         verdict("shutdown", ["remotasks"])),
    ])
    assert ids[0] == ids[1] != ids[2]


async def test_the_first_posters_update_of_another_workforce_kind_ties_back(
    db_sessions: Sessions
) -> None:
    """The project's end, then its first poster's news of who was let go, eight days on."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("w1", "Ads rating project ending - everybody out by the 13th",
                "Email today: the Ads rating project concludes on the 13th.", sub="Appen",
                author="ads_rater"), verdict("project_pause", ["appen"])),
        (reddit("w2", "Ads rating project ending: some got moved, most didn't", "Follow-up: "
                "about a third were offered other work, the rest are out by the 13th.",
                sub="Appen", author="ads_rater",
                when=at(days=8, hours=6)), verdict("layoff", ["appen"])),
    ])
    assert ids[0] == ids[1]


async def test_the_first_posters_update_late_in_the_join_window_costs_no_more_for_its_days(
    db_sessions: Sessions
) -> None:
    """Six days on, inside the join window, the first poster's update of the project's end
    shares little wording with the press report that came between."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("u1", "Ads rating project ending - everybody out by the 13th",
                "Email today: the Ads rating assignment concludes on the 13th. Around 300 of "
                "us on the forum.", sub="Appen", author="ads_rater"),
         verdict("layoff", ["appen"])),
        (press("u2", "Appen winds down ads-rating work, hundreds of contractors affected - AFR",
               when=at(days=2)), verdict("project_pause", ["appen"])),
        (reddit("u3", "Ads project: some got moved, most didn't", "Follow-up: of the ~280 in "
                "our forum, about 40 were offered spots elsewhere. The rest are done.",
                sub="Appen", author="ads_rater", when=at(days=8, hours=8)),
         verdict("layoff", ["appen"])),
    ])
    assert ids[0] == ids[1] == ids[2]


def test_a_headline_names_a_change_by_its_month() -> None:
    assert told_month("I was a team lead at Turing until the February cuts. AMA") == 2
    assert told_month("Contract writers sue over April pay reduction") == 4
    assert told_month("Half my team gone in the April cuts") == 4
    assert told_month("India raters: rates cut from October") is None
    assert told_month("What did everyone make in March?") is None


async def test_a_late_report_naming_the_month_of_the_cuts_ties_back(db_sessions: Sessions
                                                                     ) -> None:
    """Seventeen days on, past the join window, no shared name or figure: "the September
    cuts" are the layoffs first reported in September."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *CUTS,
        (reddit("c6", "Ex tutor lead here, let go in the September cuts. Questions welcome",
                "I ran a pod until my role ended. Happy to answer what I can.", sub="xai",
                when=at(days=17)), verdict("layoff", ["xai"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_late_report_naming_another_month_does_not_tie(db_sessions: Sessions) -> None:
    """"The August cuts" are not the layoffs first reported in September."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *CUTS,
        (reddit("c7", "Ex tutor lead here, let go in the August cuts. Questions welcome",
                "I ran a pod until my role ended. Happy to answer what I can.", sub="xai",
                when=at(days=17)), verdict("layoff", ["xai"], tier="generalist")),
    ])
    assert ids[0] == ids[1] != ids[2]


async def test_the_move_to_specialists_told_two_weeks_after_the_layoff_ties_back(
        db_sessions: Sessions) -> None:
    """A tier shift told "two weeks on" is the move the layoff was made for; a layoff told
    two weeks after a move to specialists is a new decision."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        *CUTS,
        (press("c8", "Two weeks on, the tutor programme belongs to specialists - Semafor",
               "The company now hires doctors and engineers for the work.", when=at(days=14)),
         verdict("tier_shift", ["xai"], tier="expert")),
        (press("m1", "micro1 moves its writing work to domain specialists - Axios",
               when=at(days=60)), verdict("tier_shift", ["micro1"])),
        (press("m2", "Two weeks after its pivot, micro1 lays off its generalist writers",
               when=at(days=74)), verdict("layoff", ["micro1"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[4]


def test_moved_to_another_project_is_where_work_went_not_a_repeat() -> None:
    for said in ("Three weeks on - did anyone get moved to another project?",
                 "looking for another platform after the cuts"):
        assert not tells_of_a_repeat(normalise(said)), said
    for said in ("Another project paused at Outlier", "Appen cuts another 100 raters",
                 "Toloka goes into another round of job cuts",
                 "Remotasks trims pay for another 300 taggers"):
        assert tells_of_a_repeat(normalise(said)), said


async def test_a_headline_placing_itself_after_the_event_by_name_ties_whatever_its_kind(
        db_sessions: Sessions) -> None:
    """A client cuts a programme ("Quillon"); two weeks on a worker asks "14 days after the
    Quillon notice: where did people land?", read as a pay cut (it speaks of
    the lower rate elsewhere). Its headline says which event it follows, by name: it joins
    the loss, not the rate cut at another project that week, whose name its body gives."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("h1", "Appen says a customer will cut its Quillon rating programme - Reuters"),
         verdict("client_loss", ["appen"], tier="generalist")),
        (reddit("h2", "Quillon ends on the 30th for most of us", "Email says the client is "
                "cutting Quillon, participation ends at the end of the month.", sub="Appen",
                when=at(hours=5)), verdict("client_loss", ["appen"], tier="generalist")),
        (reddit("p1", "Tavrin rate going from $15 to $13", "New Tavrin rate from next month.",
                sub="Appen", when=at(days=9)), verdict("pay_cut", ["appen"])),
        (reddit("p2", "Tavrin pay cut to $13 confirmed for everyone", sub="Appen",
                when=at(days=10)), verdict("pay_cut", ["appen"])),
        (reddit("h3", "14 days after the Quillon notice: where did people land?",
                "A couple of us got Tavrin offers, paying the new $13.",
                sub="Appen", when=at(days=14)), verdict("pay_cut", ["appen"])),
    ])
    assert ids[0] == ids[1] == ids[4]
    assert ids[2] == ids[3] != ids[0]
