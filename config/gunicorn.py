"""How gunicorn serves the portal, in production (Dockerfile, docker-compose) and in
`make bench`, so the benchmark measures the configuration that is deployed.

    gunicorn -c config/gunicorn.py config.wsgi:application

- One process per core it may use (or `WEB_CONCURRENCY`), each with
  `GUNICORN_THREADS` threads: a request spends part of its time waiting for
  PostgreSQL and Redis, and threads fill that time.
- Each worker listens on its own socket (SO_REUSEPORT), so the kernel spreads new
  connections over the workers. With one shared socket, whichever worker wakes
  first accepts them: keep-alive connections then pile up on one process and use
  one core of two. The bench saw all eight of its connections on one worker in about
  a third of its rounds, and half the throughput in those rounds.
- After a worker has loaded the application, the objects made at start-up are moved
  out of the garbage collector's reach (`gc.freeze`): they live as long as the
  process, and a full collection no longer walks them on every request's behalf.
"""

import gc
import os


def _cores() -> int:
    """The cores this process may run on (a container's cpuset, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 2


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or _cores())
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
reuse_port = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Behind a reverse proxy that keeps connections open: a little longer than gunicorn's
# default of 2 s, so the proxy's idle connections are not cut under it.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))


def post_worker_init(worker) -> None:
    gc.freeze()
