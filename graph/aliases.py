"""User decisions about names: ``kg build --aliases FILE.csv``.

The CSV has a header and four columns::

    name,canonical,type,relation
    Mr Smith,John Smith,Person,same
    Georgia,Georgia,Place,different

``same`` merges every node named ``name`` into the node named ``canonical``
before any automatic rule runs; ``different`` forbids any rule to merge a node
named ``name`` with one named ``canonical``. ``type`` (Person, Country, City,
Place, Organization, Agreement, or empty for any) restricts the row to nodes of
that class. Names match as the automatic rules match them: case, accents and
punctuation aside.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass

from extract.errors import InputError
from extract.model import AGREEMENT, CITY, COUNTRY, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON, PLACE

COLUMNS = ("name", "canonical", "type", "relation")
TYPES = {"person": PERSON, "country": COUNTRY, "city": CITY, "place": PLACE, "organization": ORGANIZATION,
         "organisation": ORGANIZATION, "governmentorganization": GOVERNMENT_ORGANIZATION,
         "agreement": AGREEMENT, "": None}
RELATIONS = ("same", "different")


class AliasFileError(InputError):
    """The --aliases file can't be used."""


@dataclass(frozen=True)
class AliasRule:
    name: str
    canonical: str
    cls: str | None  # None: any class
    same: bool


def _row(path: str, line: int, row: dict[str, str | None]) -> AliasRule:
    def bad(problem: str) -> AliasFileError:
        return AliasFileError(f"{path}:{line}: {problem} (columns: {','.join(COLUMNS)})")

    if None in row or any(row.get(c) is None for c in COLUMNS):
        raise bad("expected 4 values")
    name, canonical = row["name"].strip(), row["canonical"].strip()
    kind, relation = row["type"].strip().lower(), row["relation"].strip().lower()
    if not name or not canonical:
        raise bad("name and canonical must not be empty")
    if kind not in TYPES:
        raise bad(f"unknown type {row['type']!r}; use one of Person, Country, City, Place, Organization, Agreement")
    if relation not in RELATIONS:
        raise bad(f"relation must be 'same' or 'different', not {row['relation']!r}")
    return AliasRule(name, canonical, TYPES[kind], relation == "same")


def load(path: str | os.PathLike) -> list[AliasRule]:
    """The rules of an aliases CSV file; a bad file or row is an AliasFileError naming its line."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [h.strip().lower() for h in reader.fieldnames or []]
            if header != list(COLUMNS):
                raise AliasFileError(f"{path}:1: the header must be {','.join(COLUMNS)}, not {','.join(header)}")
            reader.fieldnames = list(COLUMNS)
            return [_row(path, reader.line_num, row) for row in reader if any((v or "").strip() for v in row.values()
                                                                              if isinstance(v, str))]
    except OSError as exc:
        raise AliasFileError(f"{path}: can't read the aliases file ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise AliasFileError(f"{path}: not a UTF-8 CSV file ({exc})") from None
