"""The result cache cannot go stale: its key holds the package's code and data and the
options that change a result, so an edit of ``extract/data/*`` processes the documents again."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import extract
from extract import RunOptions
from extract.store import ResultStore, fingerprint, package_hash

PACKAGE = Path(extract.__file__).resolve().parent
REPORT = "Báo cáo của Hội Nông dân xã Tân Phú.\n\nNăm 2023, hợp tác xã có 35 xã viên và 12 hộ tham gia mô hình.\n"

RUN = """
import json, sys
from pathlib import Path
import extract
from extract import RunOptions, run
summary = run(RunOptions(input=Path(sys.argv[1]), output=Path(sys.argv[2]), progress=False, checks=False))
records = [json.loads(line) for line in (Path(sys.argv[2]) / "records.jsonl").read_text(encoding="utf-8").splitlines()]
print(json.dumps({"package": extract.__file__, "unchanged": summary.unchanged, "changed": summary.changed,
                  "figures": [(f["text"], f["unit"]) for r in records for f in r["figures"]]}))
"""


def _run_copy(copy: Path, folder: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run([sys.executable, "-c", RUN, str(folder), str(out)], env=env, cwd=copy,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_cache_an_edit_of_a_data_file_processes_the_document_again(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(PACKAGE, copy / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(REPORT, encoding="utf-8")

    first = _run_copy(copy, folder, out)
    assert Path(first["package"]).is_relative_to(copy) and first["unchanged"] == 0
    assert ["35 xã viên", "count"] in first["figures"]
    assert _run_copy(copy, folder, out)["unchanged"] == 1  # nothing changed: served from the cache

    lexicon = copy / "extract" / "data" / "counted_nouns.json"
    nouns = json.loads(lexicon.read_text(encoding="utf-8"))
    nouns["person"].append("xã viên")
    lexicon.write_text(json.dumps(nouns, ensure_ascii=False, indent=1), encoding="utf-8")
    edited = _run_copy(copy, folder, out)
    assert edited["unchanged"] == 0 and edited["changed"] == [str(folder / "bao_cao.txt")]
    assert ["35 xã viên", "person"] in edited["figures"]
    assert _run_copy(copy, folder, out)["unchanged"] == 1


def test_cache_key_holds_the_options_that_change_a_result(tmp_path):
    plain, spelled = fingerprint(RunOptions()), fingerprint(RunOptions(spelled_numbers=True))
    assert plain != spelled
    assert plain == fingerprint(RunOptions(workers=2, formats=("csv",), checks=False, output=tmp_path))
    assert ResultStore.key(plain, "abc", "x.txt", "x") != ResultStore.key(spelled, "abc", "x.txt", "x")


def test_cache_package_hash_sees_any_file_and_is_fast(tmp_path):
    copy = tmp_path / "extract"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    started = time.perf_counter()
    before = package_hash(copy)
    seconds = time.perf_counter() - started
    print(f"package_hash: {sum(1 for p in copy.rglob('*') if p.is_file())} files in {seconds * 1000:.1f} ms")
    (copy / "data" / "units.json").write_bytes((copy / "data" / "units.json").read_bytes() + b" ")
    assert package_hash(copy) != before
    (copy / "data" / "mới.txt").write_text("thêm", encoding="utf-8")  # a new file counts too
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"\0")  # compiled files do not
    after = package_hash(copy)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"\1")
    assert package_hash(copy) == after
