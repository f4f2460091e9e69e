"""newscrawler: a Scrapy crawler for Vietnamese local news."""

__version__ = "0.1.0"
