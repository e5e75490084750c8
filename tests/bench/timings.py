"""Timings that are not HTTP throughput: the median of 10 renders of the § 16
protokollsutdrag PDF and of a yearly follow-up PDF, and one reminder sweep over
10 000 instanser with its query count (and, to show the count is flat, over 1 000).
Run by tests/bench/run.py with the bench environment; prints one JSON line.
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


def _pdfs() -> dict:
    from overenskommelse.platform.pdf import pdf_render
    from overenskommelse.protocols.models import Paragraph
    from overenskommelse.protocols.selectors.protocols import paragraph_extract
    from samverkan.group.charts import followup_charts
    from samverkan.group.models import FollowUp
    from samverkan.group.services import followup as followup_services

    paragraph = Paragraph.objects.get(number=16, meeting__date="2019-01-31")

    def render_extract() -> None:
        pdf_render("protocols/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph))

    def followup_renderer(followup: FollowUp):
        def render() -> None:  # what FollowUpPdfView does
            content = followup_services.followup_content(followup)
            pdf_render(
                "samverkansgruppen/pdf/followup.html",
                {
                    "followup": followup,
                    "content": content,
                    "charts": followup_charts(content),
                    "section_labels": followup_services.section_labels(),
                },
            )

        return render

    draft = FollowUp.objects.get(status=FollowUp.Status.DRAFT)
    approved = FollowUp.objects.filter(status=FollowUp.Status.APPROVED).latest("year")
    return {
        "pdf_16_extract_median_ms": _median_ms(render_extract),
        f"pdf_followup_{approved.year}_approved_median_ms": _median_ms(followup_renderer(approved)),
        f"pdf_followup_{draft.year}_live_median_ms": _median_ms(followup_renderer(draft)),
    }


def _sweep(instanser: int, tag: str) -> tuple[float, int]:
    """Seconds and queries for one sweep over `instanser` due instanser (their 14-day
    reminder is due), each instans an organisation with a representative."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from overenskommelse.accounts.models import User
    from overenskommelse.agreement.models import Organisation, Remiss, RemissReminder
    from overenskommelse.agreement.services.remiss_reminders import remiss_reminders_send
    from tests.bench.dataset import remisser_create

    # Only this sweep's remisser are due: close the others' reminder windows.
    Remiss.objects.filter(status=Remiss.Status.PUBLISHED).update(status=Remiss.Status.WITHDRAWN)
    organisations = list(
        Organisation.objects.filter(representations__status="bekraftad").order_by("pk")[:5000]
    )
    per = min(1000, instanser)
    remisser_create(
        count=instanser // per,
        per=per,
        organisations=organisations,
        closes_on=timezone.localdate() + dt.timedelta(days=13),
        tag=tag,
        handlaggare=User.objects.get(email="bench-handlaggare@example.se"),
    )
    before = RemissReminder.objects.count()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        sent = remiss_reminders_send()
        seconds = time.perf_counter() - start
    assert sent == instanser == RemissReminder.objects.count() - before, sent
    return round(seconds, 2), len(queries)


def measure() -> dict:
    result = _pdfs()
    seconds_1k, queries_1k = _sweep(1000, "S1-")
    seconds_10k, queries_10k = _sweep(10_000, "S10-")
    result.update(
        {
            "reminder_sweep_1000_instanser_s": seconds_1k,
            "reminder_sweep_1000_instanser_queries": queries_1k,
            "reminder_sweep_10000_instanser_s": seconds_10k,
            "reminder_sweep_10000_instanser_queries": queries_10k,
        }
    )
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    sys.stdout.write(json.dumps(measure()) + "\n")
