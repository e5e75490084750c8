"""Celery beat with its clock moved: `python -m tests.deployed.beat_at <ISO time> <celery args>`.

The clock starts at the given moment and runs on from there (time-machine, in this
process only); beat, its scheduler and the database are otherwise as deployed. The
deployed tier uses it to be at an hour when django-celery-beat loads every entry of
the schedule (it reads only crontabs within two hours of the current hour).
"""

import sys
from datetime import datetime

import time_machine


def main() -> None:
    moment = datetime.fromisoformat(sys.argv[1])
    with time_machine.travel(moment, tick=True):
        from celery.__main__ import main as celery

        sys.argv = ["celery", *sys.argv[2:]]
        celery()


if __name__ == "__main__":
    main()
