"""Timings that are not HTTP throughput: the median of 10 renders of the § 16
protokollsutdrag PDF. Run by tests/bench/run.py with the bench environment;
prints one JSON line. Later issues add the follow-up PDF and the reminder sweep.
"""

import json
import os
import statistics
import sys
import time

import django


def _median_ms(func, runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def measure() -> dict:
    from overenskommelse.models import Paragraph
    from overenskommelse.pdf import pdf_render
    from overenskommelse.selectors.protocols import paragraph_extract

    paragraph = Paragraph.objects.get(number=16, meeting__date="2019-01-31")

    def render_extract() -> None:
        pdf_render(
            "overenskommelse/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph)
        )

    return {"pdf_16_extract_median_ms": _median_ms(render_extract)}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    sys.stdout.write(json.dumps(measure()) + "\n")
