from django.core.exceptions import BadRequest
from django.db import connection
from pghistory.middleware import HistoryMiddleware


def _holds_nul(data) -> bool:
    """Whether a key or value of a QueryDict (or an uploaded file's name) holds NUL."""
    for key, values in data.lists():
        for value in [key, *values]:
            text = value if isinstance(value, str) else getattr(value, "name", "") or ""
            if "\x00" in text:
                return True
    return False


class RejectNulMiddleware:
    """A NUL byte in the path, the query, a posted field or a cookie is a bad request
    (400, the project's 400 page). PostgreSQL cannot store or compare a string that
    holds one, so it must not reach a view's query, whichever view it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        if any("\x00" in key + value for key, value in request.COOKIES.items()):
            return True
        if _holds_nul(request.GET):
            return True
        return request.method == "POST" and (_holds_nul(request.POST) or _holds_nul(request.FILES))


PRIVATE_NO_STORE = "private, no-store"


def private_no_store(response):
    """Mark a response for one person only, kept by no cache (the browser's included)."""
    response["Cache-Control"] = PRIVATE_NO_STORE
    return response


class PrivateNoStoreMiddleware:
    """Every response to a logged-in user is `Cache-Control: private, no-store`, so the
    browser keeps no copy of a personal or staff page (a shared computer, the back
    button after log-out). A view that set a private Cache-Control of its own keeps
    it; pages for anonymous visitors are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            own = {d.strip().lower() for d in response.get("Cache-Control", "").split(",")}
            if "private" not in own:
                private_no_store(response)
        return response


class FieldHistoryMiddleware(HistoryMiddleware):
    """django-pghistory's middleware: a write request's user and URL go with every
    statement, as a set_config() call the history triggers read. On SQLite (make run's
    default) there is neither set_config() nor a trigger, so it stands aside."""

    def __call__(self, request):
        if connection.vendor != "postgresql":
            return self.get_response(request)
        return super().__call__(request)
