from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def demo_hosts() -> list[str]:
    return sorted(p.name for p in DEMO.iterdir() if (p / "expected.json").is_file())


def load_expected(host: str) -> dict[str, Any]:
    return load_expected_from(DEMO / host)


def load_expected_from(site: Path) -> dict[str, Any]:
    return json.loads((site / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def article_schema() -> dict[str, Any]:
    return json.loads((ROOT / "data/schema/article.schema.json").read_text(encoding="utf-8"))
