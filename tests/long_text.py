"""A long article made of sentences written here: distinct facts at its beginning and its end,
neutral filler in between (paragraphs of varied length, so parts end at paragraph breaks)."""
from __future__ import annotations

HEAD = ("South Korean Foreign Minister Park Jin met his Japanese counterpart in Tokyo on Monday.\n\n"
        "The Camp David Accords were signed in September 1978.\n\n")
TAIL = ("North Korea fired eight ballistic missiles on June 5, 2022, the military said.\n\n"
        "Egyptian President Abdel Fattah el-Sisi welcomed the visitors in Cairo.\n")
FILLER = (
    "The delegates discussed trade, fisheries and the weather over a long lunch.",
    "Officials said the talks would continue next week in a different city.",
    "A spokesman described the atmosphere as friendly and businesslike.",
    "Reporters waited outside the hall for most of the afternoon.",
    "Several smaller meetings were held on the sidelines of the conference.",
)
# (subject label, predicate local name) of facts stated at each end
HEAD_FACTS = {("Park Jin", "officeholderOf"), ("Camp David Accords", "signedDate")}
TAIL_FACTS = {("North Korea missile launch, 2022-06-05", "launchedBy"), ("Abdel Fattah", "officeholderOf")}


def long_article(size: int) -> str:
    """About ``size`` characters: HEAD, filler paragraphs, TAIL."""
    paragraphs, total, n = [], len(HEAD) + len(TAIL), 0
    while total < size:
        count = 1 + n % 4
        paragraph = " ".join(FILLER[(n + k) % len(FILLER)] for k in range(count)) + "\n\n"
        paragraphs.append(paragraph)
        total += len(paragraph)
        n += 1
    return HEAD + "".join(paragraphs) + TAIL
