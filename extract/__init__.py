"""Stage one: documents in, a small plain data model out.

Nothing from spaCy leaves this package: callers get the dataclasses of
:mod:`extract.model` (strings, numbers and character offsets).
"""

#: Version of the extraction rules and record format. Raise it whenever the rules
#: can give different results for the same text: a ``kg build --store`` then parses
#: every document again instead of reusing the records it holds.
EXTRACTOR_VERSION = "2"
