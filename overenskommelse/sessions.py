"""Sessions as Django's `cached_db`, reading the portal's data version in the same
round trip as the session: a logged-in request then needs that one trip for its
session and the user (see `user_cache`) and one for its page (see `page_cache`)."""

from django.contrib.sessions.backends import cached_db


class SessionStore(cached_db.SessionStore):
    portal_data_version: str | None = None

    def load(self) -> dict:
        from overenskommelse.page_cache import VERSION_KEY

        try:
            found = self._cache.get_many([self.cache_key, VERSION_KEY])
        except Exception:  # the cache is down: the database still has the session
            found = {}
        self.portal_data_version = found.get(VERSION_KEY)
        data = found.get(self.cache_key)
        if data is None:
            return super().load()
        return data
