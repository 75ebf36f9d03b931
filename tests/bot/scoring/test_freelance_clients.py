"""A freelancer's own client ending a job (no platform or workforce named) is no project
pause; a client ending the platform's work still is. Read by the rules alone, so a row is
what these tests check."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import run_rules


@pytest.mark.parametrize("title", [
    "Client pulled the whole project after the first draft",
    "My client cancelled the whole project, so that invoice is gone",
    # a word or two between the client and its ending the job
    "My customer suddenly cancelled the whole project after one draft",
    "The client abruptly ended the project, so no invoice this month",
    "Customers just killed the whole campaign, back to cold pitching on Upwork",
    "My clients have cancelled every project this month",
])
def test_a_freelancers_own_client_ending_a_job_is_no_pause(title: str) -> None:
    r = run_rules(title)
    assert r.lead is None or r.lead.event_type != "project_pause", r.reasons
    ended = ("project_pause.8", "project_pause.client_ended")  # the rows of an ended project
    assert not any(h.cue in ended for h in r.hits), r.reasons


@pytest.mark.parametrize(("title", "kind"), [
    ("the client behind Outlier's Kestrel project pulled the whole project", "project_pause"),
    ("Outlier's client pulled the project, 300 taskers out", "client_loss"),
    ("Client pulled the project and all the taskers are out of work", "project_pause"),
])
def test_a_client_ending_the_platforms_work_still_counts(title: str, kind: str) -> None:
    r = run_rules(title)
    assert r.lead is not None and r.lead.event_type == kind, r.reasons
