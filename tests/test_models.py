"""The models pass: (sentence, its organisations and places → expected models and campaigns).

Organisations and places are given by surface (the other passes find them in the
pipeline; here the models pass is tested on its own), so each row reads as the
sentence plus what the other passes would have marked.
"""
from __future__ import annotations

import pytest

from extract.passes.models import find_models
from extract.records import Locality, Organisation
from extract.tokenise import tokenise


def _spans(text: str, surfaces: list[str], make) -> list:
    """Records of another pass at each surface (its fields other than the span are the surface)."""
    out, pos = [], {}
    for n, surface in enumerate(surfaces, 1):
        start = text.index(surface, pos.get(surface, 0))
        pos[surface] = start + 1
        out.append(make(surface, start, start + len(surface), n))
    return out


def _org(surface: str, start: int, end: int, n: int) -> Organisation:
    return Organisation(id=f"t:org:{n}", text=surface, canonical=surface, type="other", char_start=start,
                        char_end=end)


def _place(surface: str, start: int, end: int, n: int) -> Locality:
    return Locality(id=f"t:loc:{n}", text=surface, level="commune", name=surface, level_inferred=False,
                    char_start=start, char_end=end)


def _models(text: str, orgs=(), places=()):
    doc = tokenise(text)
    return find_models(doc, organisations=_spans(text, list(orgs), _org),
                       localities=_spans(text, list(places), _place))


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
    got = [(m.name, m.org, m.localities) for m in models]
    assert got == expected


