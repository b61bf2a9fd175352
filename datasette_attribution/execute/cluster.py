"""Scoring on a Dask distributed cluster: documents go out in bounded batches and
come back in input order to the one process that writes.

Dask is an optional extra (`pip install 'datasette-attribution[cluster]'`); it
is imported only when a load asks for a cluster. This module knows nothing of
articles: it maps a function of (item, context) over items, in order.
"""

from __future__ import annotations

import importlib
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

LOCAL = "local"
# Documents per task. A task costs the scheduler a few milliseconds, a document a
# tenth of a second to parse: with sixteen, the overhead is about 1%.
BATCH = 16
# Batches in flight per worker: enough that a worker never waits for the next
# one, few enough that memory holds a fixed number of documents and results.
BATCHES_IN_FLIGHT_PER_WORKER = 3
# How long to wait for a remote scheduler to answer.
CONNECT_TIMEOUT = "30s"


class ClusterError(Exception):
    """The cluster could not be reached or started."""


def require_dask():
    try:
        import distributed
    except ImportError as error:
        raise ClusterError(
            "--cluster needs Dask: pip install 'datasette-attribution[cluster]'") from error
    return distributed


def connect(address: str, workers: int):
    """A client of the scheduler at `address`, or of a new cluster of `workers`
    processes on this machine (one thread each: spaCy's parse holds the GIL)
    when `address` is "local". The caller closes it (and the local cluster).

    Local workers are forked, not spawned (Dask's default): they share what
    this process has loaded, as `--workers` processes do, instead of each
    importing spaCy and loading its pipeline again (measured: a 15-second load
    took 20 s spawned, 16.5 s forked)."""
    distributed = require_dask()
    if address == LOCAL:
        import dask

        # Without the statistical profiler: every second it keeps a tree of the
        # stacks it sampled, for the last 1,000 seconds, and spaCy's stacks are
        # deep (measured: a worker grew 12,000 dicts, 6 MB, every 500 articles).
        with dask.config.set({"distributed.worker.multiprocessing-method": "fork",
                              "distributed.worker.profile.enabled": False}):
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error


# On a worker: each load's context, by the name of the plugin that put it there.
_contexts: dict[str, object] = {}


def _context_plugin(name: str, context, set_up: Callable | None):
    """A worker plugin that gives every worker, also one started after a loss,
    the load's context once (and runs set_up), so tasks carry only documents."""
    from distributed import WorkerPlugin

    class LoadContext(WorkerPlugin):
        def __init__(self):
            self.name = name

        # This class travels by value, with copies of the globals it names: the
        # worker's own module holds the context the tasks read.
        def setup(self, worker):
            importlib.import_module(__name__)._contexts[name] = context
            if set_up is not None:
                set_up(context)

        def teardown(self, worker):
            importlib.import_module(__name__)._contexts.pop(name, None)

    return LoadContext()


def _run_batch(function: Callable, items: list, name: str) -> list:
    context = _contexts[name]
    return [function(item, context) for item in items]


def _run_alone(client, function, items, name, failed) -> list:
    """A failed batch's items one task at a time: only an item that still brings
    its worker down fails (a batch also fails when a task beside it on the same
    worker kills it). One at a time, so an item is never lost for a neighbour."""
    results = []
    for item in items:
        try:
            results.extend(client.submit(_run_batch, function, [item], name, pure=False).result())
        except Exception as error:
            results.append(failed(item, f"{type(error).__name__} on the cluster: {error}"))
    return results


def mapped_in_order(client, function: Callable, items: Iterable, context,
                    failed: Callable[[object, str], object],
                    set_up: Callable | None = None, batch: int = BATCH) -> Iterator:
    """function(item, context) for every item, in input order, computed on the
    cluster's workers. `context` is sent to each worker once; `set_up(context)`
    runs on each worker before its first batch (a pipeline loaded once, not per
    batch). A batch whose worker is lost is run again on another (the scheduler
    does so up to its `allowed-failures`, 3 by default); when it still fails, its
    items run again one by one, and an item that fails alone yields
    failed(item, reason) while the rest go on."""
    workers = max(1, len(client.scheduler_info()["workers"]))
    name = f"datasette-attribution-load-{uuid.uuid4().hex}"
    client.register_plugin(_context_plugin(name, context, set_up))
    pending: deque = deque()
    iterator = iter(items)
    limit = BATCHES_IN_FLIGHT_PER_WORKER * workers
    try:
        while True:
            while len(pending) < limit:
                chunk = list(islice(iterator, batch))
                if not chunk:
                    break
                # Scattered, not put in the task: Dask keeps a submitted task's
                # arguments long after it has run (measured: every document sent,
                # in the client and again in the scheduler), a scattered batch
                # goes when its future does.
                try:
                    (documents,) = client.scatter([chunk])
                except (OSError, TimeoutError):  # a worker going: the task carries them
                    documents = chunk
                pending.append((chunk, client.submit(_run_batch, function, documents, name, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except Exception:  # workers lost on every try, or a cancelled task
                results = _run_alone(client, function, chunk, name, failed)
            yield from results
    finally:
        for _, future in pending:
            future.cancel()
        client.unregister_worker_plugin(name)
