"""Agreements: their lifecycle events (signed, in force, ended...) with dates, and their parties.

The rules live in three modules: :mod:`.agreement_refs` (which agreement a word is
about), :mod:`.agreement_events` (what happened and when) and :mod:`.agreement_parties`
(who is party); this module gathers them for the document step.
"""
from __future__ import annotations

from .agreement_events import AgreementDate, dated_verbs, event_type, in_force_span, year_attribute
from .agreement_parties import MEMBER_NOUNS, Party, between, countries_in, joiners, named_sides, signatories
from .agreement_refs import agreement_ref, verb_agreement

__all__ = ["MEMBER_NOUNS", "AgreementDate", "Party", "agreement_ref", "between", "countries_in", "dated_verbs",
           "event_type", "in_force_span", "joiners", "named_sides", "signatories", "verb_agreement", "year_attribute"]
