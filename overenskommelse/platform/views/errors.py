"""Error views the settings point at."""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """The form had no valid CSRF token: explain it in the user's language."""
    return render(request, "403_csrf.html", status=403)
