"""Comparison keys: NFC/NFD, old and new tone marks, case, spacing, and the fast path."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from newscrawler.dedup.normalize import (
    fingerprint,
    hash_syllable,
    new_tone_style,
    normalize_for_dedup,
    syllable_hashes,
    syllables,
)
from tests.conftest import demo_hosts, load_expected

TEXTS = [
    article["articleBody"]
    for host in demo_hosts()
    for article in load_expected(host)["articles"]
    if article["articleBody"]
]
SEED = next(t for t in TEXTS if t.startswith("Sáng ngày 29/12, Ban Tổ chức Trung ương"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"), ("thuỷ", "thủy"), ("uý", "úy"), ("hoá", "hóa"), ("khoẻ", "khỏe"),
        ("tuỳ", "tùy"), ("Uỷ ban", "Ủy ban"), ("Hoà Thành", "Hòa Thành"), ("toạ đàm", "tọa đàm"),
        ("loè loẹt", "lòe loẹt"), ("xoã", "xõa"), ("luỹ kế", "lũy kế"), ("thuỵ", "thụy"),
        ("HOÀ BÌNH", "HÒA BÌNH"), ("Thiếu uý", "Thiếu úy"), ("oà khóc", "òa khóc"),
    ],
)  # fmt: skip
def test_old_and_new_tone_marks_give_one_key(old: str, new: str) -> None:
    assert normalize_for_dedup(old) == normalize_for_dedup(new) == new.casefold()
    assert fingerprint(old) == fingerprint(new)
    assert syllable_hashes(old).tolist() == syllable_hashes(new).tolist()


@pytest.mark.parametrize(
    "word",
    [
        "quý", "quỳ", "quỷ", "hoàng", "toán", "khuya", "khuỷu", "thuở", "của", "lúa", "hoài",
        "quạ", "gì", "hỏa",
    ],
)  # fmt: skip
def test_syllables_outside_the_rule_are_left_alone(word: str) -> None:
    """A final consonant, a third vowel, or the onset "qu" leave the tone where it is."""
    assert new_tone_style(word) == word
    assert normalize_for_dedup(word) == word


def test_nfd_and_nfc_give_one_key() -> None:
    for text in TEXTS:
        decomposed = unicodedata.normalize("NFD", text)
        assert decomposed != text
        assert normalize_for_dedup(decomposed) == normalize_for_dedup(text)
        assert fingerprint(decomposed) == fingerprint(text)


def test_windows_1258_style_decomposition_gives_one_key() -> None:
    # Legacy pages: precomposed base letter (ê, ơ, ư), tone mark as a combining character.
    legacy = "Hô\u0323i nghi\u0323 tô\u0309ng kê\u0301t, thuy\u0309 lơ\u0323i"
    assert fingerprint(legacy) == fingerprint("Hội nghị tổng kết, thủy lợi")


def test_case_whitespace_and_punctuation_give_one_key() -> None:
    variants = [
        SEED,
        SEED.upper(),
        SEED.replace(" ", "  ").replace("\n", "\n\n  "),
        SEED.replace(" ", "\u00a0"),
        SEED.replace(", ", " , ").replace(".", " . "),
        SEED.replace("\n", " "),
        f"  {SEED}\u200b\u00ad ",
    ]
    assert len({fingerprint(v) for v in variants}) == 1


def test_different_texts_give_different_keys() -> None:
    assert len({fingerprint(t) for t in TEXTS}) == len(set(TEXTS))
    assert fingerprint(SEED) != fingerprint(SEED.replace("2022", "2023"))
    assert fingerprint("Hoà bình") != fingerprint("Hoà bình mới")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(TTV) - Ngày 29/12, Tỉnh ủy…", "ttv ngày 29 12 tỉnh ủy"),
        ("Giá tiêu: 71.000 đồng/kg (tăng 5%)", "giá tiêu 71 000 đồng kg tăng 5"),
        ("“Dân vận khéo” – mô hình", "dân vận khéo mô hình"),
        ("snake_case và e\u0301", "snake case và é"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_for_dedup(text: str | None, expected: str) -> None:
    assert normalize_for_dedup(text) == expected
    assert normalize_for_dedup(expected) == expected  # idempotent
    assert syllables(text) == expected.split()


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS[:20],
        *[unicodedata.normalize("NFD", t) for t in TEXTS[:5]],
        *[t.upper() for t in TEXTS[:5]],
        "hoà_bình oà QUÝ quỷ Uỷ uỶ khoẻ xoá hoạ thuỵ tuỳ",  # underscores separate
        "Straße ﬁnal µ İstanbul ΣΊΣΥΦΟΣ ǅ",  # characters that fold to several or differ
        "Tin vui 😀 hoà",  # outside the BMP
        "a\u200bb hoà\u00ad bình",  # invisible characters
        "e\u0300\u0302 tiếng",  # a combining mark NFC cannot compose
        "１２３ ＡＢＣ",  # full-width forms
        "x_uý", "qoà", "guý", "oà", "ý",
    ],
)  # fmt: skip
def test_fast_path_matches_the_reference(text: str) -> None:
    """syllable_hashes (vectorised, lookup tables) equals hashing syllables() one by one."""
    expected = [hash_syllable(s) for s in syllables(text)]
    assert syllable_hashes(text).tolist() == expected


def test_syllable_hashes_are_stable() -> None:
    # Stored fingerprints and signatures depend on these numbers: a change needs a new format.
    assert hash_syllable("hòa") == 12016116619742159146
    assert fingerprint(SEED) == "a343a128af51172587f33b5b0068fbb5"
    assert syllable_hashes("").dtype == np.uint64
    assert syllable_hashes(None).size == 0
