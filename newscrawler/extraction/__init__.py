"""Extraction of articles from pages: layered, portal overrides first."""

from newscrawler.extraction.article import ArticleExtractor

__all__ = ["ArticleExtractor"]
