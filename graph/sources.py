"""Where a document came from, the same on every machine.

``dcterms:source`` holds the document's URL when it has one, else its path
relative to the input root named on the command line: ``kg build ~/news`` and
``kg build /data/news`` both give ``2024/a.md`` for ``news/2024/a.md``; a file
named directly gives its file name. JSON Lines keep their ``:LINE``.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path, PurePath

from extract.model import Document


def root_relative(path: Path, roots: Sequence[str | os.PathLike]) -> str:
    """``path`` (as found under one of ``roots``) relative to that root, with ``/``."""
    for raw in roots:
        root = Path(raw)
        if path == root:
            return path.name
        try:
            return PurePath(path.relative_to(root)).as_posix()
        except ValueError:
            continue
    return path.name


def relative(doc: Document, path: Path, roots: Sequence[str | os.PathLike]) -> Document:
    """``doc`` read from ``path``, its ``source`` made relative to its input root."""
    local = str(path)
    if not doc.source.startswith(local):
        return doc
    return dataclasses.replace(doc, source=root_relative(path, roots) + doc.source[len(local):], origin=doc.source)
