"""Run the pipeline on a Dask distributed cluster (``--scheduler tcp://…`` or ``--dask local``).

Workers call the same ``process_many`` as a local run; they need the package installed
and the input files at the same path (a shared filesystem).  Documents go out in batches,
sized like a local pool's (``runner.pool_batches``: many per worker thread, the last ones
one at a time), and in a sliding window of two batches per worker thread, so that a
worker always has its next batch and memory stays bounded however many documents there
are.  One task per document cost the client (which also runs a ``LocalCluster``'s
scheduler) more CPU than the workers could spare on 2 cores.
"""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterator


def dask_results(todo: list, options, process_batch: Callable, batches_for: Callable) -> Iterator:
    """Each finished document as its batch comes back.

    ``process_batch(batch, options)`` returns a batch's results (a list);
    ``batches_for(todo, threads)`` cuts ``todo`` into batches for that many worker threads.
    """
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
        threads = max(1, sum(client.nthreads().values()))
        queue = iter(batches_for(todo, threads))

        def submit(batch: list) -> None:
            key = f"vnextract-{batch[0].key}-{len(batch)}"
            running.add(client.submit(process_batch, batch, options, key=key, pure=False))

        running = as_completed()
        for batch in islice(queue, 2 * threads):
            submit(batch)
        for future in running:
            yield from future.result()
            future.release()
            for batch in islice(queue, 1):
                submit(batch)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

