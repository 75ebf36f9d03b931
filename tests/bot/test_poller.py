"""The whole ingestion path, through the doubles, into a real store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from bot.app import Services, build_services
from bot.config import FeedSettings, Settings, SourceSettings, parse_settings
from bot.poller import FeedJob, RedditJob
from bot.sources.addresses import AddressGuard
from storage.models import Post
from storage.queries.sources import all_states
from tests.doubles.feeds import Fault, FeedDouble
from tests.doubles.reddit import RedditDouble

SUBREDDITS = [f"sub{i:02d}" for i in range(30)]


def settings_for(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble | None = None,
    *, credentials: bool = True, feed_names: tuple[str, ...] = (),
) -> Settings:
    base = parse_settings({"builtin_sources": False}, env={})
    sources = [SourceSettings("reddit", s) for s in SUBREDDITS]
    if feeds is not None:
        sources += [SourceSettings("feed", feeds.url_for(n), "appen") for n in feed_names]
    overrides = {} if credentials else {"client_id": None, "client_secret": None}
    return replace(
        base,
        database=replace(base.database, url=f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"),
        reddit=reddit.reddit_settings(**overrides),
        feeds=FeedSettings(timeout_seconds=0.5, max_bytes=100_000, max_redirects=3,
                           allow_private=True),
        sources=tuple(sources),
    )


@pytest.fixture
async def reddit() -> AsyncIterator[RedditDouble]:
    async with RedditDouble() as double:
        yield double


@pytest.fixture
async def feeds() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        yield double


async def stored_ids(services: Services) -> list[str]:
    async with services.sessions() as session:
        return list((await session.execute(select(Post.external_id))).scalars())


async def test_thirty_subreddits_cost_two_listing_requests(
    tmp_path: Path, reddit: RedditDouble
) -> None:
    async with build_services(settings_for(tmp_path, reddit)) as services:
        assert len(services.poller.plan.reddit) == 2
        reddit.add_posts(60, SUBREDDITS)
        before = reddit.listing_requests
        outcomes = await services.poller.poll_all()
        assert reddit.listing_requests - before <= 2
        assert sum(len(o.new) for o in outcomes) == 60
        before = reddit.listing_requests
        await services.poller.poll_all()
        assert reddit.listing_requests - before <= 2


async def test_burst_of_250_between_polls_loses_none(tmp_path: Path, reddit: RedditDouble) -> None:
    async with build_services(settings_for(tmp_path, reddit)) as services:
        reddit.add_posts(5, SUBREDDITS)
        await services.poller.poll_all()
        burst = reddit.add_posts(250, SUBREDDITS)
        await services.poller.poll_all()
        ids = await stored_ids(services)
    assert set(burst) <= set(ids)
    assert len(ids) == len(set(ids)) == 255


async def test_restart_neither_repeats_nor_skips(tmp_path: Path, reddit: RedditDouble) -> None:
    settings = settings_for(tmp_path, reddit)
    published = reddit.add_posts(40, SUBREDDITS)
    async with build_services(settings) as services:
        first = await services.poller.poll_all()
        assert sum(len(o.new) for o in first) == 40
    published += reddit.add_posts(130, SUBREDDITS)
    async with build_services(settings) as services:
        second = await services.poller.poll_all()
        assert sum(len(o.new) for o in second) == 130
        ids = await stored_ids(services)
    assert sorted(ids) == sorted(published)


async def test_failed_page_moves_no_cursor_and_the_next_poll_catches_up(
    tmp_path: Path, reddit: RedditDouble
) -> None:
    async with build_services(settings_for(tmp_path, reddit)) as services:
        reddit.add_posts(5, SUBREDDITS)
        await services.poller.poll_all()
        burst = reddit.add_posts(250, SUBREDDITS[:25])
        reddit.fail_next(1, status=502)
        failed = await services.poller.poll(services.poller.plan.reddit[0], force=True)
        assert failed.error == "HTTP 502" and failed.new == []
        ok = await services.poller.poll(services.poller.plan.reddit[0], force=True)
        assert {i.post.record.external_id for i in ok.new} == set(burst)


async def test_without_credentials_the_atom_feed_gives_the_same_fullnames(
    tmp_path: Path, reddit: RedditDouble
) -> None:
    published = reddit.add_posts(20, SUBREDDITS)
    (tmp_path / "a").mkdir()
    async with build_services(settings_for(tmp_path / "a", reddit)) as api:
        await api.poller.poll_all()
        via_api = sorted(await stored_ids(api))
    (tmp_path / "b").mkdir()
    async with build_services(settings_for(tmp_path / "b", reddit, credentials=False)) as atom:
        await atom.poller.poll_all()
        via_atom = sorted(await stored_ids(atom))
    assert via_api == via_atom == sorted(published)
    assert any("/.rss" in r.path for r in reddit.requests)


@pytest.mark.parametrize(("fault", "reason"), [
    (Fault("status", status=429), "HTTP 429"),
    (Fault("status", status=500), "HTTP 500"),
    (Fault("slow", delay=30), "timeout"),
    (Fault("malformed"), "not a feed"),
    (Fault("oversize", size=200_000), "body larger than"),
    (Fault("garbage"), "not a feed"),
], ids=["429", "5xx", "timeout", "malformed", "oversize", "garbage"])
async def test_a_failing_feed_is_recorded_and_others_still_poll(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble, fault: Fault, reason: str
) -> None:
    feeds.feed("good").add("Appen news", guid="good-1")
    feeds.feed("bad").add("never seen", guid="bad-1")
    feeds.fail_next("bad", fault)
    reddit.add_posts(3, SUBREDDITS)
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("bad", "good"))
    async with build_services(settings) as services:
        outcomes = {o.key: o for o in await services.poller.poll_all()}
        bad = outcomes[f"feed:{feeds.url_for('bad')}"]
        assert bad.error is not None and reason in bad.error
        assert len(outcomes[f"feed:{feeds.url_for('good')}"].new) == 1
        assert sum(len(o.new) for k, o in outcomes.items() if k.startswith("reddit:")) == 3
        async with services.sessions() as session:
            states = {s.key: s for s in await all_states(session)}
        assert reason in (states[bad.key].last_error or "")
        assert states[bad.key].failures == 1


async def test_non_utf8_feed_and_redirect_loop(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    latin = feeds.feed("latin", encoding="iso-8859-1")
    latin.add("Appen cuts café contractors", guid="l1", summary="<p>Prix réduits</p>")
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("latin",))
    loop_url = f"{feeds.url}/loop/x/a"
    settings = replace(settings, sources=(*settings.sources, SourceSettings("feed", loop_url)))
    async with build_services(settings) as services:
        outcomes = {o.key: o for o in await services.poller.poll_all()}
        async with services.sessions() as session:
            title = (await session.execute(
                select(Post.title).where(Post.external_id == "l1"))).scalar_one()
            count = (await session.execute(select(func.count()).select_from(Post))).scalar_one()
    assert title == "Appen cuts café contractors"
    assert count == 1
    assert "redirect" in (outcomes[f"feed:{loop_url}"].error or "")


async def test_304_stores_nothing_and_keeps_the_validators(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    feeds.feed("f").add("Appen item", guid="i1")
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("f",))
    async with build_services(settings) as services:
        job = next(j for j in services.poller.plan.jobs if isinstance(j, FeedJob))
        first = await services.poller.poll(job, force=True)
        second = await services.poller.poll(job, force=True)
        async with services.sessions() as session:
            state = {s.key: s for s in await all_states(session)}[job.key]
    assert len(first.new) == 1
    assert second.not_modified and second.new == []
    assert state.etag is not None and state.failures == 0


def test_plan_groups_subreddits_by_interval(tmp_path: Path) -> None:
    from bot.poller import SourceRef, build_plan

    settings = parse_settings({"builtin_sources": False}, env={})
    refs = [SourceRef("reddit", s) for s in SUBREDDITS]
    refs += [SourceRef("reddit", "Fast_One", "outlier", 10), SourceRef("reddit", "SUB00")]
    refs += [SourceRef("feed", "https://x/a.rss", "appen")] * 2
    plan = build_plan(settings, refs)
    assert [len(j.batch) for j in plan.reddit] == [1, 25, 5]
    assert plan.reddit[0] == RedditJob(("Fast_One",), 10)
    assert len(plan.feeds) == 1
    assert plan.subreddit_platforms == {"fast_one": "outlier"}


async def test_a_big_poll_is_stored_in_short_transactions_and_not_scored_again(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    big = feeds.feed("big", validators=False)
    for i in range(1200):
        big.add(f"Forum digest {i}", guid=f"big-{i}")
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("big",))
    settings = replace(settings, feeds=replace(settings.feeds, max_bytes=5_000_000))
    async with build_services(settings) as services:
        [job] = services.poller.plan.feeds
        commits: list[int] = []
        event.listen(services.engine.sync_engine, "commit", lambda _c: commits.append(1))
        first = await services.poller.poll(job, force=True)
        assert len(first.new) == 1200
        assert len(commits) >= 3  # 500 + 500 + 200, each in its own transaction
        big.add("Forum digest new", guid="big-new")
        second = await services.poller.poll(job, force=True)
        unchanged = await services.poller.poll(job, force=True)
    # The changed document was parsed, but only its one new item was scored and stored.
    assert [i.post.record.external_id for i in second.new] == ["big-new"]
    assert unchanged.not_modified and unchanged.new == []


async def test_a_thousand_copies_of_one_guid_make_one_log_line(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble, caplog: pytest.LogCaptureFixture
) -> None:
    copies = feeds.feed("copies", validators=False)
    for i in range(1000):
        copies.add(f"Same item, copy {i}", guid="same-guid")
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("copies",))
    caplog.set_level(logging.INFO)
    async with build_services(settings) as services:
        [job] = services.poller.plan.feeds
        for i in range(3):
            copies.add(f"Fresh item {i}", guid=f"fresh-{i}")  # the document changes each time
            outcome = await services.poller.poll(job, force=True)
            assert outcome.error is None and len(outcome.new) == 1 + (i == 0)
    lines = [r.getMessage() for r in caplog.records if "same-guid" in r.getMessage()]
    assert len(lines) == 1, lines
    assert "999 item(s) repeat an earlier item's id" in lines[0]


async def test_two_feeds_sharing_a_guid_both_store_their_item(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    feeds.feed("one").add("Appen news from one", guid="syndicated-1")
    feeds.feed("two").add("Appen news from two", guid="syndicated-1")
    settings = settings_for(tmp_path, reddit, feeds, feed_names=("one", "two"))
    async with build_services(settings) as services:
        outcomes = [await services.poller.poll(job, force=True)
                    for job in services.poller.plan.feeds]
        async with services.sessions() as session:
            titles = sorted((await session.execute(select(Post.title))).scalars())
    assert [len(o.new) for o in outcomes] == [1, 1]
    assert titles == ["Appen news from one", "Appen news from two"]


async def test_config_feeds_reach_private_hosts_only_when_allowed(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    feeds.feed("local").add("Appen news", guid="local-1")
    allowed = settings_for(tmp_path, reddit, feeds, feed_names=("local",))
    refused = replace(allowed, feeds=replace(allowed.feeds, allow_private=False))
    async with build_services(refused) as services:
        [job] = services.poller.plan.feeds
        denied = await services.poller.poll(job, force=True)
    async with build_services(allowed) as services:
        [job] = services.poller.plan.feeds
        fetched = await services.poller.poll(job, force=True)
    assert denied.error == "refused: not a public network address" and denied.new == []
    assert fetched.error is None and len(fetched.new) == 1
    assert feeds.count("feed") == 1


async def test_a_guild_only_source_is_stored_for_each_guild_that_watches_it(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> None:
    from bot.poller import SourceRef, build_plan, configured_sources

    a, b = 1001, 2002
    feeds.feed("own").add("Mercor news", guid="own-1")
    own_feed = feeds.url_for("own")
    settings = settings_for(tmp_path, reddit)
    refs = [*configured_sources(settings),
            SourceRef("reddit", "Shared_Guild", "mercor", guild_id=a),
            SourceRef("reddit", "shared_guild", "mercor", guild_id=b),
            SourceRef("reddit", "sub01", "outlier", guild_id=a),
            SourceRef("feed", own_feed, "mercor", guild_id=a)]
    plan = build_plan(settings, refs)
    assert plan.private == {("reddit", "shared_guild"): (a, b), ("feed", own_feed): (a,)}
    guard = AddressGuard.exempting([("127.0.0.1", feeds.port)])
    async with build_services(settings, address_guard=guard) as services:
        services.poller.plan = plan
        guilds_only = reddit.add_post("shared_guild", "Guild news")
        public = reddit.add_post("sub01", "Everyone's news")
        first = await services.poller.poll_all()
        again = await services.poller.poll_all()
        async with services.sessions() as session:
            rows = sorted((tuple(r) for r in await session.execute(
                select(Post.external_id, Post.guild_id))), key=str)
    assert sum(len(o.new) for o in first) == 4 and sum(len(o.new) for o in again) == 0
    assert rows == sorted([(guilds_only, a), (guilds_only, b), (public, None),
                           ("own-1", a)], key=str)
