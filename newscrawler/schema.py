"""The JSON Schema of the Article item, generated from the dataclass.

``python -m newscrawler.schema --write`` writes it to ``data/schema/article.schema.json``; a test
fails when the file and the code drift apart.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from newscrawler.items import Article

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schema" / "article.schema.json"


def article_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`~newscrawler.items.Article`."""
    schema = ItemAdapter.get_json_schema(Article)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/newscrawler/newscrawler/data/schema/article.schema.json",
        "title": "Article",
        **schema,
    }


def render() -> str:
    return json.dumps(article_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH}")
    args = parser.parse_args(argv)
    if args.write:
        SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_PATH.write_text(render(), encoding="utf-8")
        print(f"Wrote {SCHEMA_PATH}")
    else:
        print(render(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
