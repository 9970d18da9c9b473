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


def join_launches(mentions: Sequence[Launch], pubdate: str | None) -> list[LaunchEvent]:
    """Join launch mentions into events: one per (agent, date). A mention without an
    agent takes the agent of a launch just before it; one without a date takes the date
    of a neighbouring mention by the same agent. A launch is dated to the day or month:
    a year alone is a tally, not an event."""
    cands = list(mentions)
    for i, c in enumerate(cands):
        if c.agent is None:
            prev = next((p for p in reversed(cands[:i]) if p.agent and c.sent_index - p.sent_index <= 2), None)
            if prev is not None:
                cands[i] = replace(c, agent=prev.agent, confidence=min(c.confidence, 0.7))
    for i, c in enumerate(cands):
        if c.date is None and c.agent:
            near = [o for j, o in enumerate(cands) if j != i and o.agent == c.agent and o.date
                    and abs(o.sent_index - c.sent_index) <= 1]
            if near:
                cands[i] = replace(c, date=near[0].date, confidence=min(c.confidence, 0.7))
    events: dict[tuple[str, str], list[Launch]] = {}
    for c in cands:
        if c.agent and c.date and c.date[1] != G_YEAR and not is_future(c.date[0], pubdate):
            events.setdefault((c.agent, c.date[0]), []).append(c)
    return [LaunchEvent(agent, date, group[0].date[1], tuple(group)) for (agent, date), group in events.items()]
