"""
The production settings, plus one address: /bench/bare/, a view that only answers
"ok" through the whole middleware stack, the floor every page is compared with.
Only bench/harness.py serves with these settings.
"""

from crossing_archive.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
