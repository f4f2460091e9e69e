"""Signatures and the near-duplicate index: the seed story, hard negatives, persistence."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from newscrawler.dedup.minhash import (
    BANDS,
    DEFAULT_THRESHOLD,
    MinHasher,
    NearDuplicateIndex,
    Signature,
    dedup_keys,
    exact_containment,
)
from tests.conftest import ROOT, load_expected

PAIRS = [
    json.loads(line)
    for line in (ROOT / "data" / "dedup" / "pairs.jsonl").read_text(encoding="utf-8").splitlines()
]


def body(host: str, url_part: str) -> str:
    (article,) = [a for a in load_expected(host)["articles"] if url_part in a["url"]]
    return article["articleBody"]


SEED_TQ = body("tuyenquangtv.vn", "92a4a03")
SEED_DL = body("baodaklak.vn", "9742668")
PAIR = {row["id"]: row for row in PAIRS}


def test_the_seed_story_is_found_across_portals() -> None:
    index = NearDuplicateIndex()
    index.add("https://tuyenquangtv.vn/seed", SEED_TQ)
    found = index.query(SEED_DL)
    assert [key for key, _ in found] == ["https://tuyenquangtv.vn/seed"]
    assert found[0][1] >= DEFAULT_THRESHOLD
    assert found[0][1] == pytest.approx(exact_containment(SEED_TQ, SEED_DL), abs=0.1)


@pytest.mark.parametrize("pair_id", ["annual_event-1", "same_day_province-2", "template-2"])
def test_hard_negatives_are_rejected(pair_id: str) -> None:
    """The conference one year later, another story the same day, a price report template."""
    pair = PAIR[pair_id]
    index = NearDuplicateIndex()
    index.add("a", pair["a"])
    assert index.query(pair["b"]) == []
    assert exact_containment(pair["a"], pair["b"]) < DEFAULT_THRESHOLD


def test_query_and_add_reports_earlier_copies() -> None:
    index = NearDuplicateIndex()
    assert index.query_and_add("tq", SEED_TQ) == []
    assert [k for k, _ in index.query_and_add("dl", SEED_DL)] == ["tq"]
    assert [k for k, _ in index.query_and_add("dl-nfd", unicodedata.normalize("NFD", SEED_DL))] == [
        "dl",
        "tq",
    ]
    assert len(index) == 3
    assert "dl" in index


def test_re_adding_a_key_replaces_it() -> None:
    index = NearDuplicateIndex()
    index.add("k", SEED_TQ)
    index.add("k", PAIR["unrelated-1"]["a"])
    assert index.query(SEED_TQ) == []
    assert [k for k, _ in index.query(PAIR["unrelated-1"]["a"])] == ["k"]
    assert index.query_and_add("k", SEED_TQ) == []  # its own old version is not reported
    assert len(index) == 1


def test_remove() -> None:
    index = NearDuplicateIndex()
    index.add("tq", SEED_TQ)
    index.add("dl", SEED_DL)
    index.remove("tq")
    index.remove("missing")
    assert [k for k, _ in index.query(SEED_TQ)] == ["dl"]
    assert "tq" not in index


def test_empty_texts_never_match() -> None:
    index = NearDuplicateIndex()
    index.add("empty", "")
    index.add("punctuation", " … – ”")
    assert index.query("") == []
    assert index.query(None) == []
    assert MinHasher().signature("").size == 0


def test_short_texts_match_only_themselves() -> None:
    index = NearDuplicateIndex()
    index.add("short", "Tin vắn")
    assert [k for k, _ in index.query("TIN VẮN.")] == ["short"]
    assert index.query("Tin mới") == []


def test_signature_round_trip_through_bytes() -> None:
    for text in (SEED_TQ, SEED_DL, "Tin vắn", ""):
        signature = MinHasher().signature(text)
        data = signature.to_bytes()
        assert isinstance(data, bytes)
        again = Signature.from_bytes(data)
        assert again == signature
        assert again.values.dtype == np.uint32
        assert again.band_keys() == signature.band_keys()


def test_signature_format_is_stable() -> None:
    # Stored signatures and band keys must stay valid: a change here needs a new format version.
    signature = MinHasher().signature(SEED_TQ)
    data = signature.to_bytes()
    assert data[:6] == b"NCMH\x01\x05"
    assert hashlib.sha256(data).hexdigest()[:16] == "5c3e7ad4010b03f2"
    assert (
        hashlib.sha256(repr(signature.band_keys()).encode()).hexdigest()[:16] == "591e5131641b78f4"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"short", "bad header"),
        (b"XXXX" + bytes(8 + 512), "bad header"),
        (MinHasher().signature("a b c d e").to_bytes()[:-4], "bad header"),
        (b"NCMH\x07" + MinHasher().signature("a b c d e").to_bytes()[5:], "format 7"),
    ],
)
def test_signature_from_bytes_rejects_other_data(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Signature.from_bytes(data)


def test_band_keys_fit_a_signed_bigint_and_separate_bands() -> None:
    keys = MinHasher().signature(SEED_TQ).band_keys()
    assert len(keys) == BANDS
    assert all(isinstance(k, int) and 0 <= k < 2**63 for k in keys)
    assert len(set(keys)) == BANDS
    assert MinHasher().signature(SEED_TQ).band_keys(bands=16, rows=3) != keys[:16]


def test_index_rebuilt_from_stored_signatures_gives_the_same_answers() -> None:
    texts = {f"{row['id']}/{side}": row[side] for row in PAIRS for side in ("a", "b")}
    live = NearDuplicateIndex()
    stored: list[tuple[str, bytes]] = []
    for key, text in texts.items():
        live.add(key, text)
        stored.append((key, dedup_keys(text).signature.to_bytes()))
    rebuilt = NearDuplicateIndex.from_signatures(stored)
    assert len(rebuilt) == len(live)
    for row in PAIRS[::3]:
        assert rebuilt.query(row["b"]) == live.query(row["b"])
    signature = live.signature("seed-1/a")
    assert rebuilt.query_signature(signature.to_bytes()) == live.query_signature(signature)


def test_signatures_from_other_settings_are_refused() -> None:
    index = NearDuplicateIndex()
    with pytest.raises(ValueError, match="does not fit this index"):
        index.add_signature("x", MinHasher(shingle_size=3).signature(SEED_TQ))
    with pytest.raises(ValueError, match="bands"):
        NearDuplicateIndex(bands=100, rows=2)
    with pytest.raises(ValueError, match="power of two"):
        MinHasher(num_bins=100)


def test_exact_verification_gives_exact_containment() -> None:
    index = NearDuplicateIndex(keep_shingles=True)
    index.add("tq", SEED_TQ)
    ((key, value),) = index.query(SEED_DL)
    assert key == "tq"
    assert value == pytest.approx(exact_containment(SEED_TQ, SEED_DL))


def test_normalisation_variants_give_one_signature() -> None:
    variants = [
        SEED_DL,
        unicodedata.normalize("NFD", SEED_DL),
        SEED_DL.upper(),
        SEED_DL.replace("Ủy", "Uỷ").replace("ủy", "uỷ"),
        "  " + SEED_DL.replace(" ", "  "),
    ]
    keys = [dedup_keys(v) for v in variants]
    assert all(k == keys[0] for k in keys)


def test_estimates_follow_exact_similarity() -> None:
    """Mean error of the Jaccard estimate over the labelled pairs stays near the binomial
    bound for 128 values (about 0.03)."""
    hasher = MinHasher()
    errors = []
    for row in PAIRS:
        a, b = hasher.signature(row["a"]), hasher.signature(row["b"])
        exact = _exact_jaccard(hasher, row["a"], row["b"])
        errors.append(abs(a.jaccard(b) - exact))
    assert float(np.mean(errors)) < 0.03
    assert max(errors) < 0.12


def _exact_jaccard(hasher: MinHasher, a: str, b: str) -> float:
    from newscrawler.dedup.normalize import syllable_hashes

    set_a = np.unique(hasher.shingle_hashes(syllable_hashes(a)))
    set_b = np.unique(hasher.shingle_hashes(syllable_hashes(b)))
    return np.intersect1d(set_a, set_b).size / np.union1d(set_a, set_b).size


def test_pairs_file_exists() -> None:
    assert Path(ROOT / "data" / "dedup" / "pairs.jsonl").is_file()


BATCH = [
    SEED_TQ,
    "",
    None,
    "Tin vắn",  # shorter than one shingle
    unicodedata.normalize("NFD", SEED_DL),  # needs NFC
    "Tin vui 😀 hoà bình cho thuỷ điện Na Hang năm nay",  # outside the BMP: reference path
    "a\u200bb hoà\u00ad bình được mùa được giá",  # invisible characters
    SEED_DL,
    " … – ”",
    *[row["b"] for row in PAIRS[:12]],
]


def test_batch_keys_equal_one_at_a_time() -> None:
    from newscrawler.dedup.minhash import dedup_keys_many

    assert dedup_keys_many(BATCH) == [dedup_keys(text) for text in BATCH]
    assert dedup_keys_many([]) == []


def test_batch_query_and_add_equals_one_at_a_time() -> None:
    items = [(f"k{i}", text) for i, text in enumerate(BATCH + BATCH[:3])]
    one, many = NearDuplicateIndex(), NearDuplicateIndex()
    expected = [one.query_and_add(key, text) for key, text in items]
    assert many.query_and_add_many(items) == expected
    # A repeat inside one batch is found, first, with its rewrites after it.
    assert expected[-3][0] == ("k0", 1.0)
    assert {k for k, _ in expected[-3]} == {"k0", "k4", "k7", "k9"}
