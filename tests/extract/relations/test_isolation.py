"""Fault isolation: a rule that raises costs only its own facts for that sentence."""
from __future__ import annotations

import pytest
from rulecases import OFFICE_PREDICATES, run, triples

from extract.model import OFFICEHOLDER_OF, PARTY, RuleError
from extract.relations import offices

TEXT = ("Kenya's defense minister Odhiambo Kariuki toured the base. "
        "Peru joined the Orinoco Water Treaty in 2001. "
        "Brazilian Foreign Minister Tomas Verlaine arrived in Lima on Monday.")


def test_a_raising_rule_costs_only_its_facts(monkeypatch):
    calls = []

    def broken(ctx, person):
        calls.append(ctx.index)
        if ctx.index == 0:
            raise RuntimeError("boom")
        return original(ctx, person)

    original = offices.title_before
    monkeypatch.setattr(offices, "title_before", broken)
    result = run(TEXT)
    assert calls == [0, 2]
    assert result.rule_errors == [RuleError("t", "offices.title_before", 1, "RuntimeError", "boom")]
    assert str(result.rule_errors[0]) == "t: rule offices.title_before failed on sentence 1: RuntimeError: boom"
    held = {(f.subject, f.obj) for f in result.facts if f.predicate == OFFICEHOLDER_OF}
    assert held == {("Tomas Verlaine", "Brazil")}  # sentence 1's office is lost, sentence 3's kept
    assert ("Orinoco Water Treaty", PARTY, "Peru") in {(f.subject, f.predicate, f.obj) for f in result.facts}


def test_no_rule_errors_on_ordinary_text():
    assert run(TEXT).rule_errors == []
    assert triples(TEXT, OFFICE_PREDICATES) >= {("Tomas Verlaine", OFFICEHOLDER_OF, "Brazil")}


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 2)])
def test_build_warns_counts_and_strict_fails(monkeypatch, tmp_path, strict, code):
    from click.testing import CliRunner

    from graph import cli

    def broken(ctx, person):
        raise RuntimeError("boom")

    monkeypatch.setattr(offices, "title_before", broken)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Peru joined the Orinoco Water Treaty in 2001.", encoding="utf-8")
    args = ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out"), "-q",
            "--workers", "1"] + (["--strict"] if strict else [])
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == code, result.output
    assert "a.txt: rule offices.title_before failed on sentence 1: RuntimeError: boom" in result.output
    if not strict:
        assert "2 rule errors" in result.output
