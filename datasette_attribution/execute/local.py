"""Scoring in forked processes on this machine: items go to the workers in chunks
and come back in input order to the one process that writes, a fixed number in
flight. Like cluster.py, this module knows nothing of articles: it maps a function
of (item, context) over items, in order.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from typing import Callable, Iterable, Iterator

# Items go to a worker four at a time, one message each way per chunk: the
# progress bar moves every few articles (with sixteen it sat at 0 through the
# first sixteen, then jumped). Sixteen cost the writing process less CPU (4.2 s
# against 5.0 s on 3,000 articles) but loaded 600 articles at 152 sentences a
# second against 147 with four, within the machine's noise
# (benchmarks/load_throughput.py, both with four chunks a worker in flight). At
# most four chunks a worker are in flight, so memory is bounded by the items'
# size, not the corpus'.
CHUNK = 4
ITEMS_IN_FLIGHT_PER_WORKER = 4 * CHUNK

_worker: tuple[Callable, object] | None = None


def _start_worker(function: Callable, context) -> None:
    # Forked: the context (a load's job, with its set of loaded hashes) is
    # inherited, not pickled with every chunk of items. Ctrl+C is the parent's to
    # answer (it ends the pool): a worker that took it too would print a traceback.
    global _worker
    _worker = (function, context)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pool ends its workers with SIGTERM: they end at once, not through the
    # handler the parent set for itself (blocked until now, so that one sent before
    # this line is not lost to it, but kills here).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _run_in_worker(item):
    function, context = _worker
    return function(item, context)


def mapped_in_order(function: Callable, items: Iterable, context, workers: int) -> Iterator:
    """function(item, context) for every item, in input order, computed in `workers`
    processes forked from this one (which inherit what it has loaded)."""
    # Pool.imap would read ahead without limit and hold every result the caller
    # has not reached yet; a semaphore keeps that to a fixed number.
    slots = threading.Semaphore(ITEMS_IN_FLIGHT_PER_WORKER * workers)
    stopped = threading.Event()

    def throttled():
        for item in items:
            slots.acquire()
            if stopped.is_set():
                return
            yield item

    # Forked with SIGTERM blocked: a worker inherits the mask, and its first act unblocks it.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, _start_worker, (function, context))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    with pool:
        try:
            for result in pool.imap(_run_in_worker, throttled(), chunksize=CHUNK):
                yield result
                slots.release()
        finally:
            stopped.set()  # let a feeder blocked on a slot finish, e.g. after Ctrl+C
            slots.release()
