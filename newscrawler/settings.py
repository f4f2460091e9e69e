"""Settings of newscrawler.

Scrapy's own settings first, then ours, prefixed ``NEWSCRAWLER_``, each with its default and what
it does. Override any of them with ``-s NAME=VALUE`` or in a scrapyd deployment.
"""

from newscrawler import __version__

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders.portal", "newscrawler.spiders.generic"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"

# --- Politeness -------------------------------------------------------------------------------
# Identify ourselves, obey robots.txt, and let AutoThrottle adapt to each portal's latency.
USER_AGENT = f"newscrawler/{__version__} (+https://github.com/newscrawler/newscrawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

# --- Components -------------------------------------------------------------------------------
ITEM_PIPELINES = {
    "newscrawler.pipelines.CleaningPipeline": 100,
    "newscrawler.pipelines.ValidationPipeline": 200,
    "newscrawler.pipelines.DedupPipeline": 300,
    "newscrawler.storage.pipeline.StoragePipeline": 800,
}
EXTENSIONS = {
    "newscrawler.extensions.RejectsFeed": 500,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's, fixed so that requests waiting for robots.txt are checked too.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawler.middlewares.RobotsTxtMiddleware": 100,
    # After robots.txt (100) so that the demo obeys robots.txt as a real crawl does.
    "newscrawler.middlewares.DemoReplayMiddleware": 950,
}

# One request per canonical URL: m./amp./www. and tracking variants of a page are duplicates.
REQUEST_FINGERPRINTER_CLASS = "newscrawler.fingerprint.CanonicalRequestFingerprinter"

# --- Feeds ------------------------------------------------------------------------------------
# One UTF-8 JSON Lines feed per spider run; -o / -O on the command line replace it.
FEEDS = {
    "data/feeds/%(name)s-%(time)s.jsonl": {"format": "jsonlines", "encoding": "utf-8"},
}
FEED_EXPORT_ENCODING = "utf-8"

# --- newscrawler --------------------------------------------------------------------------------
# Articles whose body has fewer characters are dropped as BodyTooShort.
NEWSCRAWLER_MIN_BODY_CHARS = 300
# Where dropped items and failed pages are written, with their reason ("" turns it off).
NEWSCRAWLER_REJECTS_URI = "data/rejects/%(name)s-%(time)s.jsonl"
# Folder of offline portal copies to answer requests from instead of the network (make demo).
NEWSCRAWLER_DEMO_DIR = ""

# --- Storage ----------------------------------------------------------------------------------
# Database of articles (with history), rejects and duplicates: sqlite:///relative/path.db,
# sqlite:////absolute/path.db or postgresql://user:password@host:5432/db ("" stores nothing).
# The crawl does not start when it cannot be reached.
NEWSCRAWLER_DATABASE_URL = "sqlite:///data/newscrawler.db"
# Records (articles, rejects, duplicates) written per transaction.
NEWSCRAWLER_DB_BATCH_SIZE = 500
# Seconds after which what is buffered is written even when the batch is not full (and a batch
# spooled during an outage is tried again), so that a slow crawl reaches the database as it goes;
# 0 writes full batches only.
NEWSCRAWLER_DB_FLUSH_INTERVAL = 10.0
# Where batches wait while the database is away; `scrapy replay_spool` writes what a crawl left.
NEWSCRAWLER_SPOOL_DIR = "data/spool"
# Seconds between attempts to reach the database again after a failure.
NEWSCRAWLER_DB_RETRY_INTERVAL = 30.0

# --- Dedup ------------------------------------------------------------------------------------
# Every article gets its story in metadata.storyId; a page met before with the same text and an
# exact copy of another page are dropped. Near copies (syndicated, rewritten, cut): "drop" keeps
# them out of the feeds (recorded in the duplicates table), "mark" keeps them with
# metadata.duplicateOf and metadata.similarity. The index is kept in the database above.
NEWSCRAWLER_DEDUP_NEAR = "drop"
# Least similarity (share of the shorter text found in the other) of a near copy; chosen from
# the curve over data/dedup/pairs.jsonl (bench/eval_dedup.py).
NEWSCRAWLER_DEDUP_THRESHOLD = 0.55

LOG_LEVEL = "INFO"
