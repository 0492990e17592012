"""The page cache for anonymous readers: whole responses in the ``shared`` cache alias.

policy.py says which requests may be answered from the cache and which responses may be kept;
store.py reads and writes entries (one shared-cache round trip per request); middleware.py
serves them; purge.py forgets them (and purges the HTTP cache in front) when content changes;
signals.py connects purge.py to Wagtail's and Django's signals. See "Caching" in README.
"""