# Who runs a model, and where (invented sentences about other provinces and bodies).
# (text, organisations, places, expected [(name, org, [localities])])
ATTRIBUTION = [
    # the subject before the verb
    ("Hội Phụ nữ xã Mỹ Lộc xây dựng mô hình “Tiết kiệm vì phụ nữ nghèo” với 45 thành viên.",
     ["Hội Phụ nữ xã Mỹ Lộc"], ["xã Mỹ Lộc"],
     [("Tiết kiệm vì phụ nữ nghèo", "Hội Phụ nữ xã Mỹ Lộc", ["xã Mỹ Lộc"])]),
    ("UBND huyện Tuy Phước chỉ đạo nhân rộng mô hình “Cánh đồng lớn” ra toàn huyện.",
     ["UBND huyện Tuy Phước"], ["huyện Tuy Phước"],
     [("Cánh đồng lớn", "UBND huyện Tuy Phước", ["huyện Tuy Phước"])]),
    # the subject after a short opening adverbial
    ("Năm 2023, Đoàn Thanh niên phường An Lạc triển khai mô hình “Thắp sáng đường quê” trên 3 tuyến đường.",
     ["Đoàn Thanh niên phường An Lạc"], ["phường An Lạc"],
     [("Thắp sáng đường quê", "Đoàn Thanh niên phường An Lạc", ["phường An Lạc"])]),
    # the subject after a bullet mark
    ("Kết quả cụ thể:\n- Hội Nông dân xã Ea Tiêu duy trì mô hình “Tổ hợp tác cà phê sạch” ở thôn 5.",
     ["Hội Nông dân xã Ea Tiêu"], ["xã Ea Tiêu", "thôn 5"],
     [("Tổ hợp tác cà phê sạch", "Hội Nông dân xã Ea Tiêu", ["thôn 5", "xã Ea Tiêu"])]),
    # must-not: a subject that praises the model does not run it
    ("UBND huyện Tuy Phước khen thưởng mô hình “Cánh đồng lớn” của xã Phước Hưng.",
     ["UBND huyện Tuy Phước"], ["huyện Tuy Phước", "xã Phước Hưng"],
     [("Cánh đồng lớn", None, ["xã Phước Hưng"])]),
    # must-not: a comma opening the model's own clause cuts it from the subject
    ("Hội Nông dân xã Ea Tiêu tổ chức tập huấn cho hội viên, mô hình “Chăn nuôi gà thả vườn” ở thôn 5 "
     "cho thu nhập ổn định.", ["Hội Nông dân xã Ea Tiêu"], ["xã Ea Tiêu", "thôn 5"],
     [("Chăn nuôi gà thả vườn", None, ["thôn 5"])]),
    # must-not: a body in another clause (after ";") is not the runner
    ("Hội Nông dân xã Ea Tiêu tổ chức tập huấn cho hội viên; mô hình “Chăn nuôi gà thả vườn” ở thôn 5 "
     "cho thu nhập ổn định.", ["Hội Nông dân xã Ea Tiêu"], ["xã Ea Tiêu", "thôn 5"],
     [("Chăn nuôi gà thả vườn", None, ["thôn 5"])]),
    # "do <body> thực hiện / làm chủ nhiệm", "được <body> triển khai"
    ("Mô hình “Tuyến đường nở hoa” do Đoàn phường Quang Trung thực hiện được nhân dân đồng tình.",
     ["Đoàn phường Quang Trung"], ["phường Quang Trung"],
     [("Tuyến đường nở hoa", "Đoàn phường Quang Trung", ["phường Quang Trung"])]),
    ("Câu lạc bộ “Phụ nữ với pháp luật” do Chi hội Phụ nữ thôn Đông làm chủ nhiệm sinh hoạt hằng tháng.",
     ["Chi hội Phụ nữ thôn Đông"], ["thôn Đông"],
     [("Phụ nữ với pháp luật", "Chi hội Phụ nữ thôn Đông", ["thôn Đông"])]),
    ("Mô hình “Bếp ăn tình thương” được Hội Chữ thập đỏ huyện Gio Linh duy trì từ năm 2019.",
     ["Hội Chữ thập đỏ huyện Gio Linh"], ["huyện Gio Linh"],
     [("Bếp ăn tình thương", "Hội Chữ thập đỏ huyện Gio Linh", ["huyện Gio Linh"])]),
    # a runner later in the clause, after the place
    ("Mô hình “Vườn rau dinh dưỡng” ở thôn Phú Lợi 2 do Chi đoàn thôn phụ trách.",
     ["Chi đoàn thôn"], ["thôn Phú Lợi 2"],
     [("Vườn rau dinh dưỡng", "Chi đoàn thôn", ["thôn Phú Lợi 2"])]),
    # unquoted, up to "do <body> <verb>"
    ("Năm qua, mô hình thắp sáng đường quê do Đoàn Thanh niên xã Cát Hanh thực hiện đã lắp 120 bóng đèn.",
     ["Đoàn Thanh niên xã Cát Hanh"], ["xã Cát Hanh"],
     [("thắp sáng đường quê", "Đoàn Thanh niên xã Cát Hanh", ["xã Cát Hanh"])]),
    # must-not: the body that praises the model is not its runner ("được … khen thưởng", "do … khen thưởng")
    ("Mô hình “Nuôi ong lấy mật” được Hội Nông dân tỉnh khen thưởng.", ["Hội Nông dân tỉnh"], [],
     [("Nuôi ong lấy mật", None, [])]),
    ("Mô hình “Nuôi ong lấy mật” của xã Ea Kao được Hội Nông dân tỉnh biểu dương.", ["Hội Nông dân tỉnh"],
     ["xã Ea Kao"], [("Nuôi ong lấy mật", None, ["xã Ea Kao"])]),
    ("Mô hình “Nuôi bò sinh sản” do Ngân hàng Chính sách xã hội huyện hỗ trợ vốn được nhân rộng ở xã Ea Kao.",
     ["Ngân hàng Chính sách xã hội huyện"], ["xã Ea Kao"], [("Nuôi bò sinh sản", None, ["xã Ea Kao"])]),
    # the subject of the sentence before, when this one opens with a cue ("Tiêu biểu là …")
    ("Hội Nông dân huyện Krông Pắc đã có nhiều cách làm hay. Tiêu biểu là mô hình “Tổ hợp tác cà phê sạch”.",
     ["Hội Nông dân huyện Krông Pắc"], ["huyện Krông Pắc"],
     [("Tổ hợp tác cà phê sạch", "Hội Nông dân huyện Krông Pắc", ["huyện Krông Pắc"])]),
    # must-not: without a cue the sentence before lends no body
    ("Hội Nông dân huyện Krông Pắc đã tổ chức hội nghị. Mô hình “Tổ hợp tác cà phê sạch” mang lại thu nhập cao.",
     ["Hội Nông dân huyện Krông Pắc"], ["huyện Krông Pắc"],
     [("Tổ hợp tác cà phê sạch", None, [])]),
    # the heading of the list: quoted, and unquoted "Mô hình …" bullets
    ("Hội Cựu chiến binh xã Tân Phú:\n- Mô hình “Tủ sách cựu chiến binh”;\n- Mô hình nuôi bò sinh sản.\n"
     "Kết quả chung của huyện.", ["Hội Cựu chiến binh xã Tân Phú"], ["xã Tân Phú"],
     [("Tủ sách cựu chiến binh", "Hội Cựu chiến binh xã Tân Phú", ["xã Tân Phú"]),
      ("nuôi bò sinh sản", "Hội Cựu chiến binh xã Tân Phú", ["xã Tân Phú"])]),
    # must-not: the heading's scope ends with its bullet lines
    ("Hội Cựu chiến binh xã Tân Phú:\n- Mô hình “Tủ sách cựu chiến binh”.\nNgoài ra, mô hình “Chợ an toàn” "
     "được duy trì.", ["Hội Cựu chiến binh xã Tân Phú"], ["xã Tân Phú"],
     [("Tủ sách cựu chiến binh", "Hội Cựu chiến binh xã Tân Phú", ["xã Tân Phú"]),
      ("Chợ an toàn", None, [])]),
]


