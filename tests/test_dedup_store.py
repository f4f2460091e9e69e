"""The dedup index in the database: decisions, persistence across runs, sharing between
processes, outages, and the index of a database from before it, on both backends."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from newscrawler.dedup.canonical import canonicalize_url
from newscrawler.dedup.minhash import dedup_keys
from newscrawler.dedup.store import (
    CHANGED,
    EXACT,
    NEAR,
    NEW,
    UNCHANGED,
    DedupIndex,
    MemoryIndex,
    decide,
    story_id_for,
)
from newscrawler.storage import Storage, open_storage
from newscrawler.storage.base import StorageUnavailableError
from tests.conftest import Db
from tests.test_dedup_minhash import PAIRS, SEED_DL, SEED_TQ
from tests.test_storage import article

TQ = "https://tuyenquangtv.vn/tin-moi/202212/hoi-nghi-toan-quoc-92a4a03/"
DL = "https://baodaklak.vn/chinh-tri/202212/hoi-nghi-toan-quoc-9742668/"
OTHER = next(p for p in PAIRS if p["kind"] == "same_day_province")["b"]


@pytest.fixture
def index(db: Db) -> Iterator[DedupIndex]:
    index = DedupIndex(db.open(), reopen=lambda: open_storage(db.url))
    yield index
    index.close()


def check(index: DedupIndex, url: str, text: str) -> Any:
    return index.check(canonicalize_url(url), url, text)


def test_the_seed_story_once_across_portals_and_runs(index: DedupIndex, db: Db) -> None:
    first = check(index, TQ, SEED_TQ)
    assert (first.verdict, first.kept, first.story_id) == (NEW, True, story_id_for(TQ))
    copy = check(index, DL, SEED_DL)
    assert (copy.verdict, copy.kept, copy.duplicate_of) == (NEAR, False, TQ)
    assert copy.story_id == first.story_id
    assert copy.similarity is not None and copy.similarity >= index.threshold
    index.close()

    tomorrow = DedupIndex(db.open())  # a new run: a new connection, nothing in memory
    again = [check(tomorrow, DL, SEED_DL), check(tomorrow, TQ, SEED_TQ)]
    assert [(d.verdict, d.kept, d.story_id) for d in again] == [
        (UNCHANGED, False, first.story_id), (UNCHANGED, True, first.story_id)
    ]  # fmt: skip
    tomorrow.close()
    assert db.query("SELECT kind, kept FROM dedup_index ORDER BY id") in (
        [("story", 1), ("near", 0)], [("story", True), ("near", False)]
    )  # fmt: skip


def test_near_copies_are_kept_when_marked(db: Db) -> None:
    index = DedupIndex(db.open(), keep_near=True)
    check(index, TQ, SEED_TQ)
    copy = check(index, DL, SEED_DL)
    assert (copy.verdict, copy.kept, copy.duplicate_of) == (NEAR, True, TQ)
    index.close()


def test_the_same_text_in_another_tone_style_or_nfd_is_an_exact_copy(index: DedupIndex) -> None:
    check(index, TQ, SEED_TQ)
    old_style = SEED_TQ.replace("hòa", "hoà").replace("thủy", "thuỷ")
    nfd = unicodedata.normalize("NFD", SEED_TQ.upper())
    assert old_style != SEED_TQ or "hòa" not in SEED_TQ
    decisions = [check(index, "https://a.vn/1", old_style), check(index, "https://b.vn/2", nfd)]
    assert [(d.verdict, d.kept, d.duplicate_of, d.similarity) for d in decisions] == [
        (EXACT, False, TQ, 1.0), (EXACT, False, TQ, 1.0)
    ]  # fmt: skip


def test_a_copy_of_a_dropped_copy_points_to_the_kept_article(index: DedupIndex) -> None:
    check(index, TQ, SEED_TQ)
    check(index, DL, SEED_DL)
    third = check(index, "https://baogialai.com.vn/hoi-nghi-post1.html", SEED_DL)
    assert (third.verdict, third.duplicate_of) == (EXACT, TQ)


@pytest.mark.parametrize("pair", [p for p in PAIRS if p["label"] == "not"], ids=lambda p: p["id"])
def test_hard_negatives_are_two_stories(pair: dict[str, Any]) -> None:
    memory = MemoryIndex()
    a = decide(memory, "https://a.vn/1", "https://a.vn/1", dedup_keys(pair["a"]))
    b = decide(memory, "https://b.vn/2", "https://b.vn/2", dedup_keys(pair["b"]))
    assert (a.verdict, b.verdict) == (NEW, NEW)
    assert a.story_id != b.story_id


def test_changed_text_keeps_the_story_of_its_first_article(index: DedupIndex) -> None:
    first = check(index, TQ, SEED_TQ)
    check(index, DL, SEED_DL)
    updated = check(index, TQ, SEED_TQ + "\nCập nhật: Hội nghị đã bế mạc chiều cùng ngày.")
    assert (updated.verdict, updated.kept, updated.story_id) == (CHANGED, True, first.story_id)
    # A copy whose text is now another story's is decided again.
    rewritten = check(index, DL, OTHER)
    assert (rewritten.verdict, rewritten.kept) == (NEW, True)
    assert rewritten.story_id == story_id_for(DL)
    # And the first article is still found by its new bands.
    late = check(index, "https://baoquangbinh.vn/chinh-tri/202212/hoi-nghi-2190999/", SEED_TQ)
    assert (late.verdict, late.duplicate_of) == (NEAR, TQ)


def test_two_processes_share_the_index(db: Db) -> None:
    one, two = DedupIndex(db.open()), DedupIndex(db.open())
    assert check(one, TQ, SEED_TQ).verdict == NEW
    copy = check(two, DL, SEED_DL)  # opened before `one` wrote: it reads the database
    assert (copy.verdict, copy.duplicate_of) == (NEAR, TQ)
    one.close()
    two.close()


@pytest.mark.parametrize("attempt", range(3))
def test_two_copies_met_at_once_make_one_story(db: Db, attempt: int) -> None:
    """Two crawlers meet the two copies of a story at the same moment: the lock makes one of
    them the first, the other its copy, whatever the timing."""
    indexes = [DedupIndex(db.open()), DedupIndex(db.open())]
    barrier = threading.Barrier(2)
    decisions: dict[str, Any] = {}

    def meet(index: DedupIndex, url: str, text: str) -> None:
        barrier.wait()
        decisions[url] = check(index, url, text)

    threads = [
        threading.Thread(target=meet, args=(index, url, text))
        for index, url, text in zip(indexes, (TQ, DL), (SEED_TQ, SEED_DL), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for index in indexes:
        index.close()
    assert sorted(d.verdict for d in decisions.values()) == [NEAR, NEW]
    assert len({d.story_id for d in decisions.values()}) == 1
    assert db.count("dedup_index") == 2


def test_an_outage_decides_in_memory_then_writes_to_the_database(db: Db) -> None:
    down = True

    def reopen() -> Storage:
        if down:
            raise StorageUnavailableError("the database is restarting")
        return open_storage(db.url)

    storage = db.open()
    index = DedupIndex(storage, reopen=reopen, retry_interval=0.0)
    check(index, TQ, SEED_TQ)
    db.break_connection(storage)
    during = check(index, "https://baotayninh.vn/khac-a1.html", OTHER)
    assert during.verdict == NEW and index.outage is not None
    # What the database held before the outage is not known in memory; what came since is.
    assert check(index, "https://baotayninh.vn/khac-b2.html", OTHER).verdict == EXACT
    assert check(index, DL, SEED_DL).verdict == NEW
    down = False
    # Back: what was decided meanwhile is written first, then the database decides again.
    assert check(index, "https://baoquangbinh.vn/hoi-nghi-2190999/", SEED_DL).verdict == EXACT
    assert index.outage is None
    assert index.close() == 0
    assert db.count("dedup_index") == 5
    tomorrow = DedupIndex(db.open())
    assert check(tomorrow, "https://baotayninh.vn/khac-a1.html", OTHER).verdict == UNCHANGED
    tomorrow.close()


def test_an_outage_that_lasts_reports_what_could_not_be_written(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path}/news.db"
    storage = open_storage(url)
    storage.migrate()

    def unreachable() -> Storage:
        raise StorageUnavailableError("the database is away")

    index = DedupIndex(storage, reopen=unreachable, retry_interval=0.0)
    storage.conn.close()  # type: ignore[attr-defined]
    assert check(index, TQ, SEED_TQ).verdict == NEW
    assert check(index, DL, SEED_DL).verdict == NEAR  # within the outage, copies are still found
    assert index.close() == 2


def test_without_database_the_index_lasts_for_the_crawl() -> None:
    index = DedupIndex(None)
    assert [check(index, TQ, SEED_TQ).verdict, check(index, DL, SEED_DL).verdict,
            check(index, TQ, SEED_TQ).verdict] == [NEW, NEAR, UNCHANGED]  # fmt: skip
    assert index.close() == 0


def test_articles_stored_without_the_index_are_indexed_once(db: Db) -> None:
    """As in a database from before the index, or filled by crawls with dedup off."""
    with open_storage(db.url) as storage:
        storage.migrate()
        seed = {**article(1, body=SEED_TQ), "url": TQ, "canonicalUrl": TQ}
        copy = {**article(2, body=SEED_DL), "url": DL, "canonicalUrl": DL}
        other = {**article(3, body=OTHER)}
        storage.write_batch([seed, copy, other])
    index = DedupIndex(db.open())
    assert index.backfill() == 3
    assert index.backfill() == 0  # once
    rows = db.query("SELECT canonical_url, kind, kept, duplicate_of FROM dedup_index ORDER BY id")
    assert [(r[1], bool(r[2]), r[3]) for r in rows] == [
        ("story", True, None), ("near", True, TQ), ("story", True, None)
    ]  # fmt: skip
    # Tomorrow's crawl knows them: the stored copy is unchanged, a new copy is found.
    assert check(index, DL, SEED_DL).verdict == UNCHANGED
    late = check(index, "https://baogialai.com.vn/hoi-nghi-toan-quoc-post198870.html", SEED_TQ)
    assert (late.verdict, late.duplicate_of) == (EXACT, TQ)
    index.close()
