"""Precision and recall of near-duplicate detection on the labelled pairs, over thresholds.

Each pair of ``data/dedup/pairs.jsonl`` goes through the real pipeline: text ``a`` is added to a
fresh :class:`~newscrawler.dedup.minhash.NearDuplicateIndex`, text ``b`` is queried, and the
similarity the index reports (0 when LSH does not propose ``a``) is the pair's score. The curve
over thresholds is printed, with the range of thresholds that meets the targets (precision >=
0.97, recall >= 0.90) and the threshold chosen from it (the middle of the widest such range,
rounded down to a multiple of 0.05).

Usage: ``python bench/eval_dedup.py [--shingles N] [--bins N] [--measure containment|jaccard]
[--exact]``. Exits 1 when the module's DEFAULT_THRESHOLD misses the targets.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.dedup import minhash  # noqa: E402
from newscrawler.dedup.minhash import MinHasher, NearDuplicateIndex  # noqa: E402

PAIRS = ROOT / "data" / "dedup" / "pairs.jsonl"
MIN_PRECISION = 0.97
MIN_RECALL = 0.90
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)] + [0.98]


@dataclass(frozen=True)
class Pair:
    id: str
    a: str
    b: str
    duplicate: bool
    kind: str
    note: str


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append(
                Pair(row["id"], row["a"], row["b"], row["label"] == "duplicate", row["kind"],
                     row["note"])
            )  # fmt: skip
    return pairs


def score_pairs(
    pairs: list[Pair],
    *,
    hasher: MinHasher | None = None,
    measure: str = "containment",
    exact: bool = False,
) -> list[float]:
    """The similarity our index reports for each pair (0.0 when ``a`` is not found)."""
    hasher = hasher or minhash.DEFAULT_HASHER
    scores = []
    for pair in pairs:
        index = NearDuplicateIndex(threshold=1e-9, hasher=hasher, keep_shingles=exact)
        index.add("a", pair.a)
        found = dict(index.query(pair.b))
        if "a" in found and measure == "jaccard":
            scores.append(index.signature("a").jaccard(hasher.signature(pair.b)))
        else:
            scores.append(found.get("a", 0.0))
    return scores


def precision_recall(
    pairs: list[Pair], scores: list[float], threshold: float
) -> tuple[float, float, int, int]:
    """Precision, recall, false positives and false negatives at ``threshold``."""
    true_pos = sum(1 for p, s in zip(pairs, scores, strict=True) if p.duplicate and s >= threshold)
    false_pos = sum(
        1 for p, s in zip(pairs, scores, strict=True) if not p.duplicate and s >= threshold
    )
    false_neg = sum(1 for p, s in zip(pairs, scores, strict=True) if p.duplicate and s < threshold)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, false_pos, false_neg


def passing_range(
    pairs: list[Pair], scores: list[float], step: float = 0.01
) -> tuple[float, float] | None:
    """The widest run of thresholds (on a ``step`` grid) meeting both targets."""
    best: tuple[float, float] | None = None
    start: float | None = None
    grid = [round(step * i, 4) for i in range(1, int(1 / step) + 1)]
    for threshold in [*grid, 2.0]:
        precision, recall, _, _ = precision_recall(pairs, scores, threshold)
        ok = precision >= MIN_PRECISION and recall >= MIN_RECALL and threshold <= 1.0
        if ok and start is None:
            start = threshold
        elif not ok and start is not None:
            end = round(threshold - step, 4)
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    return best


def print_curve(pairs: list[Pair], scores: list[float], out: Callable[[str], None] = print) -> None:
    out(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'FP':>3} {'FN':>3}")
    for threshold in THRESHOLDS:
        precision, recall, false_pos, false_neg = precision_recall(pairs, scores, threshold)
        mark = "  <- default" if abs(threshold - minhash.DEFAULT_THRESHOLD) < 1e-9 else ""
        out(f"{threshold:9.2f} {precision:9.3f} {recall:7.3f} {false_pos:3d} {false_neg:3d}{mark}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shingles", type=int, default=minhash.SHINGLE_SIZE)
    parser.add_argument("--bins", type=int, default=minhash.NUM_BINS)
    parser.add_argument("--measure", choices=["containment", "jaccard"], default="containment")
    parser.add_argument("--exact", action="store_true", help="verify candidates exactly")
    args = parser.parse_args()
    pairs = load_pairs()
    hasher = MinHasher(num_bins=args.bins, shingle_size=args.shingles)
    scores = score_pairs(pairs, hasher=hasher, measure=args.measure, exact=args.exact)
    duplicates = sum(p.duplicate for p in pairs)
    print(
        f"{len(pairs)} labelled pairs ({duplicates} duplicates) from {PAIRS.relative_to(ROOT)}; "
        f"{args.shingles}-syllable shingles, {args.bins} bins, {args.measure}"
        + (", exact verification" if args.exact else "")
    )
    print_curve(pairs, scores)
    print("\nscores by kind (min / max):")
    kinds: dict[str, list[float]] = {}
    for pair, score in zip(pairs, scores, strict=True):
        kinds.setdefault(f"{'dup' if pair.duplicate else 'not'} {pair.kind}", []).append(score)
    for kind, values in sorted(kinds.items()):
        print(f"  {kind:26s} {min(values):.3f} / {max(values):.3f}  ({len(values)})")
    span = passing_range(pairs, scores)
    if span is None:
        print(f"\nno threshold gives precision >= {MIN_PRECISION} and recall >= {MIN_RECALL}")
        return 1
    middle = (span[0] + span[1]) / 2
    chosen = math.floor(middle / 0.05 + 1e-9) * 0.05
    print(
        f"\nthresholds meeting precision >= {MIN_PRECISION} and recall >= {MIN_RECALL}: "
        f"{span[0]:.2f} to {span[1]:.2f}; middle {middle:.3f}, rounded down to 0.05: "
        f"{chosen:.2f} (module DEFAULT_THRESHOLD {minhash.DEFAULT_THRESHOLD:.2f})"
    )
    precision, recall, _, _ = precision_recall(pairs, scores, minhash.DEFAULT_THRESHOLD)
    print(
        f"at the default {minhash.DEFAULT_THRESHOLD:.2f}: precision {precision:.3f}, "
        f"recall {recall:.3f}"
    )
    for pair, score in zip(pairs, scores, strict=True):
        wrong = (score >= minhash.DEFAULT_THRESHOLD) != pair.duplicate
        if wrong:
            print(f"  wrong: {pair.id} score {score:.3f} ({pair.note})")
    return 0 if precision >= MIN_PRECISION and recall >= MIN_RECALL else 1


if __name__ == "__main__":
    raise SystemExit(main())
