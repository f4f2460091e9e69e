"""The quality gate: the labelled pairs, and precision and recall at the default threshold."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest

from newscrawler.dedup.minhash import DEFAULT_THRESHOLD, NearDuplicateIndex
from tests.conftest import ROOT, load_expected

PAIRS_FILE = ROOT / "data" / "dedup" / "pairs.jsonl"
PAIRS = [json.loads(line) for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines()]
MIN_PRECISION = 0.97
MIN_RECALL = 0.90


def test_the_labelled_set_is_well_formed() -> None:
    assert len(PAIRS) >= 60
    assert len({row["id"] for row in PAIRS}) == len(PAIRS)
    for row in PAIRS:
        assert set(row) == {"id", "a", "b", "label", "kind", "note"}
        assert row["label"] in {"duplicate", "not"}
        assert row["a"].strip() and row["b"].strip() and row["note"]
    kinds = Counter((row["label"], row["kind"]) for row in PAIRS)
    wanted_kinds = [
        ("duplicate", "rewrite_intro"),
        ("duplicate", "local_paragraph"),
        ("duplicate", "truncated"),
        ("duplicate", "tone_marks"),
        ("duplicate", "nfd"),
        ("not", "annual_event"),
        ("not", "template"),
        ("not", "same_day_province"),
    ]
    for wanted in wanted_kinds:
        assert kinds[wanted] >= 3, wanted
    labels = Counter(row["label"] for row in PAIRS)
    assert labels["duplicate"] >= 25 and labels["not"] >= 25


def test_the_seed_pair_is_a_duplicate() -> None:
    (seed,) = [row for row in PAIRS if row["kind"] == "seed"]
    bodies = {
        a["articleBody"]
        for host in ("tuyenquangtv.vn", "baodaklak.vn")
        for a in load_expected(host)["articles"]
        if "hoi-nghi-toan-quoc-tong-ket" in a["url"]
    }
    assert {seed["a"], seed["b"]} == bodies
    assert seed["label"] == "duplicate"


def test_pairs_file_is_built_by_make_pairs() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_pairs", PAIRS_FILE.with_name("make_pairs.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.pairs() == PAIRS, "data/dedup/pairs.jsonl is stale: run make_pairs.py"


def scores() -> list[tuple[dict, float]]:
    out = []
    for row in PAIRS:
        index = NearDuplicateIndex()
        index.add("a", row["a"])
        found = dict(index.query(row["b"]))
        out.append((row, found.get("a", 0.0)))
    return out


def test_precision_and_recall_at_the_default_threshold() -> None:
    results = scores()
    predicted = [
        (row["label"] == "duplicate", score >= DEFAULT_THRESHOLD) for row, score in results
    ]
    true_pos = sum(1 for truth, guess in predicted if truth and guess)
    false_pos = sum(1 for truth, guess in predicted if not truth and guess)
    false_neg = sum(1 for truth, guess in predicted if truth and not guess)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    wrong = [row["id"] for (row, _), (t, g) in zip(results, predicted, strict=True) if t != g]
    assert precision >= MIN_PRECISION, wrong
    assert recall >= MIN_RECALL, wrong


@pytest.mark.parametrize("kind", ["annual_event", "same_day_province", "unrelated"])
def test_negatives_score_well_below_the_threshold(kind: str) -> None:
    worst = max(score for row, score in scores() if row["kind"] == kind)
    assert worst < DEFAULT_THRESHOLD - 0.15
