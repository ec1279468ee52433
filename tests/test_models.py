"""The models pass: (sentence, its organisations and places → expected models and campaigns).

Organisations and places are given by surface (the other passes find them in the
pipeline; here the models pass is tested on its own), so each row reads as the
sentence plus what the other passes would have marked.
"""
from __future__ import annotations

import pytest

from extract.passes.models import find_models
from extract.tokenise import tokenise


def _spans(text: str, surfaces: list[str]) -> list[dict]:
    out, pos = [], {}
    for surface in surfaces:
        start = text.index(surface, pos.get(surface, 0))
        pos[surface] = start + 1
        out.append({"text": surface, "char_start": start, "char_end": start + len(surface)})
    return out


def _models(text: str, orgs=(), places=()):
    doc = tokenise(text)
    return find_models(doc, organisations=_spans(text, list(orgs)), localities=_spans(text, list(places)))


# (text, organisations, places, expected [(name, org, [localities])])
MODELS = [
    # quoted after "mô hình", with "của <organisation>" (seed 000)
    ("mô hình “Dòng họ văn minh, an toàn, an ninh trật tự” của Uỷ ban Mặt trận Tổ quốc thị xã; m",
     ["Uỷ ban Mặt trận Tổ quốc thị xã"], [],
     [("Dòng họ văn minh, an toàn, an ninh trật tự", "Uỷ ban Mặt trận Tổ quốc thị xã", [])]),
    # the place inside the organisation's name is the model's place
    ("mô hình “Vận động cộng đồng tham gia xây dựng trường học” của Trường Mầm non Nam Hồng.",
     ["Trường Mầm non Nam Hồng"], ["Nam Hồng"],
     [("Vận động cộng đồng tham gia xây dựng trường học", "Trường Mầm non Nam Hồng", ["Nam Hồng"])]),
    # unclosed quote: the name stops before "của <place>" (seed 000)
    ("mô hình “ Vận động học sinh đưa xe đạp vào trường học của phường Đậu Liêu… Nhờ đó",
     [], ["phường Đậu Liêu"],
     [("Vận động học sinh đưa xe đạp vào trường học", None, ["phường Đậu Liêu"])]),
    # unquoted, up to "của <organisation>" (seed 001)
    ("Mô hình tuyên truyền, vận động Nhân dân áp dụng tiến bộ khoa học kỹ thuật vào sản xuất của Hội Nông dân "
     "xã Hiệp Cường; mô hình khác", ["Hội Nông dân xã Hiệp Cường"], ["xã Hiệp Cường"],
     [("tuyên truyền, vận động Nhân dân áp dụng tiến bộ khoa học kỹ thuật vào sản xuất",
       "Hội Nông dân xã Hiệp Cường", ["xã Hiệp Cường"])]),
    # unquoted, tied to places by "ở" (seed 001)
    ("mô hình vận động cán bộ, đảng viên làm tốt công tác an sinh xã hội ở xã Ngọc Thanh, thị trấn Lương Bằng.",
     [], ["xã Ngọc Thanh", "thị trấn Lương Bằng"],
     [("vận động cán bộ, đảng viên làm tốt công tác an sinh xã hội", None,
       ["xã Ngọc Thanh", "thị trấn Lương Bằng"])]),
    # a list after "Có các mô hình tiêu biểu như:" with a parenthesis shared by a comma group (seed 003)
    ("Có các mô hình tiêu biểu như: “Phát triển kinh tế vườn”, “Nuôi cá lồng trên sông Bồ” (Hương Xuân, "
     "Hương Vân); “Trồng nấm” (Hương Phong).", [], ["Hương Xuân", "Hương Vân", "Hương Phong"],
     [("Phát triển kinh tế vườn", None, ["Hương Xuân", "Hương Vân"]),
      ("Nuôi cá lồng trên sông Bồ", None, ["Hương Xuân", "Hương Vân"]),
      ("Trồng nấm", None, ["Hương Phong"])]),
    # one name, two bodies in the parenthesis → two entries (seed 003)
    ("Có các mô hình như: “Dòng họ khuyến học” (Dòng họ Trần Đắc ở Hương Vân, dòng họ Phan Phước ở Hương Xuân).",
     ["Dòng họ Trần Đắc", "dòng họ Phan Phước"], ["Hương Vân", "Hương Xuân"],
     [("Dòng họ khuyến học", "Dòng họ Trần Đắc", ["Hương Vân"]),
      ("Dòng họ khuyến học", "dòng họ Phan Phước", ["Hương Xuân"])]),
    # the subject of the clause runs a comma chain of models (seed 003)
    ("Hội Liên hiệp Phụ nữ thị xã đã triển khai các mô hình “Hai dao hai thót”, “Tổ liên kết sản xuất trầm hương”; "
     "“Bữa cơm có thịt” của Đoàn Thanh niên thị xã.", ["Hội Liên hiệp Phụ nữ thị xã", "Đoàn Thanh niên thị xã"], [],
     [("Hai dao hai thót", "Hội Liên hiệp Phụ nữ thị xã", []),
      ("Tổ liên kết sản xuất trầm hương", "Hội Liên hiệp Phụ nữ thị xã", []),
      ("Bữa cơm có thịt", "Đoàn Thanh niên thị xã", [])]),
    # invented: another province, a quoted model tied to its body by "của"
    ("Huyện đã nhân rộng mô hình “Tủ sách cộng đồng” của Hội Cựu chiến binh xã Tân Phú.",
     ["Hội Cựu chiến binh xã Tân Phú"], ["xã Tân Phú"],
     [("Tủ sách cộng đồng", "Hội Cựu chiến binh xã Tân Phú", ["xã Tân Phú"])]),
    # invented: a group that is a model ("33 nhóm “…”")
    ("Toàn xã có 12 tổ “Phụ nữ tự quản bảo vệ môi trường” với 140 thành viên.", [], [],
     [("Phụ nữ tự quản bảo vệ môi trường", None, [])]),
    # invented: quoted model at a place
    ("Mô hình “Cánh đồng mẫu lớn” được triển khai tại xã Tân Hòa, huyện Chợ Gạo.", [], ["xã Tân Hòa", "huyện Chợ Gạo"],
     [("Cánh đồng mẫu lớn", None, ["xã Tân Hòa", "huyện Chợ Gạo"])]),
]


