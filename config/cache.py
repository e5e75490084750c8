"""The cache: Redis through django-redis, and this process's memory while Redis is down.

A cache outage must never become an error, nor switch off what relies on the cache.
allauth's log-in rate limits take a lock with `cache.add`; with the failures merely
ignored, every `add` would fail and every log-in would be refused as rate-limited. So
each call that finds Redis unreachable is answered by a per-process LocMemCache
instead (logged once per outage): pages render, log-in works and its limits still
hold per worker process, and Redis is used again by the first call after it is back.
"""

import functools
import logging
import threading

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_FALLBACK_METHODS = (
    "get", "set", "add", "delete", "get_many", "set_many", "delete_many",
    "has_key", "incr", "decr", "touch", "clear",
)  # fmt: skip


def _with_fallback(name: str):
    redis_method = getattr(RedisCache, name)

    @functools.wraps(redis_method)
    def method(self, *args, **kwargs):
        try:
            result = redis_method(self, *args, **kwargs)
        except (RedisError, OSError):
            self._outage_begins()
            return getattr(self.fallback, name)(*args, **kwargs)
        self._outage_ends()
        return result

    return method


class FallbackRedisCache(RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}}
        super().__init__(server, params)
        self.fallback = LocMemCache(f"redis-fallback-{server}", {"TIMEOUT": self.default_timeout})
        self._down = False
        self._lock = threading.Lock()

    def _outage_begins(self) -> None:
        with self._lock:
            if not self._down:
                self._down = True
                logger.warning("Redis unreachable: the cache runs in this process's memory")

    def _outage_ends(self) -> None:
        if self._down:
            with self._lock:
                self._down = False
            logger.warning("Redis reachable again: the cache is Redis")

    for _name in _FALLBACK_METHODS:
        locals()[_name] = _with_fallback(_name)
    del _name
