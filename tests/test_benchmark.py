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


def test_benchmark_folder_mode_prints_one_table_with_errors_and_findings(tmp_path):
    """``--folder`` on any folder: four small reports (one empty, so one error), one table."""
    folder = tmp_path / "bao cao"
    folder.mkdir()
    (folder / "tan_phu.txt").write_text("Năm 2023, Hội Nông dân xã Tân Phú có 12 mô hình, thu hút 340 hội viên.\n"
                                        "Trong đó, 5 mô hình mới và 7 mô hình cũ.\n", encoding="utf-8")
    (folder / "cam_thanh.txt").write_text("Xã Cam Thành vận động 45 hộ hiến 1.200 m² đất làm đường.\n",
                                          encoding="utf-8")
    (folder / "dong_le.html").write_text("<html><body><p>Phường Đông Lễ có 8 chi hội phụ nữ với 960 hội viên."
                                         "</p></body></html>", encoding="utf-8")
    (folder / "trong.txt").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, str(BENCH), "--folder", str(folder)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines[0].split()[-2:] == ["errors", "findings"]
    tokenize = next(line for line in lines if "word_tokenize alone" in line).split()
    whole = next(line for line in lines if "fact-checks + catalog" in line).split()
    assert tokenize[-2:] == ["1", "-"]  # three texts read, the empty file is an error
    assert whole[-2] == "1" and int(whole[-1]) >= 1  # 5 + 7 = 12 mô hình is a finding
    assert "4 documents" in lines[-1]
