"""config/gunicorn.py as production runs it, plus one thing for `make bench`: each
worker, once it has loaded the application, leaves a file named by its pid in
BENCH_READY_DIR. The bench sends the master SIGHUP for its cold column and waits for
those files: new workers have the application loaded but have served nothing.

    gunicorn -c tests/bench/gunicorn_bench.py config.wsgi:application
"""

import os
import runpy
from pathlib import Path

_production = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"))
globals().update({k: v for k, v in _production.items() if not k.startswith("_")})


def post_worker_init(worker) -> None:
    _production["post_worker_init"](worker)
    ready = os.environ.get("BENCH_READY_DIR")
    if ready:
        Path(ready, str(os.getpid())).touch()
