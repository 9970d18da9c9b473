"""Stage one: documents in, a small plain data model out.

Nothing from spaCy leaves this package: callers get the dataclasses of
:mod:`extract.model` (strings, numbers and character offsets).
"""