@pytest.mark.parametrize("text, orgs, places, expected", ATTRIBUTION)
def test_models_who_runs_them(text, orgs, places, expected):
    models, _ = _models(text, orgs, places)
    assert [(m.name, m.org, m.localities) for m in models] == expected


# Runs of models sharing one organisation: (text, organisations, places, expected)
LISTS = [
    # unquoted, separated by ";" after "các mô hình:"
    ("Hội Liên hiệp Phụ nữ huyện Đức Trọng triển khai các mô hình: Tiết kiệm vì phụ nữ nghèo; "
     "Nhà sạch vườn đẹp; Phụ nữ giúp nhau làm kinh tế.", ["Hội Liên hiệp Phụ nữ huyện Đức Trọng"], ["huyện Đức Trọng"],
     [(n, "Hội Liên hiệp Phụ nữ huyện Đức Trọng", ["huyện Đức Trọng"])
      for n in ("Tiết kiệm vì phụ nữ nghèo", "Nhà sạch vườn đẹp", "Phụ nữ giúp nhau làm kinh tế")]),
    # quoted, "như: “A”, “B” và “C”"
    ("Đoàn Thanh niên xã Hòa Bình thực hiện các mô hình như: “Thắp sáng đường quê”, “Con đường bích họa” "
     "và “Ngôi nhà khăn quàng đỏ”.", ["Đoàn Thanh niên xã Hòa Bình"], ["xã Hòa Bình"],
     [(n, "Đoàn Thanh niên xã Hòa Bình", ["xã Hòa Bình"])
      for n in ("Thắp sáng đường quê", "Con đường bích họa", "Ngôi nhà khăn quàng đỏ")]),
    # quoted items after ";" still belong to the opener's subject
    ("Hội Nông dân xã Phú Cường có các mô hình tiêu biểu như: “Nuôi cá lồng”; “Trồng nấm rơm” (thôn 2).",
     ["Hội Nông dân xã Phú Cường"], ["xã Phú Cường", "thôn 2"],
     [("Nuôi cá lồng", "Hội Nông dân xã Phú Cường", ["xã Phú Cường"]),
      ("Trồng nấm rơm", "Hội Nông dân xã Phú Cường", ["thôn 2", "xã Phú Cường"])]),
    # one per bullet line under "các mô hình sau:", places from "tại"
    ("Huyện đoàn Tam Nông duy trì các mô hình sau:\n- Thắp sáng đường quê tại xã Phú Thọ;\n"
     "- Tủ sách thanh niên.\nNăm tới tiếp tục.", ["Huyện đoàn Tam Nông"], ["xã Phú Thọ", "Tam Nông"],
     [("Thắp sáng đường quê", "Huyện đoàn Tam Nông", ["xã Phú Thọ", "Tam Nông"]),
      ("Tủ sách thanh niên", "Huyện đoàn Tam Nông", ["Tam Nông"])]),
    # must-not: a single unquoted phrase after the colon is not a list
    ("Hội Phụ nữ xã Mỹ Lộc triển khai các mô hình: kết quả bước đầu khả quan.", ["Hội Phụ nữ xã Mỹ Lộc"],
     ["xã Mỹ Lộc"], []),
    # must-not: a count before "mô hình" and a colon inside a parenthesis open no list
    ("Toàn huyện có 120 mô hình (kinh tế: 40 mô hình; văn hóa - xã hội: 80 mô hình).", [], [], []),
    ("Huyện đã đăng ký các mô hình theo lĩnh vực (kinh tế: 40 mô hình; văn hóa - xã hội: 80 mô hình).", [], [], []),
    # must-not: a heading "Kết quả mô hình …:" opens no list of models
    ("Kết quả mô hình năm 2023:\n- Đã có 45 hộ tham gia;\n- Thu nhập bình quân tăng.", [], [], []),
    # must-not: in a list that quotes its names, the unquoted stretches are narrative
    ("Các mô hình tiêu biểu như: “Nuôi cá lồng”; tổ chức tốt công tác tuyên truyền cho hội viên; "
     "“Trồng nấm rơm”.", [], [], [("Nuôi cá lồng", None, []), ("Trồng nấm rơm", None, [])]),
]


