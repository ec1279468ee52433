"""Incremental, resumable and deterministic runs; the same dataset on a Dask cluster."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import CORPUS
from extract import RunOptions, run
from extract.store import ResultStore


def _copy_corpus(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    return folder


def _tables(out):
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in ("documents", "figures")}


def test_scale_rerun_skips_unchanged_and_redoes_changed_and_deleted(tmp_path):
    folder = _copy_corpus(tmp_path)
    out = tmp_path / "out"
    first = run(RunOptions(input=folder, output=out, progress=False))
    assert first.unchanged == 0 and first.documents == 5
    again = run(RunOptions(input=folder, output=out, progress=False))
    assert again.unchanged == 5 and again.figures == first.figures
    changed = folder / "001_a4d03a79668ccf78.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nHuyện có thêm 7 mô hình mới.\n", encoding="utf-8")
    (folder / "002_dee7d14e8d57ac95.txt").unlink()
    third = run(RunOptions(input=folder, output=out, progress=False))
    assert third.unchanged == 3 and third.documents == 4 and third.figures == first.figures - 13 + 1
    assert (third.changed, third.removed) == ([str(changed)], [str(folder / "002_dee7d14e8d57ac95.txt")])
    ids = [row["doc_id"] for row in _tables(out)["documents"] if row["status"] != "skipped"]
    assert "002_dee7d14e8d57ac95" not in ids and len(ids) == 4
    forced = run(RunOptions(input=folder, output=out, progress=False, force=True))
    assert forced.unchanged == 0 and (forced.changed, forced.removed) == ([], [])


def test_scale_killed_run_resumes_without_duplicates(tmp_path, monkeypatch):
    folder = _copy_corpus(tmp_path)
    out = tmp_path / "out"
    import extract.pipeline as pipeline

    real = pipeline.finish
    calls = []

    def dies_on_third(prepared, options):
        calls.append(prepared.result.doc_id)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as if the run were killed here, in the passes of the third document
        return real(prepared, options)

    monkeypatch.setattr(pipeline, "finish", dies_on_third)
    with pytest.raises(KeyboardInterrupt):
        run(RunOptions(input=folder, output=out, progress=False))
    assert not (out / "records.jsonl").exists()  # nothing half-written in place
    monkeypatch.setattr(pipeline, "finish", lambda prepared, options: (calls.append(prepared.result.doc_id),
                                                                       real(prepared, options))[1])
    summary = run(RunOptions(input=folder, output=out, progress=False))
    assert summary.unchanged == 2 and summary.documents == 5
    assert len(calls) == 3 + 3  # the two finished documents were not processed again
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 == len({line[:40] for line in lines})


def test_scale_output_identical_for_one_and_two_workers(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    run(RunOptions(input=CORPUS, output=one, progress=False, workers=1))
    run(RunOptions(input=CORPUS, output=two, progress=False, workers=2))
    assert (one / "records.jsonl").read_bytes() == (two / "records.jsonl").read_bytes()
    assert _tables(one) == _tables(two)


def _dataset_bytes(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".jsonl", ".csv")}


def test_scale_results_written_as_they_finish_equal_results_read_back_from_the_cache(tmp_path, monkeypatch):
    """A fresh run writes what it just processed; a re-run reads everything back from the
    cache; a 2-worker run with no room to hold early results reads them back too: one dataset."""
    import extract.runner as runner

    out = tmp_path / "out"
    run(RunOptions(input=CORPUS, output=out, progress=False, checks=False))
    fresh = _dataset_bytes(out)
    for name in fresh:
        (out / name).unlink()
    again = run(RunOptions(input=CORPUS, output=out, progress=False, checks=False))
    assert again.unchanged == 5 and _dataset_bytes(out) == fresh
    monkeypatch.setattr(runner._InOrder, "HELD", 0)
    tight = tmp_path / "tight"
    run(RunOptions(input=CORPUS, output=tight, progress=False, checks=False, workers=2))
    assert _dataset_bytes(tight) == fresh


def test_scale_dask_local_cluster_gives_the_same_dataset(tmp_path):
    pytest.importorskip("dask.distributed")
    local, dask = tmp_path / "local", tmp_path / "dask"
    run(RunOptions(input=CORPUS, output=local, progress=False))
    run(RunOptions(input=CORPUS, output=dask, progress=False, workers=2, scheduler="local"))
    assert (local / "records.jsonl").read_bytes() == (dask / "records.jsonl").read_bytes()
    assert _tables(local) == _tables(dask)


def _sizes_of_batches(batch, options):
    return [(item.key, len(batch)) for item in batch]


def test_scale_dask_sends_batches_sized_for_the_cluster_and_returns_each_document_once(tmp_path):
    pytest.importorskip("dask.distributed")
    from extract.distributed import dask_results
    from extract.runner import Item, pool_batches

    items = [Item(tmp_path / f"d{i}.txt", f"d{i}", None, f"k{i:03d}") for i in range(120)]
    options = RunOptions(input=tmp_path, output=tmp_path / "out", workers=2, scheduler="local")
    back = list(dask_results(items, options, _sizes_of_batches, pool_batches))
    assert sorted(key for key, _ in back) == [item.key for item in items]
    # 2 worker threads: 24 batches each at least (pairs), the last 2 pairs' documents one at a time
    assert Counter(size for _, size in back) == {2: 116, 1: 4}


def test_scale_store_round_trips_a_result(tmp_path):
    from extract.pipeline import process

    result = process(CORPUS / "000_8603b0463c119cf7.txt", "000")
    store = ResultStore(tmp_path)
    store.put("k", result)
    assert store.get("k") == result
    store.close()


def test_scale_a_batch_gives_what_one_document_at_a_time_gives(tmp_path):
    from extract.pipeline import process, process_many

    folder = _copy_corpus(tmp_path)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")  # a failure inside the batch
    paths = sorted(folder.glob("*.txt")) + [folder / "broken.pdf"]
    alone = [process(p, p.stem) for p in paths]
    batched = list(process_many([(p, p.stem, None) for p in paths]))
    assert [r.status for r in batched].count("error") == 1
    for a, b in zip(alone, batched, strict=True):
        a.seconds = b.seconds = 0.0
        assert a == b


def test_scale_batches_hold_at_most_their_documents_and_bytes(tmp_path, monkeypatch):
    import extract.runner as runner

    paths = []
    for i, size in enumerate([10, 10, 3000, 10, 10, 10, 10]):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text("x" * size, encoding="utf-8")
    items = [runner.Item(p, p.stem, None, p.stem) for p in paths]
    monkeypatch.setattr(runner, "BATCH_BYTES", 2000)
    got = [[item.doc_id for item in batch] for batch in runner.batches(items, most=3)]
    assert got == [["0", "1"], ["2"], ["3", "4", "5"], ["6"]]
    assert [len(b) for b in runner.batches(items[:2], most=16)] == [2]


_FIRST_DOCUMENT = """
import gc, sys
from pathlib import Path
from extract.pipeline import process
if sys.argv[1] == "off":
    gc.disable()
