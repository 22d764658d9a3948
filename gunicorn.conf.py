"""gunicorn's settings, read from the working directory by every gunicorn we start (the container,
``make bench``): Prometheus' multi-process mode, so a scrape sums what every worker counted.

Each worker writes its counters to files of its own in ``PROMETHEUS_MULTIPROC_DIR``; the files of a
worker that exits stay (its counts still add up, so totals never go back when a worker restarts)
and its live gauges are dropped. The directory is emptied when gunicorn starts, never while it runs.
Only gunicorn's processes get the variable: a command or the task queue's worker (no such
directory there) keeps its counts in its own memory.
"""

import os
import tempfile
from pathlib import Path

from prometheus_client import multiprocess

metrics_dir = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="motovault-metrics-"))
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)


def on_starting(server) -> None:
    """Counts left by a previous run of this container would be added to this one's."""
    metrics_dir.mkdir(parents=True, exist_ok=True)
    for leftover in metrics_dir.glob("*.db"):
        leftover.unlink()


def child_exit(server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)
