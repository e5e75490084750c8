from django.shortcuts import render


def baseline(request):
    """`make bench`'s yardstick: a small template through the full middleware stack."""
    return render(request, "bench_baseline.html", {"title": "Baseline"})