@pytest.mark.parametrize("text, orgs, places, expected", LISTS)
def test_models_lists_share_their_organisation(text, orgs, places, expected):
    models, _ = _models(text, orgs, places)
    assert [(m.name, m.org, m.localities) for m in models] == expected


# Not done yet (strict xfail): (text, organisations, places, expected)
NOT_YET = [
    # an unquoted run split by commas and "và" (the names themselves may hold commas)
    ("Đoàn Thanh niên xã Hòa Bình thực hiện các mô hình: thắp sáng đường quê, con đường bích họa và tủ sách "
     "thanh niên.", ["Đoàn Thanh niên xã Hòa Bình"], ["xã Hòa Bình"],
     [(n, "Đoàn Thanh niên xã Hòa Bình", ["xã Hòa Bình"])
      for n in ("thắp sáng đường quê", "con đường bích họa", "tủ sách thanh niên")]),
    # an unquoted model tied only to the subject of its clause
    ("Hội Phụ nữ xã Mỹ Lộc xây dựng mô hình nuôi gà thả vườn cho hội viên nghèo.", ["Hội Phụ nữ xã Mỹ Lộc"],
     ["xã Mỹ Lộc"], [("nuôi gà thả vườn", "Hội Phụ nữ xã Mỹ Lộc", ["xã Mỹ Lộc"])]),
    # an unquoted model placed at a field or area that is not an administrative unit
    ("Xã triển khai mô hình trồng bưởi hữu cơ theo hướng VietGAP tại cánh đồng Bàu Sen.", [], [],
     [("trồng bưởi hữu cơ theo hướng VietGAP", None, [])]),
]


@pytest.mark.xfail(strict=True, reason="not handled yet")
@pytest.mark.parametrize("text, orgs, places, expected", NOT_YET)
def test_models_not_yet(text, orgs, places, expected):
    models, _ = _models(text, orgs, places)
    assert [(m.name, m.org, m.localities) for m in models] == expected


# End to end, with the real organisations and localities passes: (text, expected [(name, org, [places])])
END_TO_END = [
    ("Mô hình “Tuyến đường nở hoa” do Đoàn Thanh niên phường Quang Trung thực hiện được nhân dân đồng tình.",
     [("Tuyến đường nở hoa", "Đoàn Thanh niên phường Quang Trung", ["phường Quang Trung"])]),
    ("Hội Nông dân huyện Krông Pắc đã có nhiều cách làm hay. Tiêu biểu là mô hình “Tổ hợp tác cà phê sạch”.",
     [("Tổ hợp tác cà phê sạch", "Hội Nông dân huyện Krông Pắc", ["huyện Krông Pắc"])]),
    ("Hội Cựu chiến binh xã Tân Phú:\n- Mô hình “Tủ sách cựu chiến binh”;\n- Mô hình “Vườn cây kiểu mẫu”.",
     [(n, "Hội Cựu chiến binh xã Tân Phú", ["xã Tân Phú"]) for n in ("Tủ sách cựu chiến binh", "Vườn cây kiểu mẫu")]),
    ("Mô hình “Nuôi ong lấy mật” của xã Ea Kao được Hội Nông dân tỉnh khen thưởng.",
     [("Nuôi ong lấy mật", None, ["xã Ea Kao"])]),
    ("Thời gian qua, Hội Liên hiệp Phụ nữ huyện Đức Trọng triển khai các mô hình: Tiết kiệm vì phụ nữ nghèo; "
     "Nhà sạch vườn đẹp.", [(n, "Hội Liên hiệp Phụ nữ huyện Đức Trọng", ["huyện Đức Trọng"])
                           for n in ("Tiết kiệm vì phụ nữ nghèo", "Nhà sạch vườn đẹp")]),
]


