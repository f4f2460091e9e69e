from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from itemadapter import ItemAdapter

from newscrawler.items import Article, Author, Image
from newscrawler.schema import SCHEMA_PATH, render


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), (
        "data/schema/article.schema.json is out of date: run `make schema` and commit it"
    )


def test_every_field_is_documented(article_schema: dict[str, Any]) -> None:
    undocumented = [k for k, v in article_schema["properties"].items() if not v.get("description")]
    assert not undocumented


def test_schema_rejects_a_date_without_zone(article_schema: dict[str, Any]) -> None:
    item = ItemAdapter(Article(url="https://a.vn/x", datePublished="2022-12-29T21:10:00")).asdict()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(item, article_schema)
    item["datePublished"] = "2022-12-29T21:10:00+07:00"
    jsonschema.validate(item, article_schema)


def test_schema_accepts_a_full_item(article_schema: dict[str, Any]) -> None:
    article = Article(
        url="https://a.vn/x", headline="Tin", authors=[Author("Thúy Hà", "Thúy Hà – Hùng Sơn")],
        mainImage=Image("https://a.vn/a.jpg"), images=[Image("https://a.vn/b.jpg", "Chú thích")],
        metadata={"probability": 0.9},
    )  # fmt: skip
    jsonschema.validate(ItemAdapter(article).asdict(), article_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**ItemAdapter(article).asdict(), "extra": 1}, article_schema)
