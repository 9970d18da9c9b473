"""Launch mentions joined into events: one per (agent, date)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import G_YEAR
from .event_dates import is_future
from .launches import Launch


@dataclass(frozen=True)
class LaunchEvent:
    """The mentions of one launch: one agent, one date."""

    agent: str
    date: str
    datatype: str
    mentions: tuple[Launch, ...]

    def count(self) -> tuple[int, Launch] | None:
        """How many missiles, and the mention that says so: the number a mention gives
        (a mention dated in its own sentence first), else 1 where a mention names a
        single launch and none names several."""
        given = sorted((c for c in self.mentions if c.quantity), key=lambda c: c.confidence, reverse=True)
        if given:
            return given[0].quantity, given[0]
        single = next((c for c in self.mentions if c.single), None)
        if single is not None and not any(c.several for c in self.mentions):
            return 1, single
        return None


def join_launches(mentions: Sequence[Launch], pubdate: str | None) -> list[LaunchEvent]:
    """Join launch mentions into events: one per (agent, date). A mention without an
    agent takes the agent of a launch just before it, else the one agent the document's
    launches have (either only where the mention's sentence names no other country
    that could have launched), else the government that published an agentless report; one without
    a date takes the date of a neighbouring mention by the same agent, or of the one
    dated launch by that agent in the document. A bare "the test" counts only after a
    launch has been told. A launch is dated to the day or month: a year alone is a
    tally, not an event."""
    cands = _told_before(list(mentions))
    cands = [_with_agent(cands, i) for i in range(len(cands))]
    cands = [_with_date(cands, i) for i in range(len(cands))]
    events: dict[tuple[str, str], list[Launch]] = {}
    for c in cands:
        if c.agent and c.date and c.date[1] != G_YEAR and not is_future(c.date[0], pubdate):
            events.setdefault((c.agent, c.date[0]), []).append(c)
    return [LaunchEvent(agent, date, group[0].date[1], tuple(group)) for (agent, date), group in events.items()]


def _told_before(cands: list[Launch]) -> list[Launch]:
    told = [c.sent_index for c in cands if not c.anaphoric]
    return [c for c in cands if not c.anaphoric or (told and told[0] <= c.sent_index)]


def _with_agent(cands: list[Launch], i: int) -> Launch:
    c = cands[i]
    if c.agent is not None:
        return c
    prev = next((p for p in reversed(cands[:i]) if p.agent and c.sent_index - p.sent_index <= 2), None)
    if prev is not None and c.may_take(prev.agent):
        return replace(c, agent=prev.agent, confidence=min(c.confidence, 0.7))
    agents = {o.agent for o in cands if o.agent}
    if len(agents) == 1 and c.may_take(next(iter(agents))):
        return replace(c, agent=agents.pop(), confidence=min(c.confidence, 0.6))
    if c.implied_agent is not None and not agents:
        return replace(c, agent=c.implied_agent, confidence=min(c.confidence, 0.6))
    return c


def _with_date(cands: list[Launch], i: int) -> Launch:
    c = cands[i]
    if c.date is not None or not c.agent or c.tally:
        return c
    near = [o for j, o in enumerate(cands) if j != i and o.agent == c.agent and o.date
            and abs(o.sent_index - c.sent_index) <= 1]
    if near:
        return replace(c, date=near[0].date, confidence=min(c.confidence, 0.7))
    dated = {o.date for o in cands if o.agent == c.agent and o.date and o.date[1] != G_YEAR}
    if len(dated) == 1:  # the same attack told again further on: "29 of the 44 missiles"
        return replace(c, date=dated.pop(), confidence=min(c.confidence, 0.6))
    return c