@pytest.mark.parametrize("text, expected", END_TO_END)
def test_models_end_to_end(text, expected):
    from extract.pipeline import process_text

    result = process_text(text)
    assert [(m.name, m.org, m.localities) for m in result.models] == expected
    ids = {o.id: o.text for o in result.organisations}
    for model in result.models:  # the organisation is the id of the record whose surface is ``org``
        assert (ids.get(model.organisation) if model.organisation else None) == model.org


def test_models_triggers_come_from_the_data(monkeypatch):
    from extract.passes import models as passes

    text = "Nhiều xã đã áp dụng cách làm “Hũ gạo tiết kiệm” trong năm."
    assert _models(text)[0] == []
    lexicon = dict(passes._lexicon(), model_triggers=["mô hình", "cách làm"])
    caches = (passes._trigger, passes._trigger_tail, passes._list_opener)
    monkeypatch.setattr(passes, "_lexicon", lambda: lexicon)
    for cache in caches:
        cache.cache_clear()
    try:
        assert [m.name for m in _models(text)[0]] == ["Hũ gạo tiết kiệm"]
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()


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
    ("Các đoàn thể hưởng ứng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” và cuộc vận động "
     "“Người Việt Nam ưu tiên dùng hàng Việt Nam” ở khu dân cư số 7.", [],
     ["Toàn dân đoàn kết xây dựng đời sống văn hóa", "Người Việt Nam ưu tiên dùng hàng Việt Nam"]),
    ("phương châm “Trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân”", [], ["Trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân"]),
    # generic model types not tied to a body or a place are not models (GUIDELINES §2.2)
    ("đã có nhiều mô hình dòng họ khuyến học được thành lập đã tạo động lực học tập của con em địa phương", [], []),
    ("Sau 5 tháng hoạt động theo mô hình mới, thái độ phục vụ thay đổi.", [], []),
]


@pytest.mark.parametrize("text, models, campaigns", CAMPAIGNS)
def test_models_campaigns_are_not_models(text, models, campaigns):
    found, found_campaigns = _models(text)
    assert [m.name for m in found] == models
    assert [c.name for c in found_campaigns] == campaigns


def test_models_one_record_per_model_with_all_mentions():
    text = ("Hội Phụ nữ xây dựng mô hình “5 không, 3 sạch”. Đến nay mô hình “5 không 3 sạch” có 11 chi hội "
            "tham gia; mô hình “5 không, 3 sạch” được công nhận.")
    models, _ = _models(text, ["Hội Phụ nữ"])
    assert len(models) == 1
    model = models[0]
    assert model.name == "5 không, 3 sạch" and model.aliases == ["5 không 3 sạch"]
    assert len(model.mentions) == 3
    for mention in model.mentions:
        assert "5 không" in text[mention["char_start"] : mention["char_end"]]


def test_models_sector_from_heading_and_status():
    text = ("2.1. Lĩnh vực kinh tế\n\nCó các mô hình tiêu biểu như: “Trồng nấm rơm” (Hương Phong) "
            "được công nhận.\n\n2.2. Lĩnh vực văn hóa - xã hội\n\nCó các mô hình như: “Tủ sách dòng họ”.")
    models, _ = _models(text, [], ["Hương Phong"])
    assert [(m.name, m.sector, m.status) for m in models] == [
        ("Trồng nấm rơm", "kinh tế", "được công nhận"),
        ("Tủ sách dòng họ", "văn hóa - xã hội", None),
    ]