paths = sorted(Path(sys.argv[2]).glob("*.txt"))
first = process(paths[0], "a")
print(first.status, len(first.figures), gc.isenabled(), gc.get_freeze_count())
frozen = gc.get_freeze_count()
second = process(paths[1], "b")
print(second.status, gc.isenabled(), gc.get_freeze_count() == frozen)
"""


@pytest.mark.parametrize("collector", ["on", "off"])
def test_scale_first_document_loads_with_the_collector_paused_then_frozen(collector):
    """A fresh process's first document runs with the garbage collector paused; after it
    the collector is on again and what was loaded is frozen, once.  A process that
    turned its collector off keeps it off and nothing is frozen."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _FIRST_DOCUMENT, collector, str(CORPUS)],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    status, figures, enabled, frozen = out[0].split()
    assert status == "ok" and int(figures) > 0
    if collector == "on":
        assert enabled == "True" and int(frozen) > 50_000  # the decoder, lexicons, gazetteer …
        assert out[1] == "ok True True"  # frozen once, by the first document only
    else:
        assert enabled == "False" and frozen == "0"
        assert out[1] == "ok False True"


def test_scale_pool_batches_end_one_document_at_a_time():
    import extract.runner as runner

    items = [runner.Item(Path(f"/nonexistent/{i}.txt"), str(i), None, str(i)) for i in range(200)]
    sizes = [len(batch) for batch in runner.pool_batches(items, workers=2)]
    # 200 // (2 workers * 24) = 4 documents a batch, the last 2 × 4 documents one by one
    assert sizes == [4] * 48 + [1] * 8
    assert [item for batch in runner.pool_batches(items, workers=2) for item in batch] == items
    assert [len(b) for b in runner.pool_batches(items[:3], workers=2)] == [1, 1, 1]


