"""gunicorn's configuration (`gunicorn --config python:gehoord.gunicorn_config gehoord.wsgi`).

The access log goes to standard output, without personal data (see `gehoord.access_log`):
time, request line with personal links and query strings masked, status, size, duration.
With PROMETHEUS_MULTIPROC_DIR set, a web process that ends has its live gauges removed
from the shared metrics folder (`child_exit`).
"""

import os

accesslog = "-"
logger_class = "gehoord.access_log.AccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
