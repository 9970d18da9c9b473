"""Relation rules over spaCy's parse and the resolved entities, one module per family.

Each rule is a small function from a :class:`~.context.SentenceContext` to plain
values; only the document step (:mod:`extract.pipeline`) changes the document's
entities. Confidence:
- 0.9  the pattern ties both ends inside one phrase ("South Korean Foreign
       Minister Park Jin", "X, President of Egypt", "the pact, inked in November 2016");
- 0.8  both ends are tied through the dependency parse of one clause
       ("Pyongyang fired eight missiles on June 5");
- 0.7  an end is reached through a reference ("the pact", "the same year",
       "the North") or a capital city stands for its country;
- 0.6  an end is only implied by the setting ("In Tokyo on Tuesday, Chief
       Cabinet Secretary X said") or by an attribute ("the 1978 Camp David Accords").
"""
