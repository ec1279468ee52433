"""Run the pipeline on a Dask distributed cluster (``--scheduler tcp://…`` or ``--dask local``).

Workers call the same ``process`` as a local run; they need the package installed and
the input files at the same path (a shared filesystem).  Tasks are submitted in a
sliding window, so memory stays bounded however many documents there are.
"""
from __future__ import annotations

from typing import Callable, Iterator


def dask_results(todo, options, process_item: Callable) -> Iterator:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise RuntimeError("Dask is not installed: pip install 'dask[distributed]'") from exc
    cluster = None
    if options.scheduler == "local":
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        client = Client(options.scheduler)
    try:
        window = max(4, 4 * sum(client.nthreads().values()))
        queue = iter(todo)
        running = as_completed()
        for item in _take(queue, window):
            running.add(client.submit(process_item, item, options, key=f"vnextract-{item.key}", pure=False))
        for future in running:
            yield future.result()
            future.release()
            for item in _take(queue, 1):
                running.add(client.submit(process_item, item, options, key=f"vnextract-{item.key}", pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(iterator, n: int) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) == n:
            break
    return out
