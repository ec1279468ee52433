"""The catalog (catalog.sqlite): tables, derived columns, accent-free search, ranking, filters, command.

The catalog is built from a real run over corpus/ whose entity tables (models, localities,
organisations) are replaced by the gold annotations of tests/gold/ — so each query below
has a known answer whatever the entity passes extract today.  One test checks the same
queries against the run's own models table when the models pass fills it.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import regex
from typer.testing import CliRunner

from conftest import GOLD
from extract.catalog import (
    CATALOG, CATALOG_TABLES, CatalogMissing, build_catalog, connect, fold_words, highlight_spans, search,
    search_documents,
)
from extract import RunOptions, run
from extract.cli import app
from extract.evaluate import similarity
from extract.vntext import WORD, accentless_key, compare_key
from extract.write import TABLES

# Where each sample comes from (corpus/README.md): province before / after the 2025 reorganisation.
DOC_PROVINCES = {
    "000_8603b0463c119cf7": ("Hà Tĩnh", "Hà Tĩnh"),  # thị xã Hồng Lĩnh
    "001_a4d03a79668ccf78": ("Hưng Yên", "Hưng Yên"),  # huyện Kim Động
    "002_dee7d14e8d57ac95": ("Thừa Thiên Huế", "Huế"),  # phường Hương Xuân, thị xã Hương Trà
    "003_6c38e894d8bd34c0": ("Thừa Thiên Huế", "Huế"),  # thị xã Hương Trà
    "004_35999b7756c533d8": ("Quảng Ninh", "Quảng Ninh"),  # thành phố Móng Cái
}
# Head of an organisation's name → organisations.type (first match wins: "Đảng bộ Trung tâm Y tế" is party).
ORG_TYPES = [
    ("trường", "school"), ("chi bộ", "party"), ("đảng", "party"), ("khối dân vận", "party"),
    ("công an", "police_army"), ("đoàn thanh niên", "mass"), ("hội", "mass"), ("ủy ban mặt trận", "mass"),
    ("mặt trận", "mass"), ("liên đoàn lao động", "mass"), ("ủy ban nhân dân", "state"), ("dòng họ", "other"),
]
# Sector headings of the 2017-2020 report (003): "2.1. Lĩnh vực kinh tế" … → models.sector vocabulary.
# A model is in the sector of the last numbered heading before it, when that heading names one.
HEADING = regex.compile(r"^\d+(?:\.\d+)*\.\s+(?:Lĩnh vực (.+?)\s*$)?", regex.M)
SECTORS = {"kinh tế": "kinh tế", "văn hóa - xã hội": "văn hóa - xã hội", "quốc phòng, an ninh": "quốc phòng - an ninh",
           "xây dựng hệ thống chính trị": "xây dựng Đảng và hệ thống chính trị"}
SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+|\n+")

D000, D001, D002, D003, D004 = sorted(DOC_PROVINCES)

# Accent-free queries → the gold model (document, name[, organisation]) they must find in the top 10.
# Every gold model of tests/gold/ is here (test_queries_cover_every_gold_model).
QUERIES = [
    ("tre lam trung tam", D000, "Vận động cộng đồng, phụ huynh tham gia thực hiện chuyên đề xây dựng trường mầm non lấy trẻ làm trung tâm"),
    ("gia dinh 5 khong 3 sach chinh trang do thi", D000, "vận động nhân dân thực hiện tốt cuộc vận động xây dựng gia đình 5 không, 3 sạch gắn với chỉnh trang đô thị"),
    ("cuu chien binh hien dat mo duong", D000, "chi hội Cựu chiến binh làm nòng cốt vận động nhân dân hiến đất, đóng góp mở đường giao thông trong khu vực dân cư"),
    ("dong ho van minh", D000, "Dòng họ văn minh, an toàn, an ninh trật tự"),
    ("5 nhat an toan", D000, "5 nhất an toàn về an ninh trật tự"),
    ("dua xe dap vao truong", D000, "Vận động 100% học sinh đưa xe đạp vào trường học góp phần đảm bảo mỹ quan đô thị và an toàn giao thông"),
    ("thu tuc hanh chinh kip thoi", D000, "Giải quyết thủ tục hành chính kịp thời, chính xác và hiệu quả cho các tổ chức và công dân tại Trung tâm Hành chính công thị xã"),
    ("dang vien moi trong doanh nghiep", D000, "tuyên truyền, vận động phát triển đảng viên mới trong doanh nghiệp"),
    ("tien bo khoa hoc ky thuat cay trong vat nuoi", D001, "tuyên truyền, vận động Nhân dân áp dụng tiến bộ khoa học kỹ thuật vào sản xuất, chuyển đổi cơ cấu cây trồng, vật nuôi có giá trị kinh tế cao"),
    ("thai do phuc vu can bo y te", D001, "đổi mới phong cách, thái độ phục vụ của cán bộ y tế và nâng cao công tác chăm sóc sức khỏe Nhân dân"),
    ("nong thon moi kieu mau", D001, "khu dân cư nông thôn mới kiểu mẫu"),
    ("chinh quyen phuc vu nguoi dan", D001, "Chính quyền phục vụ người dân và doanh nghiệp"),
    ("an sinh xa hoi", D001, "vận động cán bộ, đảng viên, Nhân dân làm tốt công tác an sinh xã hội"),
    ("trong oi huu co vietgap", D002, "trồng ổi hữu cơ theo hướng Vietgap"),
    ("to lien ket san xuat cau lac bo", D003, "Chuyển đổi cơ cấu cây trồng, vật nuôi, sản xuất, kinh doanh, buôn bán, tổ liên kết sản xuất, các mô hình câu lạc bộ"),
    ("kinh te vuon", D003, "Phát triển kinh tế vườn"),
    ("nuoi ca long", D003, "Nuôi cá lồng trên sông Bồ"),
    ("nong nghiep huu co cum tro", D003, "Ứng dụng khoa học công nghệ và phát triển sản phẩm nông nghiệp hữu cơ tại vùng Cụm Trộ"),
    ("dem lot sinh hoc", D003, "Nuôi gà, vịt bằng đệm lót sinh học"),
    ("trong nam", D003, "Trồng nấm"),
    ("gia trai trang trai", D003, "chăn nuôi tập trung phát triển theo hướng gia trại, trang trại"),
    ("ban giao mat bang", D003, "Vận động nhân dân bàn giao mặt bằng để thực hiện các công trình, dự án trên địa bàn thị xã"),
    ("mo rong kiet xom", D003, "Vận động nhân dân hiến đất, tài sản trên đất, mở rộng kiệt xóm theo tiêu chuẩn phường văn minh đô thị"),
    ("nha cong dong bat dien", D003, "Vận động nhân dân đóng góp xây dựng Nhà cộng đồng và bắt điện chiếu sáng các đường kiệt, xóm"),
    ("chat thai hoa hoc dong ruong", D003, "Thu gom và xử lý vật dụng, chất thải hóa học trên đồng ruộng"),
    ("vo chai thuoc bao ve thuc vat", D003, "Thu gom vỏ chai thuốc Bảo vệ thực vật"),
    ("lua sang trong oi", D003, "chuyển đổi cơ cấu cây trồng từ đất trồng lúa, đất vườn kém hiệu quả sang trồng ổi"),
    ("sang xanh sach dep trat tu tri an", D003, "Vận động nhân dân xây dựng tuyến đường Sáng - Xanh - Sạch - Đẹp - trật tự tri an"),
    ("60 phut sach nha dep ngo", D003, "60 phút sạch nhà, đẹp ngõ"),
    ("trong hoa nghia trang liet si", D003, "Trồng hoa trên tuyến đường vào Nghĩa trang liệt sĩ của xã và thắp điện chiểu sáng đường làng, ngõ xóm"),
    ("dot vang ma", D003, "Sử dụng thùng để đốt vàng mã"),
    ("hai dao hai thot", D003, "Hai dao hai thót"),
    ("tram huong", D003, "Tổ liên kết sản xuất trầm hương"),
    ("5 khong 3 sach", D003, "5 không, 3 sạch"),
    ("noi chao yeu thuong", D003, "Nồi cháo yêu thương"),
    ("bua com co thit", D003, "Bữa cơm có thịt"),
    ("hu gao", D003, "Hũ gạo tình thương"),
    ("doi moi phuong phap giang day", D003, "Vận động giáo viên không ngừng đổi mới phương pháp, nâng cao chất lượng giảng dạy"),
    ("dong ho khuyen hoc tran dac", D003, "Dòng họ khuyến học và tự quản về an ninh trật tự", "Dòng họ Trần Đắc"),
    ("dong ho khuyen hoc phan phuoc", D003, "Dòng họ khuyến học và tự quản về an ninh trật tự", "dòng họ Phan PhuỚc"),
    ("khuyen hoc khuyen tai", D003, "Phong trào khuyến học, khuyến tài"),
    ("hoc sinh bo hoc giua chung", D003, "Không có học sinh bỏ học giữa chừng"),
    ("nha dai doan ket", D003, "Nhà đại đoàn kết"),
    ("mai am cong doan", D003, "Mái ấm công đoàn"),
    ("mai am tinh thuong", D003, "Mái ấm tình thương"),
    ("lan chiem long le duong", D003, "Ra quân lập lại trật tự cộng đồng, xử lý vi phạm lấn chiếm lòng, lề đường"),
    ("tai nguyen khoang san song bo", D003, "Tổ tự quản bảo vệ tài nguyên, khoáng sản trên sông Bồ"),
    ("thon khong co toi pham", D003, "Thôn không có tội phạm và tệ nạn xã hội"),
    ("camera an ninh", D003, "Tuyến đường Camera an ninh"),
    ("noi khong voi ma tuy ha the hanh", D003, "Liên đội tự quản về trật tự an toàn giao thông và nói không với ma túy", "trường THCS Hà Thé Hạnh"),
    ("noi khong voi ma tuy nguyen khanh toan", D003, "Liên đội tự quản về trật tự an toàn giao thông và nói không với ma túy", "trường THCS Nguyễn Khánh Toàn"),
    ("to dan van kheo tieu bieu", D003, "Tổ dân vận khéo tiêu biểu"),
    ("he thong chinh tri vung manh", D003, "Vận động cán bộ, hội viên, đoàn viên, nhân dân tham gia xây dựng hệ thống chính trị vững mạnh"),
    ("san pham nong nghiep vietgap", D003, "Sản phẩm nông nghiệp theo hướng Vietgap"),
    ("hien dat duong ngo pho chieu sang", D003, "Vận động quần chúng nhân dân tự nguyện hiến đất và tài sản trên đất để mở rộng đường ngõ phố, xây dựng hệ thống điện chiếu sáng công cộng, xây dựng các công trình, dự án"),
    ("tham gia phat trien do thi", D003, "Vận động nhân dân tham gia phát triển đô thị"),
    ("dam bao an ninh trat tu", D003, "Mô hình đảm bảo an ninh trật tự"),
    ("chung tay xay dung nong thon moi", D003, "Mô hình chung tay xây dựng nông thôn mới"),
    ("giai phong mat bang", D003, "Vận động nhân dân trong công tác giải phóng mặt bằng các dự án, công trình"),
    ("5 khong 3 sach", D004, "5 không, 3 sạch"),
    ("sang xanh sach dep an toan", D004, "Sáng - xanh - sạch - đẹp - an toàn"),
    ("lien gia tu quan", D004, "liên gia tự quản 3 sạch"),
]
TOP = 10


# ---------------------------------------------------------------------------- the gold-filled run


def _gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def _sentence(text: str, start: int) -> str:
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    begin = max(b for b in bounds if b <= start)
    end = next((m.start() for m in SENTENCE_END.finditer(text, start)), len(text))
    return text[begin:end]


def _org_type(org: str) -> str:
    return next((kind for head, kind in ORG_TYPES if fold_words(org).startswith(fold_words(head))), "other")


def _sector(text: str, start: int) -> str | None:
    headings = [m for m in HEADING.finditer(text) if m.start() < start]
    return SECTORS.get(headings[-1].group(1) or "") if headings else None


def _mention(doc_id: str, kind: str, i: int, text: str, surface: str) -> dict:
    start = text.casefold().find(surface.casefold())
    start = max(start, 0)
    return {"id": f"{doc_id}:{kind}:{i}", "doc_id": doc_id, "char_start": start, "char_end": start + len(surface),
            "sentence": _sentence(text, start)}


def gold_entity_rows(texts: dict[str, str]) -> dict[str, list[dict]]:
    """models, localities and organisations rows of the gold annotations, with real offsets and sentences."""
    rows: dict[str, list[dict]] = {"models": [], "localities": [], "organisations": []}
    for doc_id, gold in _gold().items():
        text = texts[doc_id]
        province, new_province = DOC_PROVINCES[doc_id]
        for i, m in enumerate(gold["models"]):
            row = _mention(doc_id, "model", i, text, m["name"])
            rows["models"].append(row | {
                "name": m["name"], "org": m["org"], "org_canonical": m["org"], "localities": m["localities"],
                "sector": _sector(text, row["char_start"]) if doc_id == D003 else None, "status": None,
                "aliases": m.get("aliases", []), "org_aliases": m.get("org_aliases", []),
                "n_mentions": max(1, text.casefold().count(m["name"].casefold())),
            })
        for i, loc in enumerate(gold["localities"]):
            rows["localities"].append(_mention(doc_id, "locality", i, text, loc["text"]) | {
                "text": loc["text"], "level": loc["level"], "name": loc["name"],
                "level_inferred": loc.get("level_inferred", False), "province": province,
                "new_province": new_province,
            })
        orgs = [o["text"] for o in gold["organisations"]] + [m["org"] for m in gold["models"] if m["org"]]
        orgs = dict.fromkeys(orgs)
        for i, org in enumerate(orgs):
            rows["organisations"].append(_mention(doc_id, "org", i, text, org) | {
                "text": org, "canonical": org, "type": _org_type(org),
            })
    return rows


def write_gold_run(run_dir: Path, out: Path) -> Path:
    """A copy of the run in ``run_dir`` with the gold entity tables, and its catalog."""
    shutil.copytree(run_dir, out)
    documents = pq.read_table(out / "documents.parquet", columns=["doc_id", "text"]).to_pylist()
    texts = {d["doc_id"]: d["text"] or "" for d in documents}
    run_places = {row["id"]: (row["doc_id"], row["text"].casefold())
                  for row in pq.read_table(out / "localities.parquet").to_pylist()}
    gold = gold_entity_rows(texts)
    for name, rows in gold.items():
        pq.write_table(pa.Table.from_pylist(rows, schema=TABLES[name]), out / f"{name}.parquet")
    # the figures' places (link pass) re-pointed at the gold locality of the same surface
    gold_places = {(row["doc_id"], row["text"].casefold()): row["id"] for row in gold["localities"]}
    figures = pq.read_table(out / "figures.parquet")
    rows = [row | {"place": gold_places.get(run_places.get(row["place"]))} for row in figures.to_pylist()]
    pq.write_table(pa.Table.from_pylist(rows, schema=figures.schema), out / "figures.parquet")
    (out / CATALOG).unlink(missing_ok=True)
    build_catalog(out)
    return out


@pytest.fixture(scope="session")
def gold_run(corpus_run, tmp_path_factory):
    return write_gold_run(corpus_run[0], tmp_path_factory.mktemp("catalog") / "run")


def _find(hits: list[dict], doc_id: str, name: str, org: str | None = None) -> int | None:
    for rank, hit in enumerate(hits):
        if hit["doc_id"] == doc_id and hit["name"] == name and (org is None or hit["org"] == org):
            return rank
    return None


# ---------------------------------------------------------------------------- the file


def test_catalog_has_every_table_and_fts(gold_run):
    with sqlite3.connect(gold_run / CATALOG) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(CATALOG_TABLES) | {"models_fts", "documents_fts"} <= names  # factchecks too
        for table in CATALOG_TABLES:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            assert columns[: len(CATALOG_TABLES[table].names)] == CATALOG_TABLES[table].names
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == pq.read_metadata(
                gold_run / f"{table}.parquet").num_rows
        localities = conn.execute("SELECT localities FROM models WHERE name = 'Hũ gạo tình thương'").fetchone()[0]
    assert json.loads(localities) == ["xã Hương Phong", "Hương Phong"]
    assert not list(gold_run.glob(".catalog-*")), "the temporary file is renamed into place"


@pytest.mark.parametrize(
    ("table", "key", "column", "expected"),
    [
        ("models", "Hũ gạo tình thương", "province", "Thừa Thiên Huế"),
        ("models", "Hũ gạo tình thương", "new_province", "Huế"),
        ("models", "Hũ gạo tình thương", "org_type", "mass"),
        ("models", "Hũ gạo tình thương", "year", 2020),
        ("models", "Hũ gạo tình thương", "sector", "văn hóa - xã hội"),
        ("models", "Nuôi cá lồng trên sông Bồ", "sector", "kinh tế"),
        ("models", "Tuyến đường Camera an ninh", "sector", "quốc phòng - an ninh"),
        ("models", "khu dân cư nông thôn mới kiểu mẫu", "province", "Hưng Yên"),
        ("models", "khu dân cư nông thôn mới kiểu mẫu", "org_type", "party"),
        ("models", "5 nhất an toàn về an ninh trật tự", "org_type", "police_army"),
        ("models", "5 nhất an toàn về an ninh trật tự", "year", 2018),
        ("models", "Chính quyền phục vụ người dân và doanh nghiệp", "org_type", None),
        ("documents", "003_6c38e894d8bd34c0", "year", 2020),
        ("documents", "001_a4d03a79668ccf78", "year", None),
        ("documents", "004_35999b7756c533d8", "province", "Quảng Ninh"),
    ],
)
def test_catalog_derived_columns(gold_run, table, key, column, expected):
    key_column = "name" if table == "models" else "doc_id"
    with sqlite3.connect(gold_run / CATALOG) as conn:
        values = {r[0] for r in conn.execute(f'SELECT "{column}" FROM {table} WHERE {key_column} = ?', (key,))}
    assert values == {expected}


def test_catalog_figures_get_the_province_of_their_linked_place(corpus_run):
    """A figure's province is its place's (figures.place, from the link pass) and nothing else."""
    out, _ = corpus_run
    with sqlite3.connect(out / CATALOG) as conn:
        rows = conn.execute("SELECT f.doc_id, f.place, f.province, l.province FROM figures AS f "
                            "LEFT JOIN localities AS l ON l.id = f.place").fetchall()
    assert rows and all(province == place_province for _, _, province, place_province in rows)
    by_doc = {doc_id: {province for d, _, province, _ in rows if d == doc_id} for doc_id, *_ in rows}
    assert by_doc[D004] == {"Quảng Ninh"} and "Hà Tĩnh" in by_doc[D000]


def test_catalog_context_lookups():
    """The lookups behind the derived columns: a document's province is the one most of its
    places are in, the first read among equals; the first row read for a place or an
    organisation name wins; an organisation named in another document is found by name."""
    from extract.catalog import Context, _read_localities, _read_organisations
    from extract.catalog import _org_type as model_org_type

    def loc(i, doc, text, province, new=None):
        return {"id": f"{doc}:loc:{i}", "doc_id": doc, "text": text, "name": text.split(" ", 1)[-1],
                "province": province, "new_province": new or province}

    with Context() as ctx:
        _read_localities(ctx, [
            loc(1, "a", "xã Hương Vân", "Thừa Thiên Huế", "Huế"), loc(2, "a", "tỉnh Hà Tĩnh", "Hà Tĩnh"),
            loc(3, "a", "xã Hương Vân", "Quảng Trị"), loc(4, "b", "thị xã Hồng Lĩnh", "Hà Tĩnh"),
            loc(5, "b", "xã Không Rõ", None), loc(6, "b", "tỉnh Quảng Ninh", "Quảng Ninh"),
            loc(7, "b", "huyện Tiên Yên", "Quảng Ninh"),
        ])
        _read_organisations(ctx, [
            {"doc_id": "a", "text": "Hội Phụ nữ", "canonical": "Hội Liên hiệp Phụ nữ", "expanded": None,
             "type": "association"},
            {"doc_id": "a", "text": "Hội phụ nữ", "canonical": None, "expanded": None, "type": "party"},
            {"doc_id": "a", "text": "Ban Chỉ đạo", "canonical": None, "expanded": None, "type": None},
        ])
        assert ctx.doc_province("a") == ("Thừa Thiên Huế", "Huế")  # 1 vote each: the first read
        assert ctx.doc_province("b") == ("Quảng Ninh", "Quảng Ninh")  # 2 votes against 1
        assert ctx.doc_province("c") == (None, None)
        assert ctx.place("a", fold_words("xã Hương Vân")) == ("Thừa Thiên Huế", "Huế")
        assert ctx.place("a", "huong van") == ("Thừa Thiên Huế", "Huế")  # by its name too
        assert ctx.place("b", "huong van") is None and ctx.locality("b:loc:5") is None
        assert ctx.locality("b:loc:4") == ("Hà Tĩnh", "Hà Tĩnh")
        assert model_org_type({"doc_id": "a", "org": "Hội Phụ nữ", "org_canonical": None}, ctx) == "association"
        assert model_org_type({"doc_id": "z", "org": None, "org_canonical": "Hội phụ nữ"}, ctx) == "association"
        assert model_org_type({"doc_id": "z", "org": "Hội LH Phụ nữ", "org_canonical": "Hội Liên hiệp phụ nữ"},
                              ctx) == "association"  # by its canonical name
        assert model_org_type({"doc_id": "a", "org": "Ban Chỉ đạo", "org_canonical": None}, ctx) is None


def test_catalog_is_rebuilt_atomically(gold_run, tmp_path):
    out = tmp_path / "run"
    shutil.copytree(gold_run, out)
    before = (out / CATALOG).stat().st_ino
    build_catalog(out)
    assert (out / CATALOG).stat().st_ino != before  # a new file renamed over the old one
    assert sorted(p.name for p in out.iterdir() if "catalog" in p.name) == [CATALOG]


def test_catalog_missing_run_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogMissing, match="vnextract run"):
        search(tmp_path, "hien dat")


# ---------------------------------------------------------------------------- search


def test_queries_cover_every_gold_model():
    listed = {(row[1], row[2], row[3] if len(row) > 3 else None) for row in QUERIES}
    for doc_id, gold in _gold().items():
        for m in gold["models"]:
            assert (doc_id, m["name"], None) in listed or (doc_id, m["name"], m["org"]) in listed, m["name"]


@pytest.mark.parametrize("row", QUERIES, ids=[f"{r[0]}-{r[1][:3]}" for r in QUERIES])
def test_search_finds_gold_model_without_accents(gold_run, row):
    query, doc_id, name, *org = row
    assert query.isascii()
    hits = search(gold_run, query, limit=TOP)
    assert _find(hits, doc_id, name, *org) is not None, [h["name"] for h in hits]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("hien dat lam duong", ["hiến đất", "làm", "đường"]),
        ("HIEN DAT", ["hiến đất"]),
        ("hiến đất", ["hiến đất"]),
        ("Hien Dat", ["hiến đất"]),
    ],
)
def test_search_hien_dat_highlights_the_accented_words(gold_run, query, words):
    hits = search(gold_run, query)
    assert hits
    hit = next(h for h in hits if "hiến đất" in h["sentence"])
    marked = [hit["sentence"][s:e].casefold() for s, e in hit["highlights"]]
    for word in words:
        assert any(word in m for m in marked), (word, marked)


def _own(hit: dict) -> str:
    return " | ".join([hit["name"], hit["org"] or "", *hit["localities"]]).casefold()


@pytest.mark.parametrize(
    ("query", "near_miss"),
    [
        # The wards Hương Văn and Hương Vân fold to the same words; written with accents, the exact one leads.
        ("Hương Văn", "Hương Vân"),
        ("Hương Vân", "Hương Văn"),
        ("Trồng nấm", None),
        ("Hai dao hai thót", None),
        ("Nuôi cá lồng", None),
    ],
)
def test_search_exact_accented_query_ranks_first(gold_run, query, near_miss):
    hits = search(gold_run, query, limit=100)
    own = [query.casefold() in _own(h) for h in hits]
    assert own[0] and hits[0]["exact"] == 2, "a row whose own fields hold the query as written leads"
    assert own == sorted(own, reverse=True), "then every such row, before the others"
    exact = [h["exact"] for h in hits]
    assert exact == sorted(exact, reverse=True), "exact matches come before accent-folded ones"
    if near_miss:
        later = [i for i, h in enumerate(hits) if near_miss.casefold() in _own(h) and not own[i]]
        assert later and min(later) > max(i for i, o in enumerate(own) if o), "the near-namesake is found, later"


def test_search_accent_free_query_finds_both_namesakes(gold_run):
    names = {h["name"] for h in search(gold_run, "huong van", limit=50)}
    assert {"Vận động nhân dân tham gia phát triển đô thị", "Dòng họ khuyến học và tự quản về an ninh trật tự"} <= names


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("5 khong 3 sach", {"province": "Quảng Ninh"}, {D004}),
        ("5 khong 3 sach", {"province": "quang ninh"}, {D004}),
        ("5 khong 3 sach", {"province": "Hà Tĩnh"}, {D000}),
        ("5 khong 3 sach", {"year": 2018}, {D000}),
        ("5 khong 3 sach", {"year": 2020}, {D003, D004}),
        ("5 khong 3 sach", {}, {D000, D003, D004}),
        ("van dong", {"province": "Hưng Yên"}, {D001}),
        ("", {"org": "Hội Nông dân"}, {D001}),
        ("", {"org": "hoi nong dan"}, {D001}),
        ("", {"sector": "kinh tế"}, {D003}),
        ("", {"province": "Huế"}, {D002, D003}),  # the post-2025 province name works too
        ("van dong", {"province": "Hưng Yên", "year": 2020}, set()),
    ],
)
def test_search_filters_narrow_results(gold_run, query, filters, expected):
    hits = search(gold_run, query, limit=100, **filters)
    assert {h["doc_id"] for h in hits} == expected


@pytest.mark.parametrize(
    ("filters", "column", "allowed"),
    [
        ({"sector": "kinh te"}, "sector", {"kinh tế"}),
        ({"sector": "văn hóa"}, "sector", {"văn hóa - xã hội"}),
        ({"org": "Hội Liên hiệp Phụ nữ"}, "org", {"Hội Liên hiệp Phụ nữ thị xã", "Hội Liên hiệp Phụ nữ xã Hương Phong"}),
    ],
)
def test_search_filter_values(gold_run, filters, column, allowed):
    hits = search(gold_run, "", limit=100, **filters)
    assert hits and {h[column] for h in hits} == allowed


def test_search_limit(gold_run):
    assert len(search(gold_run, "van dong", limit=3)) == 3


@pytest.mark.parametrize("query", ["dan van kheo", "DAN VAN KHEO", "Dân vận khéo"])
def test_search_documents_without_accents(gold_run, query):
    with closing(connect(gold_run)) as conn:
        hits = search_documents(conn, query)
    assert {D000, D001, D002, D003, D004} <= {h["doc_id"] for h in hits}
    for hit in hits:
        marked = " ".join(hit["sentence"][s:e] for s, e in hit["highlights"]).casefold()
        assert "dân vận khéo" in marked


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("Vận động nhân dân hiến đất mở đường", "hien dat", ["hiến đất"]),
        ("mô hình “5 không, 3 sạch”", "5 khong 3 sach", ["5 không", "3 sạch"]),
        ("ĐƯỜNG LÀNG, ngõ xóm", "duong lang", ["ĐƯỜNG LÀNG"]),
        ("dòng họ Phan PhuỚc", "phuoc", ["PhuỚc"]),
        ("Hương Vân", "huong van", ["Hương Vân"]),
        ("Nuôi cá lồng", "trong nam", []),
    ],
)
def test_highlight_spans(text, query, marked):
    assert [text[s:e] for s, e in highlight_spans(text, query)] == marked


@pytest.mark.parametrize(
    "text",
    ["Thừa Thiên-Huế – ĐẤT—đai‐x", "Khánh Hoà, THUỶ, quý, Uỷ ban", "İstanbul ß STRASSE ŉ ǰ ﬁ", "ΣΊΣΥΦΟΣ ς",
     "m² 2.000 15% 1/2 a_b", "xe\u0302\u0301 o\u0300a \u0301", "中文字 ｆｕｌｌ", "\u00a0Hà\u2003Nội\u200bx\u3000y",
     "“5 không, 3 sạch”…", "", "  -- ", "Đắk Lắk\nĐăk Glei\tĐ"],
)
def test_fold_words_is_the_accentless_key_of_each_word(text):
    """fold_words folds piece by piece between spaces, through a cache: the same words as
    accentless_key word by word, whatever the dashes, tones, scripts and spaces."""
    words = WORD.findall(unicodedata.normalize("NFC", text))
    assert fold_words(text) == " ".join(accentless_key(w) for w in words)
    assert fold_words(text) == fold_words(text)  # the second time from the cache


def test_catalog_cells_and_models_sharing_a_sentence(tmp_path):
    """Cells as SQLite keeps them (lists as JSON text, [] too, booleans as 0/1, absent columns
    null), and models that share a sentence each indexed with it (it is folded once)."""
    sentence = "Mô hình “Hũ gạo tình thương” và “Tuyến đường Camera an ninh” ở xã Hương Phong."
    models = [{"id": f"d1:model:{i}", "doc_id": "d1", "name": name, "localities": places, "aliases": [],
               "sentence": sentence, "n_mentions": 1}
              for i, (name, places) in enumerate([("Hũ gạo tình thương", ["xã Hương Phong"]),
                                                   ("Tuyến đường Camera an ninh", None)], 1)]
    rows = {
        "documents": [{"doc_id": "d1", "title": "Báo cáo", "doc_date": "2020-05-01", "status": "ok", "text": sentence}],
        "models": models,
        "localities": [{"id": "d1:locality:1", "doc_id": "d1", "text": "xã Hương Phong", "name": "Hương Phong",
                        "level": "commune", "level_inferred": True, "province": "Thừa Thiên Huế",
                        "new_province": "Huế"}],
    }
    for name, table in rows.items():
        pq.write_table(pa.Table.from_pylist(table, schema=TABLES[name]), tmp_path / f"{name}.parquet")
    build_catalog(tmp_path)
    with closing(sqlite3.connect(tmp_path / CATALOG)) as conn:
        assert conn.execute("SELECT localities, aliases, org_aliases, page, province, year, seq FROM models").fetchall() == [
            ('["xã Hương Phong"]', "[]", None, None, "Thừa Thiên Huế", 2020, 1),
            (None, "[]", None, None, "Thừa Thiên Huế", 2020, 2)]
        assert conn.execute("SELECT level_inferred, typeof(level_inferred) FROM localities").fetchall() == [
            (1, "integer")]
    assert [hit["name"] for hit in search(tmp_path, "tinh thuong")] == ["Hũ gạo tình thương", "Tuyến đường Camera an ninh"]
    assert [hit["name"] for hit in search(tmp_path, "camera")] == ["Tuyến đường Camera an ninh", "Hũ gạo tình thương"]


# ---------------------------------------------------------------------------- the command


def test_search_command_prints_a_table_with_highlights(gold_run):
    result = CliRunner().invoke(app, ["search", "nuoi ca long", "-o", str(gold_run)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Nuôi cá lồng trên sông Bồ" in result.output
    assert "Hương Xuân" in result.output and "2020-10-02" in result.output


def test_search_command_json(gold_run):
    args = ["search", "hu gao", "-o", str(gold_run), "--province", "Thừa Thiên Huế", "--json", "--limit", "5"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits[0]["name"] == "Hũ gạo tình thương" and hits[0]["org"] == "Hội Liên hiệp Phụ nữ xã Hương Phong"
    sentence = hits[0]["sentence"]
    assert [sentence[s:e] for s, e in hits[0]["highlights"]] == ["Hũ gạo"]


def test_search_command_documents(gold_run):
    result = CliRunner().invoke(app, ["search", "dan van kheo", "-o", str(gold_run), "--documents", "--json"])
    assert result.exit_code == 0, result.output
    assert D003 in {h["doc_id"] for h in json.loads(result.output)}


def test_search_command_without_a_run(tmp_path):
    result = CliRunner().invoke(app, ["search", "hien dat", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "vnextract run" in result.output


def test_search_command_builds_a_missing_catalog(gold_run, tmp_path):
    out = tmp_path / "run"
    shutil.copytree(gold_run, out)
    (out / CATALOG).unlink()
    result = CliRunner().invoke(app, ["search", "hu gao", "-o", str(out), "--json"])
    assert result.exit_code == 0 and (out / CATALOG).exists()


# ---------------------------------------------------------------------------- the run's own models


def test_catalog_finds_the_models_the_run_extracted(corpus_run, tmp_path):
    """Every gold model the models pass found is found again by its accent-free query."""
    out = tmp_path / "run"
    shutil.copytree(corpus_run[0], out)
    if pq.read_metadata(out / "models.parquet").num_rows == 0:
        pytest.skip("the models pass does not fill models.parquet yet")
    build_catalog(out)
    extracted = pq.read_table(out / "models.parquet", columns=["doc_id", "name"]).to_pylist()
    missed = []
    for query, doc_id, name, *_ in QUERIES:
        found = [m["name"] for m in extracted
                 if m["doc_id"] == doc_id and similarity(compare_key(m["name"]), compare_key(name)) >= 0.85]
        hits = {(h["doc_id"], h["name"]) for h in search(out, query, limit=TOP)}
        missed += [(query, n) for n in found if (doc_id, n) not in hits]
    assert not missed


# ---------------------------------------------------------------------------- one key across documents

ACROSS = {  # three reports: two from Tiền Giang that share a model, an organisation and a place; one elsewhere
    "a.txt": "Hội Nông dân xã Hòa Tịnh (huyện Chợ Gạo) xây dựng mô hình “Hũ gạo tình thương” với 40 hộ.",
    "b.txt": "Năm 2022, mô hình “hũ gạo tình thương” của Hội Nông dân xã Hòa Tịnh, huyện Chợ Gạo có 55 hộ; "
             "mô hình “Hũ gạo tình thương” còn được nhắc lại.",
    "c.txt": "Hội Phụ nữ xã Cẩm Bình (huyện Cẩm Xuyên) có mô hình “Hũ gạo tình thương” với 20 hộ.",
}


@pytest.fixture(scope="module")
def across_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("across")
    for name, text in ACROSS.items():
        (folder / name).write_text(text, encoding="utf-8")
    run(RunOptions(input=folder, output=folder / "out", progress=False))
    return folder / "out"


def test_catalog_one_key_per_model_organisation_and_place(across_run):
    with sqlite3.connect(across_run / CATALOG) as conn:
        models = conn.execute("SELECT doc_id, key FROM models ORDER BY doc_id").fetchall()
        orgs = dict(conn.execute("SELECT doc_id || ':' || text, key FROM organisations"))
        places = dict(conn.execute("SELECT doc_id || ':' || text, key FROM localities"))
        distinct = conn.execute("SELECT name, n_documents, documents, n_mentions, places FROM models_distinct "
                                "ORDER BY n_documents DESC").fetchall()
    keys = dict(models)
    assert keys["a"] == keys["b"] != keys["c"]  # one model in Tiền Giang, another in Hà Tĩnh
    assert orgs["a:Hội Nông dân xã Hòa Tịnh"] == orgs["b:Hội Nông dân xã Hòa Tịnh"]
    assert orgs["a:Hội Nông dân xã Hòa Tịnh"] != orgs["c:Hội Phụ nữ xã Cẩm Bình"]
    assert places["a:xã Hòa Tịnh"] == places["b:xã Hòa Tịnh"] and places["a:xã Hòa Tịnh"].startswith("code:")
    assert len(distinct) == 2
    name, n_documents, documents, n_mentions, where = distinct[0]
    assert (name, n_documents, json.loads(documents)) == ("Hũ gạo tình thương", 2, ["a", "b"])
    assert n_mentions == 3 and "xã Hòa Tịnh" in json.loads(where)


# ---------------------------------------------------------------------------- exact before accent-free

# Three reports where "hiến đất" (to give land) and "hiện đạt" (now reaches) fold to the same words.
RANKING = {
    "tieu_chi.txt": "Hiện đạt chuẩn nông thôn mới\n\nXã Tân Phú hiện đạt 15/19 tiêu chí nông thôn mới.",
    "hien_dat.txt": "Báo cáo công tác dân vận năm 2023\n\nNăm 2023, xã hiện đạt 12 tiêu chí. "
                    "Nhân dân hiến 2.000 m² đất mở đường giao thông.",
    "mo_duong.txt": "Kết quả vận động làm đường liên thôn\n\nBà con tự nguyện hiến đất làm đường liên thôn.",
}


@pytest.fixture(scope="module")
def ranking_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ranking")
    for name, text in RANKING.items():
        (folder / name).write_text(text, encoding="utf-8")
    run(RunOptions(input=folder, output=folder / "out", progress=False))
    return folder / "out"


@pytest.mark.parametrize(
    ("query", "order", "sentences"),
    [
        # the phrase as written, then its words as written apart, then only accent-free (even in a title)
        ("hiến đất", ["mo_duong", "hien_dat", "tieu_chi"],
         ["Bà con tự nguyện hiến đất làm đường liên thôn.", "Nhân dân hiến 2.000 m² đất mở đường giao thông.",
          "Hiện đạt chuẩn nông thôn mới"]),
        # the phrase as written in a title, then in a text, then accent-free
        ("hiện đạt", ["tieu_chi", "hien_dat", "mo_duong"],
         ["Hiện đạt chuẩn nông thôn mới", "Năm 2023, xã hiện đạt 12 tiêu chí.",
          "Bà con tự nguyện hiến đất làm đường liên thôn."]),
        # case does not matter, accents do
        ("HIẾN ĐẤT", ["mo_duong", "hien_dat", "tieu_chi"],
         ["Bà con tự nguyện hiến đất làm đường liên thôn.", "Nhân dân hiến 2.000 m² đất mở đường giao thông.",
          "Hiện đạt chuẩn nông thôn mới"]),
    ],
)
def test_search_documents_exact_before_accent_free(ranking_run, query, order, sentences):
    with closing(connect(ranking_run)) as conn:
        hits = search_documents(conn, query)
    assert [h["doc_id"] for h in hits][: len(order)] == order
    assert [h["sentence"] for h in hits][: len(order)] == sentences


@pytest.mark.parametrize(
    ("text", "query", "sentence"),
    [
        ("Xã hiện đạt 15 tiêu chí. Nhân dân hiến 2.000 m² đất làm đường.", "hiến đất",
         "Nhân dân hiến 2.000 m² đất làm đường."),
        ("Xã hiện đạt 15 tiêu chí. Nhân dân hiến 2.000 m² đất làm đường.", "hiện đạt", "Xã hiện đạt 15 tiêu chí."),
        ("Xã hiện đạt 15 tiêu chí. Nhân dân hiến 2.000 m² đất làm đường.", "hien dat", "Xã hiện đạt 15 tiêu chí."),
        ("Đất hiến rồi. Nhân dân hiến đất làm đường.", "hiến đất", "Nhân dân hiến đất làm đường."),  # phrase first
        ("Hiện đạt chuẩn. Hiến 500 m² để mở ngõ.", "hiến đất", "Hiến 500 m² để mở ngõ."),  # one word as written
    ],
)
def test_best_sentence_prefers_exact_words(text, query, sentence):
    from extract.catalog import best_sentence

    start, end = best_sentence(text, query)
    assert text[start:end] == sentence


# ---------------------------------------------------------------------------- the file's permissions


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_catalog_permissions_follow_the_umask_like_the_other_files(across_run, tmp_path, umask):
    import os

    out = tmp_path / "run"
    shutil.copytree(across_run, out)
    old = os.umask(umask)
    try:
        (out / "probe.csv").write_text("Hũ gạo tình thương\n", encoding="utf-8")  # as the writer creates a file
        build_catalog(out)
    finally:
        os.umask(old)
    mode = (out / CATALOG).stat().st_mode & 0o777
    assert mode == 0o666 & ~umask == (out / "probe.csv").stat().st_mode & 0o777