@pytest.mark.parametrize("text, orgs, places, expected", MODELS)
def test_models_name_org_places(text, orgs, places, expected):
    models, _ = _models(text, orgs, places)
    got = [(m["name"], m["org"], m["localities"]) for m in models]
    assert got == expected


# (text, expected models, expected campaigns)
CAMPAIGNS = [
    # the label decides (seed 004)
    ("phong trào “Ngày xanh trong tuần”, “Ngày chủ nhật xanh”, mô hình “5 không, 3 sạch” được duy trì",
     ["5 không, 3 sạch"], ["Ngày xanh trong tuần", "Ngày chủ nhật xanh"]),
    ("các mô hình “Dân vận khéo” trong xây dựng đô thị văn minh", [], ["Dân vận khéo"]),
    ("phong trào thi đua “Dân vận khéo” giai đoạn 2017-2020", [], ["Dân vận khéo"]),
    ("hưởng ứng cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” tại xã", [],
     ["Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"]),
    ("gắn với “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” trong toàn Đảng bộ", [],
     ["Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"]),
    ("Xây dựng “Nhà Đại đoàn kết toàn dân tộc Việt Nam trên quần đảo Trường Sa” với tổng số tiền lớn", [], []),
    ("phương châm “Trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân”", [], ["Trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân"]),
    # generic model types not tied to a body or a place are not models (GUIDELINES §2.2)
    ("đã có nhiều mô hình dòng họ khuyến học được thành lập đã tạo động lực học tập của con em địa phương", [], []),
    ("Sau 5 tháng hoạt động theo mô hình mới, thái độ phục vụ thay đổi.", [], []),
]


@pytest.mark.parametrize("text, models, campaigns", CAMPAIGNS)
def test_models_campaigns_are_not_models(text, models, campaigns):
    found, found_campaigns = _models(text)
    assert [m["name"] for m in found] == models
    assert [c["name"] for c in found_campaigns] == campaigns


def test_models_one_record_per_model_with_all_mentions():
    text = ("Hội Phụ nữ xây dựng mô hình “5 không, 3 sạch”. Đến nay mô hình “5 không 3 sạch” có 11 chi hội "
            "tham gia; mô hình “5 không, 3 sạch” được công nhận.")
    models, _ = _models(text, ["Hội Phụ nữ"])
    assert len(models) == 1
    model = models[0]
    assert model["name"] == "5 không, 3 sạch" and model["aliases"] == ["5 không 3 sạch"]
    assert len(model["mentions"]) == 3
    for mention in model["mentions"]:
        assert "5 không" in text[mention["char_start"] : mention["char_end"]]


def test_models_sector_from_heading_and_status():
    text = ("2.1. Lĩnh vực kinh tế\n\nCó các mô hình tiêu biểu như: “Trồng nấm rơm” (Hương Phong) "
            "được công nhận.\n\n2.2. Lĩnh vực văn hóa - xã hội\n\nCó các mô hình như: “Tủ sách dòng họ”.")
    models, _ = _models(text, [], ["Hương Phong"])
    assert [(m["name"], m["sector"], m["status"]) for m in models] == [
        ("Trồng nấm rơm", "kinh tế", "được công nhận"),
        ("Tủ sách dòng họ", "văn hóa - xã hội", None),
    ]