def _same_read(a, b) -> bool:
    a.result.seconds = b.result.seconds = 0.0
    return a.result == b.result


def test_scale_read_ahead_gives_what_read_gives(tmp_path):
    import time

    import extract.runner as runner
    from extract.pipeline import read

    items, _ = runner.plan(RunOptions(input=CORPUS, output=tmp_path / "out"))
    ahead = runner._ReadAhead(items)
    time.sleep(2)  # reading the five samples takes well under a second
    done = ahead.stop()
    assert sorted(done) == sorted(item.doc_id for item in items)
    for item in items:
        assert _same_read(done[item.doc_id], read(item.path, item.doc_id, item.digest))
    assert not ahead._process.is_alive()


def test_scale_read_ahead_stops_without_waiting_for_a_long_document(tmp_path, monkeypatch):
    import subprocess
    import time

    import extract.runner as runner
    from extract.pipeline import read

    items, _ = runner.plan(RunOptions(input=CORPUS, output=tmp_path / "out"))
    slow, pid_file = items[1].doc_id, tmp_path / "pid"

    def reading(path, doc_id, digest=None):  # the forked reader runs this one
        if doc_id == slow:  # a long document, read by another program (as OCR is)
            helper = subprocess.Popen(["sleep", "120"])
            pid_file.write_text(str(helper.pid))
            helper.wait()
        return read(path, doc_id, digest)

    monkeypatch.setattr(runner, "read", reading)
    ahead = runner._ReadAhead(items)
    time.sleep(2)
    started = time.perf_counter()
    done = ahead.stop()
    assert time.perf_counter() - started < 10
    assert list(done) == [items[0].doc_id]
    assert not ahead._process.is_alive()
    helper = Path("/proc", pid_file.read_text())
    for _ in range(50):  # ended with the reader (a zombie until the system reaps it)
        if not helper.exists() or "\nState:\tZ" in (helper / "status").read_text():
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the reader's subprocess outlived it")


def test_scale_a_batch_uses_documents_already_read(tmp_path):
    from extract.pipeline import process_many, read

    first, other = sorted(CORPUS.glob("*.txt"))[:2]
    elsewhere = read(other, first.stem)  # another file's text under this document's id
    (result,) = process_many([(first, first.stem, None)], done={first.stem: elsewhere})
    assert result.text == read(other, first.stem).result.text != read(first, first.stem).result.text
    assert result.figures  # the passes ran on it


def test_scale_rerun_says_what_changed_and_what_was_dropped(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    folder, out = _copy_corpus(tmp_path), tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "-q", "--no-checks"]).exit_code == 0
    changed = folder / "001_a4d03a79668ccf78.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nXã có thêm 2 mô hình.\n", encoding="utf-8")
    (folder / "002_dee7d14e8d57ac95.txt").unlink()
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "-q", "--no-checks"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "3 unchanged document(s)" in said
    assert "1 document(s) changed since the previous run" in said
    assert "1 document(s) of the previous run no longer in the input, dropped from the dataset" in said
    dropped = "dropped (no longer in the input): " + str(folder / "002_dee7d14e8d57ac95.txt")
    assert "".join(dropped.split()) in "".join(result.output.split())  # rich wraps long lines


def test_scale_csv_only_run_reads_back_texts_whose_line_breaks_cross_csv_blocks(tmp_path):
    # Arrow reads a CSV in blocks of about 1 MB; a text cell holds line breaks, so a block
    # can end inside a quoted cell.  A documents.csv of four reports of ~600 KB each (as a
    # run written with --formats csv writes it) must be read back whole.
    import csv

    from extract.write import TABLES, read_rows

    names = TABLES["documents"].names
    texts = {f"bao_cao_{i}": "".join(
        f"Năm 2023, thôn {j} xây dựng {j + 5} mô hình “Dân vận khéo”, huy động {j + 1}.827 triệu đồng.\n\n"
        for j in range(7000 + i)) for i in range(4)}
    with open(tmp_path / "documents.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for doc_id, text in texts.items():
            writer.writerow([{"doc_id": doc_id, "text": text}.get(name, "") for name in names])
    assert {row["doc_id"]: row["text"] for row in read_rows(tmp_path, "documents", ["doc_id", "text"])} == texts
