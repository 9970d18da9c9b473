"""Quality floors on the development set: build ``../shared/eval/dev/docs`` (a few
seconds) and score it with ``kg eval``'s :func:`graph.evaluate.evaluate`. No change may
push a figure below its floor. The floors are today's measured figures minus 0.02,
rounded down; raise them when quality goes up. The same builds are also scored with the
shared scorer (``../shared/eval/score.py``), whose table must agree number for number.

Skipped when ``../shared`` is absent. Marked ``quality`` (``pytest -m quality`` runs
only these); it is part of the default suite.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.evaluate import evaluate, format_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
DEV = SHARED / "dev"

# dev set (34 documents) as measured when these floors were set, minus 0.02;
# relation: (precision, recall); the others are shares
FLOORS = {
    "officeholder": (0.93, 0.85),
    "agreement_date": (0.98, 0.92),
    "launch": (0.98, 0.93),
    "agreement_party": (0.98, 0.74),
    "micro": (0.95, 0.88),
    "office_title": 0.96,
    "launch_count": 0.98,
    "entity_recall": 0.91,
}

pytestmark = [pytest.mark.quality,
              pytest.mark.skipif(not (DEV / "gold.json").exists(), reason="../shared/eval/dev is absent")]


@pytest.fixture(scope="module")
def dev_report(dev_ttl):
    return evaluate(dev_ttl, DEV / "gold.json")


@pytest.mark.parametrize("relation", ["officeholder", "agreement_date", "launch", "agreement_party", "micro"])
def test_relation_at_or_above_floor(dev_report, relation):
    score = dev_report.micro if relation == "micro" else dev_report.relations[relation]
    floor_p, floor_r = FLOORS[relation]
    assert score.precision >= floor_p and score.recall >= floor_r, (
        f"{relation}: P {score.precision:.3f} (floor {floor_p}), R {score.recall:.3f} (floor {floor_r})\n"
        + format_table(dev_report, verbose=True))


def test_attributes_and_entities_at_or_above_floor(dev_report):
    found = {"office_title": dev_report.office_title.value, "launch_count": dev_report.launch_count.value,
             "entity_recall": dev_report.entities.value}
    below = {k: v for k, v in found.items() if v < FLOORS[k]}
    assert not below, f"below floor: {below}\n" + format_table(dev_report, verbose=True)


def test_seed_scores_one(seed_ttl):
    report = evaluate(seed_ttl, SHARED / "seed-gold.json")
    assert report.micro.f1 == 1.0, format_table(report, verbose=True)


def shared_table(ttl, gold) -> dict[str, list[str]]:
    """The shared scorer's table as ``{row name: [numbers as printed]}``."""
    out = subprocess.run([sys.executable, str(SHARED / "score.py"), "--graph", str(ttl), "--gold", str(gold)],
                         capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines()[1:]:
        if line.startswith("micro "):  # "micro P 0.87 R 0.58 F1 0.70"
            rows["micro"] = line.split()[2::2]
        else:
            name, numbers = re.fullmatch(r"(\S+(?: \(R\))?)\s+(.*)", line).groups()
            rows[name] = numbers.split()
    return rows


def own_table(report) -> dict[str, list[str]]:
    rows = {name: [f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.pred), str(s.gold)]
            for name, s in report.relations.items()}
    rows["micro"] = [f"{report.micro.precision:.2f}", f"{report.micro.recall:.2f}", f"{report.micro.f1:.2f}"]
    for name, acc in (("office_title", report.office_title), ("launch_count", report.launch_count),
                      ("entities (R)", report.entities)):
        rows[name] = [f"{acc.value:.2f}", str(acc.n)]
    return rows


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="the shared scorer is absent")
@pytest.mark.parametrize("which", ["dev", "seed"])
def test_agrees_with_the_shared_scorer(which, request):
    if which == "dev":
        ttl, gold = request.getfixturevalue("dev_ttl"), DEV / "gold.json"
    else:
        ttl, gold = request.getfixturevalue("seed_ttl"), SHARED / "seed-gold.json"
    assert own_table(evaluate(ttl, gold)) == shared_table(ttl, gold)
