"""``vnextract`` as a new user meets it: plain help with examples, a clear word when there is
nothing to read, search that says when no model matches, a summary that fits 80 columns,
errors that name their file.  Every command is run through typer's CliRunner at 80 columns.
"""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from extract.cli import app

COLUMNS = {"COLUMNS": "80"}
COMMANDS = ["run", "search", "serve", "check", "report", "evaluate"]
# A small archive: two reports where "hiến đất" (to give land) and "hiện đạt" (now reaches) fold
# to the same words, an empty file and a picture saved as .txt, deep enough that paths are long.
DOCUMENTS = {
    "bao_cao_dan_van_xa_tan_phu_nam_2023/hien_dat.txt":
        "Báo cáo kết quả công tác dân vận năm 2023\n\nNăm 2023, xã Tân Phú đã hiện đạt 15/19 tiêu chí nông thôn "
        "mới. Chi hội Cựu chiến binh vận động nhân dân hiến 2.000 m² đất mở đường giao thông nông thôn.",
    "bao_cao_dan_van_xa_tan_phu_nam_2023/thu_nhap.txt":
        "Hội Nông dân xã Tân Phú phát triển kinh tế\n\nThu nhập bình quân đầu người hiện đạt 65 triệu "
        "đồng/người/năm, tăng 12% so với năm 2022.",
}
BROKEN = {  # file → the error the summary prints for it
    "bao_cao_dan_van_xa_tan_phu_nam_2023/phu_luc_trong.txt": (b"", "ingest/empty"),
    "bao_cao_dan_van_xa_tan_phu_nam_2023/anh_chup.txt": (b"\x89PNG\r\n\x1a\n" + bytes(300), "ingest/binary"),
}


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), env=COLUMNS, **kwargs)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("luu_tru_bao_cao_cac_xa_phuong_thi_tran")
    for name, text in DOCUMENTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, (data, _) in BROKEN.items():
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def archive_run(archive):
    """``vnextract run`` over the archive: (output folder, what it printed)."""
    out = archive / "ket_qua_trich_xuat_du_lieu_bao_cao_dan_van"
    result = invoke("run", str(archive / "bao_cao_dan_van_xa_tan_phu_nam_2023"), "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    return out, result.output


# ---------------------------------------------------------------------------- help (points 2 and 3)


@pytest.mark.parametrize(
    ("command", "flag", "help_text"),
    [
        ("run", "--strict", "Stop at the first document that fails."),
        ("run", "--force", "Reprocess every document"),
        ("run", "-q, --quiet", "No progress bar."),
        ("run", "--spelled-numbers", "Also extract figures written only in words"),
        ("run", "--checks / --no-checks", "After writing, fact-check the figures"),
        ("search", "--documents", "Search documents (title, text) instead of models."),
        ("search", "--json", "Print the hits as JSON."),
        ("serve", "--open", "Open the catalog in a web browser."),
        ("evaluate", "--json", "Print the full result as JSON."),
        ("check", "--help", "Show this message and exit."),
        ("report", "--help", "Show this message and exit."),
    ],
)
def test_help_shows_flags_without_a_type(command, flag, help_text):
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert re.search(rf"^  {re.escape(flag)}  +{re.escape(help_text)}", result.output, re.M), result.output
    assert "<bool>" not in result.output and "BOOLEAN" not in result.output


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_fits_80_columns(command):
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("run", "vnextract run reports/ -o out -w 2"),
        ("run", "vnextract run report.pdf -o out --strict"),
        ("search", 'vnextract search "hien dat" -o out'),
        ("search", 'vnextract search "hũ gạo" --province "Thừa Thiên Huế" --limit 5'),
        ("search", 'vnextract search "dan van kheo" --documents'),
        ("serve", "vnextract serve -o out"),
        ("check", "vnextract check -o out"),
        ("report", "vnextract report -o out"),
        ("evaluate", "vnextract evaluate outputs tests/gold"),
    ],
)
def test_help_has_examples(command, example):
    output = invoke(command, "--help").output
    examples = output[output.index("Examples:"):]
    assert f"\n    {example}\n" in examples


