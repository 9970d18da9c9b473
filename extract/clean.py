"""Text clean-up applied before NLP.

The cleaned text is the text that is analysed: every offset in the model refers
to it, and it is kept in the graph's document node.
"""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u200b": None, "\ufeff": None, "\u00ad": None,
})
# Scraper artefacts: ad placeholders on a line of their own, a trailing "Source link".
_AD_MARKER = re.compile(r"^\s*\[ad_\d+\]\s*$", re.MULTILINE | re.IGNORECASE)
_TRAILING_SOURCE = re.compile(r"\n\s*(source link|source)\s*$", re.IGNORECASE)
_REF_MARKER = re.compile(r"\[(?:\d{1,3}|citation needed|note \d+)\]")
_SPACES = re.compile(r"[ \t]+")
# A wire dateline opening a paragraph: "SEOUL, May 17 (Reuters) - ", "TOKYO (AP) — ".
_PLACE = r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
_DATELINE = re.compile(
    rf"^{_PLACE}(?:(?:,? [A-Z][a-z]{{2,8}}\.? \d{{1,2}})?\s*\([A-Za-z .&]+\)|,? [A-Z][a-z]{{2,8}}\.? \d{{1,2}})"
    rf"\s*[-–—]{{1,2}}\s+(?=[A-Z\"'])"
    rf"|^{_PLACE}\s*(?:—|–|--)\s+(?=[A-Z\"'])",
    re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


def clean_text(text: str) -> str:
    """Normalise Unicode, quotes and whitespace; drop scraper artefacts."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_QUOTES)
    text = _CONTROL.sub("", text)
    text = _AD_MARKER.sub("", text)
    text = _REF_MARKER.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _DATELINE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    text = _TRAILING_SOURCE.sub("", text).strip()
    return text
