"""A form is saved once, however often it is sent.

Every form in the portal's templates carries a one-time key, `{% submission_key %}`
next to `{% csrf_token %}` (tests/overenskommelse/test_submissions.py checks every
template). `SubmitOnceMiddleware` claims the key before the view runs. A POST with a
key that was used already is not handled again: it is redirected where the first one
went, with a message saying so. A first POST that is refused (the form shown again
with its errors, or a 4xx) frees its key, so the corrected form can be sent.

POSTs without a key (the test client, scripts) are handled as before. A page with a
form must never come from a cache shared between users: they would share its key.
"""

import re

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseRedirect, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from overenskommelse.platform.services import submissions as services

FIELD = "submission_key"
KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
REDIRECTS = (301, 302, 303)


def posted_key(request) -> str | None:
    if request.method != "POST":
        return None
    try:
        value = request.POST.get(FIELD, "")
    except (
        RequestDataTooBig,
        TooManyFieldsSent,
        TooManyFilesSent,
        MultiPartParserError,
        UnreadablePostError,
    ):
        return None  # the view's own handling answers (a 400)
    return value if KEY.fullmatch(value) else None


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = posted_key(request)
        if key is None:
            return self.get_response(request)
        earlier = services.submission_claim(key=key)
        if earlier is not None:
            return self.repeated(request, earlier.location)
        try:
            response = self.get_response(request)
        except BaseException:
            services.submission_release(key=key)
            raise
        if response.status_code in REDIRECTS and response.has_header("Location"):
            services.submission_done(key=key, location=response["Location"])
        else:
            services.submission_release(key=key)
        return response

    @staticmethod
    def repeated(request, location: str):
        if not location:  # the first POST with this key is still being handled
            return HttpResponse(
                _("The form is still being sent. Wait a moment, then reload the page."),
                status=409,
                content_type="text/plain; charset=utf-8",
            )
        messages.info(request, _("This form was already sent. It was not saved a second time."))
        return HttpResponseRedirect(location)
