"""Dedup throughput: normalise + fingerprint + near-duplicate query and insert, against datasketch.

Synthetic 600-word Vietnamese articles are made from the demo article texts: sentences drawn at
random, a share of their words replaced by other words of the corpus (so that two articles share
no more than real unrelated news does), paragraph breaks every few sentences. One article in ten
is a near-duplicate of an earlier one (a new intro, an added local paragraph, a truncated copy;
some in capitals or NFD) and one in fifty an exact copy, so the index has real work to do and the
run can count precision and recall at scale.

Both pipelines see the same articles in the same process, one after the other:
- newscrawler: ``dedup_keys`` (fast-path normalisation, fingerprint, signature), exact lookup by
  fingerprint, ``NearDuplicateIndex.query_and_add_signature``;
- datasketch: ``normalize_for_dedup`` and a BLAKE2b fingerprint of it, then ``MinHash``
  (``update_batch`` of the same 5-syllable shingles) and ``MinHashLSH`` query and insert, with the
  same number of permutations and datasketch's own threshold (the best one on the labelled set).

Each index is built from empty to ``--articles`` (default 100,000) articles, then ``--measure``
more articles are timed against the full index: that rate is the one the targets are about.
Memory per indexed article is measured with tracemalloc on a ``--memory`` article build.
Usage: ``python bench/bench_dedup.py [--articles N] [--measure N] [--memory N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_dedup import load_pairs, precision_recall, score_pairs  # noqa: E402

from newscrawler.dedup import minhash  # noqa: E402
from newscrawler.dedup.minhash import (  # noqa: E402
    NearDuplicateIndex,
    Signature,
    dedup_keys,
    dedup_keys_many,
)
from newscrawler.dedup.normalize import normalize_for_dedup, syllable_hashes  # noqa: E402

WORDS_PER_ARTICLE = 600
SHARE_NEAR = 0.10
SHARE_EXACT = 0.02
REPLACED_WORDS = 0.3


# --- synthetic articles ------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    key: int
    text: str
    family: int  # the key of the original article of its story
    copy: bool  # made from an earlier article


class Corpus:
    """Sentences of the demo articles, as word-index arrays into one word list."""

    def __init__(self) -> None:
        words: list[str] = []
        sentences: list[np.ndarray] = []
        for expected in sorted((ROOT / "data" / "demo").glob("*/expected.json")):
            for article in json.loads(expected.read_text(encoding="utf-8"))["articles"]:
                for paragraph in (article["articleBody"] or "").split("\n"):
                    sentence: list[int] = []
                    for word in paragraph.split():
                        sentence.append(len(words))
                        words.append(word)
                        if word.endswith((".", "!", "?", ";")) and len(sentence) >= 6:
                            sentences.append(np.array(sentence))
                            sentence = []
                    if len(sentence) >= 6:
                        sentences.append(np.array(sentence))
        self.words = np.array(words, dtype=object)
        self.sentences = sentences

    def paragraphs(self, rng: np.random.Generator, words: int) -> list[str]:
        """Fresh paragraphs of about ``words`` words: random sentences, a share of their words
        replaced by random words of the corpus."""
        chosen: list[np.ndarray] = []
        total = 0
        while total < words:
            sentence = self.sentences[int(rng.integers(len(self.sentences)))]
            chosen.append(sentence)
            total += sentence.size
        ids = np.concatenate(chosen)[:words]
        replace = rng.random(ids.size) < REPLACED_WORDS
        ids[replace] = rng.integers(self.words.size, size=int(replace.sum()))
        tokens = self.words[ids]
        breaks = range(0, ids.size, 60)
        return [" ".join(tokens[start : start + 60]) for start in breaks]


def near_copy(corpus: Corpus, rng: np.random.Generator, paragraphs: list[str]) -> str:
    """A syndicated copy: a new intro, a local paragraph, or a truncation (sometimes two);
    one in ten in capitals, one in ten decomposed (NFD)."""
    parts = list(paragraphs)
    change = int(rng.integers(4))
    if change in (0, 3):
        parts[0] = corpus.paragraphs(rng, 50)[0]
    if change in (1, 3):
        parts.insert(int(rng.integers(1, len(parts))), corpus.paragraphs(rng, 70)[0])
    if change == 2:
        parts = parts[: max(3, int(len(parts) * rng.uniform(0.6, 0.9)))]
    text = "\n".join(parts)
    style = rng.random()
    if style < 0.1:
        text = text.upper()
    elif style < 0.2:
        text = unicodedata.normalize("NFD", text)
    return text


def articles(corpus: Corpus, count: int, seed: int, start: int = 0) -> list[Article]:
    rng = np.random.default_rng(seed)
    made: list[Article] = []
    originals: list[tuple[int, list[str]]] = []
    for key in range(start, start + count):
        draw = rng.random()
        if originals and draw < SHARE_EXACT:
            family, parts = originals[int(rng.integers(len(originals)))]
            made.append(Article(key, "\n".join(parts), family, copy=True))
        elif originals and draw < SHARE_EXACT + SHARE_NEAR:
            family, parts = originals[int(rng.integers(len(originals)))]
            made.append(Article(key, near_copy(corpus, rng, parts), family, copy=True))
        else:
            parts = corpus.paragraphs(rng, WORDS_PER_ARTICLE)
            originals.append((key, parts))
            made.append(Article(key, "\n".join(parts), key, copy=False))
    return made


# --- the two pipelines -------------------------------------------------------------------------


class Ours:
    name = "newscrawler"

    def __init__(self) -> None:
        self.index = NearDuplicateIndex()
        self.fingerprints: dict[str, int] = {}

    def process(self, article: Article) -> list[int]:
        """The keys ``article`` duplicates (exact or near), indexing it when it is new."""
        keys = dedup_keys(article.text)
        exact = self.fingerprints.get(keys.fingerprint)
        if exact is not None:
            return [exact]
        self.fingerprints[keys.fingerprint] = article.key
        found = self.index.query_and_add_signature(article.key, keys.signature)
        return [key for key, _ in found]  # type: ignore[misc]

    def process_many(self, articles: list[Article]) -> list[list[int]]:
        """:meth:`process` for a batch: one vectorised pass for all the keys."""
        results: list[list[int]] = []
        fresh: list[tuple[int, Signature]] = []
        where: list[int] = []
        for article, keys in zip(
            articles, dedup_keys_many([a.text for a in articles]), strict=True
        ):
            exact = self.fingerprints.get(keys.fingerprint)
            if exact is not None:
                results.append([exact])
                continue
            self.fingerprints[keys.fingerprint] = article.key
            where.append(len(results))
            results.append([])
            fresh.append((article.key, keys.signature))
        for position, found in zip(where, self.index.query_and_add_signatures(fresh), strict=True):
            results[position] = [key for key, _ in found]  # type: ignore[misc]
        return results


def shingle_strings(text: str, size: int = minhash.SHINGLE_SIZE) -> tuple[str, list[bytes]]:
    normalised = normalize_for_dedup(text)
    words = normalised.split()
    width = min(size, len(words))
    return normalised, [
        " ".join(words[i : i + width]).encode() for i in range(len(words) - width + 1)
    ]


class Datasketch:
    name = "datasketch"

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=minhash.NUM_BINS)
        self.fingerprints: dict[str, int] = {}

    @staticmethod
    def minhash(shingles: list[bytes]):  # type: ignore[no-untyped-def]
        from datasketch import MinHash

        signature = MinHash(num_perm=minhash.NUM_BINS)
        signature.update_batch(shingles)
        return signature

    def process(self, article: Article) -> list[int]:
        normalised, shingles = shingle_strings(article.text)
        fingerprint = hashlib.blake2b(normalised.encode(), digest_size=16).hexdigest()
        exact = self.fingerprints.get(fingerprint)
        if exact is not None:
            return [exact]
        self.fingerprints[fingerprint] = article.key
        signature = self.minhash(shingles)
        found = self.lsh.query(signature)
        self.lsh.insert(article.key, signature)
        return found


@dataclass
class Run:
    seconds: float
    count: int
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0


def run(
    process: Callable[[list[Article]], list[list[int]]],
    stream: list[Article],
    families: dict[int, int],
    batch: int = 1,
) -> Run:
    """Time ``process`` over ``stream`` in batches of ``batch`` articles; ``families`` maps
    every key to its story."""
    result = Run(0.0, len(stream))
    found_all: list[list[int]] = []
    gc.collect()
    gc.disable()
    start = time.perf_counter()
    for first in range(0, len(stream), batch):
        found_all.extend(process(stream[first : first + batch]))
    result.seconds = time.perf_counter() - start
    gc.enable()
    for article, found in zip(stream, found_all, strict=True):
        right = any(families.get(key, -1) == article.family for key in found)
        if found and not right:
            result.false_pos += 1
        if article.copy:
            if right:
                result.true_pos += 1
            else:
                result.false_neg += 1
    return result


def one_by_one(
    process: Callable[[Article], list[int]],
) -> Callable[[list[Article]], list[list[int]]]:
    return lambda articles: [process(article) for article in articles]


def combine(runs: list[Run]) -> Run:
    total = Run(sum(r.seconds for r in runs), sum(r.count for r in runs))
    total.true_pos = sum(r.true_pos for r in runs)
    total.false_pos = sum(r.false_pos for r in runs)
    total.false_neg = sum(r.false_neg for r in runs)
    return total


# --- quality on the labelled set ---------------------------------------------------------------


def datasketch_labelled(threshold: float) -> tuple[float, float]:
    """datasketch's precision and recall on the labelled pairs: a pair is a duplicate when
    MinHashLSH at ``threshold`` proposes ``a`` for ``b``."""
    from datasketch import MinHashLSH

    pairs = load_pairs()
    scores = []
    for pair in pairs:
        lsh = MinHashLSH(threshold=threshold, num_perm=minhash.NUM_BINS)
        lsh.insert("a", Datasketch.minhash(shingle_strings(pair.a)[1]))
        found = lsh.query(Datasketch.minhash(shingle_strings(pair.b)[1]))
        scores.append(1.0 if found else 0.0)
    precision, recall, _, _ = precision_recall(pairs, scores, 0.5)
    return precision, recall


def best_datasketch_threshold() -> tuple[float, float, float]:
    """datasketch's LSH threshold with the best F1 on the labelled set (its best setting)."""
    best = (0.0, 0.0, 0.0, -1.0)
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7):
        precision, recall = datasketch_labelled(threshold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[3] + 1e-9:
            best = (threshold, precision, recall, f1)
    return best[0], best[1], best[2]


# --- signature schemes: one permutation against k permutations --------------------------------


def estimate_errors() -> dict[str, float]:
    """Mean absolute error of the Jaccard estimate on the labelled pairs (exact Jaccard of the
    same shingle sets as reference), and microseconds per 600-word article for the signature
    alone: ours (one permutation, densified) against k-permutation MinHash ((a*x + b) mod
    2**32 over the same shingle hashes, numpy, min over axis) with as many values."""
    hasher = minhash.DEFAULT_HASHER
    rng = np.random.default_rng(7)
    mult = (rng.integers(0, 2**32, (hasher.num_bins, 1), dtype=np.uint64) | 1).astype(np.uint32)
    add = rng.integers(0, 2**32, (hasher.num_bins, 1), dtype=np.uint64).astype(np.uint32)

    def classic(shingles: np.ndarray) -> np.ndarray:
        return (mult * (shingles >> np.uint64(32)).astype(np.uint32) + add).min(axis=1)

    errors: dict[str, list[float]] = {"one permutation": [], "k permutations": []}
    for pair in load_pairs():
        a = hasher.shingle_hashes(syllable_hashes(pair.a))
        b = hasher.shingle_hashes(syllable_hashes(pair.b))
        set_a, set_b = np.unique(a), np.unique(b)
        exact = np.intersect1d(set_a, set_b).size / np.union1d(set_a, set_b).size
        ours = hasher.signature_of_shingles(a).jaccard(hasher.signature_of_shingles(b))
        theirs = float(np.mean(classic(a) == classic(b)))
        errors["one permutation"].append(abs(ours - exact))
        errors["k permutations"].append(abs(theirs - exact))
    shingles = hasher.shingle_hashes(syllable_hashes(" ".join(["hội nghị tổng kết"] * 150)))
    shingles = np.random.default_rng(1).integers(0, 2**63, shingles.size, dtype=np.uint64)
    timings = {}
    for name, func in (
        ("one permutation", hasher.signature_of_shingles),
        ("k permutations", classic),
    ):
        start = time.perf_counter()
        for _ in range(2000):
            func(shingles)
        timings[name] = (time.perf_counter() - start) / 2000 * 1e6
    return {
        **{f"{name} error": statistics.mean(values) for name, values in errors.items()},
        **{f"{name} us": value for name, value in timings.items()},
    }


# --- memory ------------------------------------------------------------------------------------


def memory_per_article(build: Callable[[], object], count: int) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / count


def streams(corpus: Corpus, args: argparse.Namespace) -> tuple[list[Article], list[Article]]:
    """The articles that build the index and the ones measured against it."""
    start = time.perf_counter()
    build = articles(corpus, args.articles, args.seed)
    measure = articles(corpus, args.measure, args.seed + 1, start=args.articles)
    # Copies in the measured stream point into the built index (the pipelines take turns on
    # the measured articles, so a copy of another measured article could be in another index).
    rng = np.random.default_rng(args.seed + 2)
    originals = [a for a in build if not a.copy]
    for i, article in enumerate(measure):
        if article.copy:
            source = originals[int(rng.integers(len(originals)))]
            exact = rng.random() < SHARE_EXACT / (SHARE_EXACT + SHARE_NEAR)
            text = source.text if exact else near_copy(corpus, rng, source.text.split("\n"))
            measure[i] = Article(article.key, text, source.family, copy=True)
    words = statistics.mean(len(a.text.split()) for a in build[:2000])
    print(
        f"{len(build):,} + {len(measure):,} synthetic articles ({words:.0f} words on average, "
        f"{SHARE_NEAR:.0%} near copies, {SHARE_EXACT:.0%} exact copies), made in "
        f"{time.perf_counter() - start:.0f} s"
    )
    return build, measure


def memory(sample: list[Article], ds_threshold: float) -> tuple[float, float]:
    """Bytes per indexed article of both indexes, built from ``sample``."""
    signatures = [dedup_keys(a.text).signature for a in sample]
    ours_memory = memory_per_article(
        lambda: NearDuplicateIndex.from_signatures(
            (a.key, s) for a, s in zip(sample, signatures, strict=True)
        ),
        len(sample),
    )
    from datasketch import MinHashLSH

    sketches = [Datasketch.minhash(shingle_strings(a.text)[1]) for a in sample]

    def datasketch_index() -> object:
        lsh = MinHashLSH(threshold=ds_threshold, num_perm=minhash.NUM_BINS)
        for article, sketch in zip(sample, sketches, strict=True):
            lsh.insert(article.key, sketch)
        return lsh

    theirs_memory = memory_per_article(datasketch_index, len(sample))
    return ours_memory, theirs_memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--measure", type=int, default=10_000)
    parser.add_argument("--memory", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5, help="rounds per pipeline")
    args = parser.parse_args()

    corpus = Corpus()
    build, measure = streams(corpus, args)

    ds_threshold, ds_precision, ds_recall = best_datasketch_threshold()
    pairs = load_pairs()
    our_precision, our_recall, _, _ = precision_recall(
        pairs, score_pairs(pairs), minhash.DEFAULT_THRESHOLD
    )

    families = {article.key: article.family for article in [*build, *measure]}
    ours, theirs = Ours(), Datasketch(ds_threshold)
    pipelines: dict[str, tuple[Callable[[list[Article]], list[list[int]]], int]] = {
        "newscrawler": (one_by_one(ours.process), 1),
        "datasketch": (one_by_one(theirs.process), 1),
        f"newscrawler, batches of {args.batch}": (ours.process_many, args.batch),
    }
    for name in ("newscrawler", "datasketch"):
        built = run(pipelines[name][0], build, families)
        print(f"{name} building 0 -> {len(build):,}: {built.rate:,.0f} articles/s")
    # The measured articles in rounds, the pipelines taking turns, so that the machine's noise
    # falls on all of them alike; each round queries and inserts against the full index.
    rounds: dict[str, list[Run]] = {name: [] for name in pipelines}
    size = max(args.batch, args.measure // (3 * args.rounds))
    for first in range(0, len(measure), 3 * size):
        for offset, (name, (process, batch)) in enumerate(pipelines.items()):
            part = measure[first + offset * size : first + (offset + 1) * size]
            if part:
                rounds[name].append(run(process, part, families, batch))
    rates = {}
    for name, runs in rounds.items():
        total = combine(runs)
        rates[name] = statistics.median(r.rate for r in runs)
        print(
            f"{name} at {len(build):,}: median {rates[name]:,.0f} articles/s, best "
            f"{max(r.rate for r in runs):,.0f} ({len(runs)} rounds of {size:,}; synthetic "
            f"copies: precision {total.precision:.3f}, recall {total.recall:.3f})"
        )
    ours_rate, theirs_rate = rates["newscrawler"], rates["datasketch"]
    batch_rate = rates[f"newscrawler, batches of {args.batch}"]
    print(
        f"ratio newscrawler / datasketch at {len(build):,} (medians): one by one "
        f"{ours_rate / theirs_rate:.1f}x, batched {batch_rate / theirs_rate:.1f}x"
    )
    del ours, theirs, pipelines
    gc.collect()

    print("labelled pairs (data/dedup/pairs.jsonl):")
    print(
        f"  newscrawler  containment >= {minhash.DEFAULT_THRESHOLD:.2f}: "
        f"precision {our_precision:.3f}, recall {our_recall:.3f}"
    )
    print(
        f"  datasketch   MinHashLSH threshold {ds_threshold:.2f} (its best F1): "
        f"precision {ds_precision:.3f}, recall {ds_recall:.3f}"
    )

    ours_memory, theirs_memory = memory(build[: args.memory], ds_threshold)
    print(
        f"memory per indexed article ({min(args.memory, len(build)):,} articles): newscrawler "
        f"{ours_memory:,.0f} bytes (signature kept for scoring), datasketch "
        f"{theirs_memory:,.0f} bytes (LSH tables only)"
    )

    schemes = estimate_errors()
    print(
        "signature scheme, 128 values: one permutation "
        f"{schemes['one permutation us']:.0f} us/article, mean |error| "
        f"{schemes['one permutation error']:.3f}; k permutations "
        f"{schemes['k permutations us']:.0f} us/article, mean |error| "
        f"{schemes['k permutations error']:.3f}"
    )
    ok = (
        max(ours_rate, batch_rate) >= 5000
        and min(ours_rate, batch_rate) >= 3 * theirs_rate
        and our_precision >= ds_precision
        and our_recall >= ds_recall
    )
    print("targets (>= 5,000/s, >= 3x datasketch, precision and recall >= datasketch's):",
          "met" if ok else "NOT met")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
