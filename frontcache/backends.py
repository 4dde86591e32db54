"""A Redis cache that a failing Redis cannot slow down for long (docs/caching.md).

`FailSafeRedisCache` holds a django-redis `RedisCache` built from the same settings and passes
every call to it. When a call fails (Redis down, or hanging until its socket timeout), the
failure is logged, the call answers as a cache miss would (nothing found, nothing stored), and
for RETRY_SECONDS every cache of this process on the same Redis answers that way at once without
asking it: a Redis that accepts connections and never answers costs one socket timeout per
process, not one per call.
"""

import logging
from time import monotonic

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

_down_until = {}  # LOCATION -> monotonic time before which the Redis is not asked


class FailSafeRedisCache(BaseCache):
    def __init__(self, server, params):
        params = dict(params)
        self.retry_seconds = float(params.pop("RETRY_SECONDS", 30))
        super().__init__(params)
        self.location = server
        self.redis = RedisCache(server, params)

    def _call(self, method, failed, *args, **kwargs):
        if monotonic() < _down_until.get(self.location, 0.0):
            return failed
        try:
            return getattr(self.redis, method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure of the cache server
            _down_until[self.location] = monotonic() + self.retry_seconds
            logger.warning(
                "Redis %s failed on %s (%s): not asked for %s s",
                self.location,
                method,
                error,
                self.retry_seconds,
            )
            return failed

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", False, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def incr(self, key, delta=1, version=None):
        # None, as django-redis answers when it ignores its errors: callers let the request go.
        return self._call("incr", None, key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", None, key, delta=delta, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", None)

    def close(self, **kwargs):
        self.redis.close(**kwargs)
