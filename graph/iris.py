"""Minting IRIs. Every IRI the project writes comes from here."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from extract.model import parse_event_key, parse_launch_key, parse_role_key

from .namespaces import DEFAULT_BASE


def slug(text: str) -> str:
    """A readable, IRI-safe path segment: ASCII letters, digits and hyphens,
    or percent-encoded UTF-8 when the text has no Latin letters at all."""
    # separators first ("Egypt–Israel" -> "egypt-israel"), then accents off
    spaced = "".join(c if c.isalnum() else " " for c in unicodedata.normalize("NFKD", text)
                     if not unicodedata.combining(c))
    ascii_text = spaced.encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    if not out:
        # "." and ".." would be dot-segments: encode dots too
        out = quote(unicodedata.normalize("NFC", text).strip(), safe="").replace(".", "%2E")
        out = out or "x"
    # never cut a %XX escape in half (that would be an invalid IRI)
    return re.sub(r"%[0-9A-Fa-f]?$", "", out[:120]) or "x"


def check_base(base: str) -> str:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", base):
        raise ValueError(f"invalid base IRI {base!r}: an absolute IRI without spaces is expected")
    return base if base.endswith(("/", "#")) else base + "/"


class Minter:
    """Mints stable IRIs under one base; different things never share an IRI."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)
        self._taken: dict[str, str] = {}

    def _unique(self, kind: str, label: str, key: str | None = None) -> URIRef:
        """The IRI of the thing ``key`` (default: ``label``), read from ``label``; a second
        thing whose label reads the same gets a digest of its key appended."""
        key = label if key is None else key
        s = slug(label)
        path = f"{kind}/{s}"
        owner = self._taken.setdefault(path, key)
        if owner != key:
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
            path = f"{kind}/{s}-{digest}"
            self._taken.setdefault(path, key)
        return URIRef(self.base + path)

    def entity(self, key: str) -> URIRef:
        launch = parse_launch_key(key)
        if launch is not None:
            agent, date = launch
            return self._unique("launch", f"{slug(agent)}-{date.lstrip('-')}", key)
        event = parse_event_key(key)
        if event is not None:
            agreement, kind, date = event
            kind = re.sub(r"(?<!^)(?=[A-Z])", "-", kind)
            return self._unique("event", f"{slug(agreement)}-{slug(kind)}-{date.lstrip('-')}", key)
        role = parse_role_key(key)
        if role is not None:
            return self._unique("role", "-".join(slug(part) for part in role), key)
        return self._unique("entity", key)

    def document(self, doc_id: str) -> URIRef:
        return self._unique("doc", doc_id)

    def resolution(self, *parts: str) -> URIRef:
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
        return URIRef(f"{self.base}resolution/{digest}")

    def statement(self, *parts: str) -> URIRef:
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
        return URIRef(f"{self.base}statement/{digest}")
