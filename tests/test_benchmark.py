"""The benchmark's modes still run against the pipeline (on a tiny corpus; no timing is checked)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH.parent))
    folder = tmp_path_factory.mktemp("bench")
    assert bench.build_corpus(4, folder) > 0
    return folder


@pytest.mark.parametrize("mode", ["run1", "run2", "paired"])
def test_benchmark_mode_runs(corpus, mode):
    done = subprocess.run([sys.executable, str(BENCH), "--child", mode, "--folder", str(corpus)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["seconds"] > 0
    if mode != "paired":
        assert (result["documents"], result["failed"]) == (4, 0)