# ---------------------------------------------------------------------------- run with no input (point 4)


def test_run_without_input_outside_the_repository_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no corpus/ here
    result = invoke("run")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "vnextract run FOLDER -o OUT" in said and "corpus/" in said
    assert "Input not found" not in said


def test_run_without_input_reads_corpus_when_there_is_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "bao_cao.txt").write_text("Hội Phụ nữ xã vận động 40 hộ tham gia mô hình.", encoding="utf-8")
    result = invoke("run", "-o", "out", "-q", "--no-checks")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "records.jsonl").exists()


def test_run_of_a_missing_folder_names_it(tmp_path):
    result = invoke("run", str(tmp_path / "khong_co"), "-q")
    assert result.exit_code == 2 and "khong_co" in result.output


# ---------------------------------------------------------------------------- search (point 5)


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        # the sentence with "hiến … đất" as written, not the earlier one where "hiện đạt" folds the same
        ("hiến đất", "hiến 2.000 m² đất mở đường", "hiện đạt 15/19"),
        ("hiện đạt", "hiện đạt 15/19 tiêu chí", "hiến 2.000 m² đất"),
        ("thu nhap binh quan", "Thu nhập bình quân đầu người", "hiến"),
    ],
)
def test_search_without_a_model_hit_shows_the_best_document(archive_run, query, shown, not_shown):
    out, _ = archive_run
    result = invoke("search", query, "-o", str(out))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert _unwrapped(f"No model of {out} matches “{query}”") in _unwrapped(said)
    assert shown in said and not_shown not in said
    assert _unwrapped(f"vnextract search '{query}' --documents -o {out}") in _unwrapped(said)
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_search_with_no_hit_at_all_says_so(archive_run):
    out, _ = archive_run
    said = " ".join(invoke("search", "nuôi cá lồng", "-o", str(out)).output.split())
    assert "No model of" in said and "No document matches it either." in said


def test_search_documents_with_no_hit_says_so(archive_run):
    out, _ = archive_run
    result = invoke("search", "nuôi cá lồng", "--documents", "-o", str(out))
    assert result.exit_code == 0 and "No document of" in result.output


def test_search_json_with_no_hit_is_an_empty_list(archive_run):
    out, _ = archive_run
    result = invoke("search", "hiến đất", "-o", str(out), "--json")
    assert result.exit_code == 0 and result.output.strip() == "[]"


# ---------------------------------------------------------------------------- the run summary (points 6 and 9)


def test_run_summary_fits_80_columns(archive_run):
    _, output = archive_run
    assert max(len(line) for line in output.splitlines()) <= 80, output
    header = next(line for line in output.splitlines() if "needs OCR" in line)
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == [
        "read", "ok", "failed", "needs OCR", "unchanged", "skipped", "figures", "time"]


@pytest.mark.parametrize(("name", "error"), [(name, error) for name, (_, error) in BROKEN.items()])
def test_run_summary_errors_name_their_file(archive_run, archive, name, error):
    _, output = archive_run
    path = archive / "bao_cao_dan_van_xa_tan_phu_nam_2023" / name.split("/")[-1]
    line = f"{path}: {error}: "
    assert _unwrapped(line) in _unwrapped(output), output  # rich folds a long path over two lines


def _unwrapped(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(("command", "said"), [
    ("search", "No catalog.sqlite in"),
    ("serve", "No catalog.sqlite in"),
    ("report", "No run in"),
    ("check", "No figures table in"),
])
def test_commands_without_a_run_name_the_folder(tmp_path, command, said):
    folder = tmp_path / "chua_chay"
    folder.mkdir()
    result = invoke(command, *(["hiến đất"] if command == "search" else []), "-o", str(folder))
    assert result.exit_code == 2
    assert said in result.output and _unwrapped(str(folder)) in _unwrapped(result.output)
