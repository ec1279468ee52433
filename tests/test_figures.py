"""The figures pass: (Vietnamese text → expected figure) truth tables.

Rows come from the samples (FIGURES_FROM_SAMPLES), from sentences written for these
tests (FIGURES_NEW), and things that must never become figures (NOT_FIGURES).
Each row checks value, unit and qualifier together (and per / what where given).
"""
from __future__ import annotations

import pytest

from extract.passes.figures import find_figures, lexicon, parse_figures
from extract.tokenise import tokenise

# (text, figure surface contains, value, unit, qualifier, extra fields)
FIGURES_FROM_SAMPLES = [
    ("đã đăng ký xây dựng 112 mô hình trong đó", "112 mô hình", 112, "count", "exact", {"what": "mô hình"}),
    ("và 08 mô hình được đề xuất biểu dương", "08 mô hình", 8, "count", "exact", {}),
    ("vận động nhân dân hiến 1.155,3m² đất", "1.155,3m²", 1155.3, "m2", "exact", {"what": "đất"}),
    ("vận động nhân dân hiến 1.155,3m 2 đất", "1.155,3m 2", 1155.3, "m2", "exact", {}),
    ("2.408 ngày công trị giá 18.827 triệu đồng", "2.408 ngày công", 2408, "day", "exact", {}),
    ("trị giá 18.827 triệu đồng để xây dựng", "18.827 triệu đồng", 18_827_000_000, "VND", "exact", {"what": "trị giá"}),
    ("tổng số tiền 241,653 triệu đồng", "241,653 triệu đồng", 241_653_000, "VND", "exact", {}),
    ("tổng kinh phí 44.500.000 đồng", "44.500.000 đồng", 44_500_000, "VND", "exact", {"what": "kinh phí"}),
    ("với diện tích hơn 02 hecta tại vùng", "hơn 02 hecta", 2, "ha", "more_than", {"what": "diện tích"}),
    ("cây ổi 44,5 hecta; từng bước", "44,5 hecta", 44.5, "ha", "exact", {}),
    ("tổng giá trị gần 2 tỷ đồng. Về xây dựng", "gần 2 tỷ đồng", 2_000_000_000, "VND", "approx", {}),
    ("nền đường rộng 6m được bà con", "6m", 6, "m", "exact", {}),
    ("với tổng chiều dài 12.860m, tổng số", "12.860m", 12_860, "m", "exact", {"what": "chiều dài"}),
    ("tổng số diện tích đất hiến 11.485 m2, cổng", "11.485 m2", 11_485, "m2", "exact", {}),
    ("năng suất bình quân đạt khoảng 44 tạ/ha; vụ", "khoảng 44 tạ/ha", 4.4, "ton", "approx",
     {"per": "ha", "surface_unit": "tạ"}),
    ("ước giá trị trồng ổi đạt khoảng 150 triệu đồng/ha/năm, tiêu biểu", "khoảng 150 triệu đồng/ha/năm",
     150_000_000, "VND", "approx", {"per": "ha/năm"}),
    ("hỗ trợ 500.000đ/tháng cho Mẹ", "500.000đ/tháng", 500_000, "VND", "exact", {"per": "tháng"}),
    ("có 24/39 tổ chức cơ sở đảng tiến hành", "24/39 tổ chức", 24 / 39, "ratio", "exact",
     {"numerator": 24, "denominator": 39}),
    ("duy trì 17/17 xã, phường thực hiện", "17/17 xã", 1.0, "ratio", "exact", {"numerator": 17, "denominator": 17}),
    ("đạt 18/24 trong 5 nhóm tiêu chuẩn", "18/24", 0.75, "ratio", "exact", {}),
    ("với sự tham gia của trên 29.500 lượt người", "trên 29.500 lượt người", 29_500, "person", "more_than", {}),
    ("thu hút 15.500 lượt hội viên phụ nữ", "15.500 lượt hội viên", 15_500, "person", "exact", {}),
    ("vận động, xử lý 10 hộ dân lấn chiếm", "10 hộ dân", 10, "household", "exact", {}),
    ("mở 02 lớp bồi dưỡng cho 185 cán bộ là tổ trưởng", "185 cán bộ", 185, "person", "exact", {}),
    ("Sau 5 tháng hoạt động theo mô hình mới", "5 tháng", 5, "other", "exact", {}),
    ("100% số hồ sơ thủ tục hành chính", "100%", 100, "percent", "exact", {"what": "hồ sơ"}),
    ("với 202\u00a0 mô hình đăng ký", "202\u00a0 mô hình", 202, "count", "exact", {}),
    ("có 14 xã/phường thực hiện", "14 xã", 14, "count", "exact", {}),
    ("trồng hoa trên 15km đường", "trên 15km", 15, "km", "more_than", {}),
    ("xây dựng 1 - 2 mô hình điển hình", "1 - 2 mô hình", 1, "count", "approx", {"value_max": 2}),
    ("định kỳ mỗi tháng 2 đợt", "2 đợt", 2, "count", "exact", {"per": "tháng"}),
    ("kỷ niệm 90 năm Ngày truyền thống", "90 năm", 90, "other", "exact", {}),
]

FIGURES_NEW = [
    ("Tổng vốn đầu tư trên 45 tỷ.", "trên 45 tỷ", 45_000_000_000, "VND", "more_than", {}),
    ("Thành phố đã trồng gần 2,5 triệu cây xanh", "gần 2,5 triệu cây", 2_500_000, "count", "approx", {}),
    ("Đã vận động hơn 3 nghìn hộ tham gia", "hơn 3 nghìn hộ", 3_000, "household", "more_than", {}),
    ("Diện tích rừng là 12,5 km2 trên địa bàn", "12,5 km2", 12_500_000, "m2", "exact", {"surface_unit": "km2"}),
    ("Sản lượng đạt 50 tấn mỗi vụ", "50 tấn", 50, "ton", "exact", {}),
    ("Có ít nhất 20 xã đăng ký", "ít nhất 20 xã", 20, "count", "at_least", {}),
    ("Tỷ lệ hộ nghèo dưới 3% vào cuối năm", "dưới 3%", 3, "percent", "less_than", {}),
    ("chưa đến 100 người tham dự", "chưa đến 100 người", 100, "person", "less_than", {}),
    ("kinh phí xấp xỉ 1,2 tỷ đồng", "xấp xỉ 1,2 tỷ đồng", 1_200_000_000, "VND", "approx", {}),
    ("hỗ trợ 20 triệu đồng/1ha lúa", "20 triệu đồng/1ha", 20_000_000, "VND", "exact", {"per": "ha"}),
    ("mỗi suất quà trị giá 300 nghìn đồng", "300 nghìn đồng", 300_000, "VND", "exact", {}),
    ("Hội đã trao 44 xuất/07 đơn vị", "44 xuất", 44, "count", "exact", {}),
    ("có 25/24 tiêu chí đạt chuẩn", "25/24 tiêu chí", 25 / 24, "ratio", "exact", {"numerator": 25}),
    ("thu nhập bình quân 65 triệu đồng/người/năm", "65 triệu đồng/người/năm", 65_000_000, "VND", "exact",
     {"per": "người/năm"}),
    ("có 3.200 đoàn viên thanh niên tham gia", "3.200 đoàn viên", 3_200, "person", "exact", {}),
    ("năng suất 50-55 tạ/ha", "50-55 tạ/ha", 5.0, "ton", "approx", {"value_max": 5.5, "per": "ha"}),
    ("tỷ lệ đạt 40 - 50%", "40 - 50%", 40, "percent", "approx", {"value_max": 50}),
    ("xây mới 1.250 m đường giao thông", "1.250 m", 1_250, "m", "exact", {}),
    ("giải ngân 3,75 tỷ đồng", "3,75 tỷ đồng", 3_750_000_000, "VND", "exact", {}),
    ("trao 7 suất học bổng", "7 suất", 7, "count", "exact", {}),
    # units and currencies of units.json (spoken variants share one canonical surface_unit)
    ("Mỗi hộ được hỗ trợ 5 kí gạo", "5 kí", 0.005, "ton", "exact", {"surface_unit": "kg"}),
    ("Trạm biến áp có công suất 250 kW", "250 kW", 250, "other", "exact", {"surface_unit": "kW"}),
    ("đường dây có điện áp 220 vôn", "220 vôn", 220, "other", "exact", {"surface_unit": "V"}),
    ("xe chạy với tốc độ 40 km/h qua khu dân cư", "40 km/h", 40, "other", "exact", {"surface_unit": "km/h"}),
    ("xây bể chứa 20 m³ nước sạch", "20 m³", 20, "other", "exact", {"surface_unit": "m³"}),
    ("đường truyền 100 Mbps đến từng xã", "100 Mbps", 100, "other", "exact", {"surface_unit": "Mbps"}),
    ("nhiệt độ 38°C, độ ẩm 80%", "38°C", 38, "other", "exact", {"surface_unit": "°C"}),
    ("máy chủ dung lượng 2 TB", "2 TB", 2, "other", "exact", {"surface_unit": "TB"}),
    # a currency written before the amount
    ("Dự án nhận tài trợ $50.000 từ tổ chức quốc tế", "$50.000", 50_000, "other", "exact", {"surface_unit": "USD"}),
    ("Khoản viện trợ USD 10.000 đã được giải ngân", "USD 10.000", 10_000, "other", "exact",
     {"surface_unit": "USD"}),
    # qualifiers: at most, and the "từ … trở lên / trở xuống" frames
    ("Học phí không quá 7.000.000 đồng mỗi năm", "không quá 7.000.000 đồng", 7_000_000, "VND", "less_than", {}),
    ("Giá bán không cao hơn 15.000 đồng/kg", "không cao hơn 15.000 đồng/kg", 15_000, "VND", "less_than",
     {"per": "kg"}),
    ("Người từ 60 tuổi trở lên được tặng quà", "từ 60 tuổi trở lên", 60, "count", "at_least", {}),
    ("Hộ có thu nhập từ 1,5 triệu đồng trở xuống", "từ 1,5 triệu đồng trở xuống", 1_500_000, "VND", "less_than", {}),
    # ranges: the unit said twice, "giữa … và …", the scale word written once after the high end
    ("Mỗi hộ được hỗ trợ từ 2 triệu đồng đến 5 triệu đồng", "2 triệu đồng đến 5 triệu đồng", 2_000_000, "VND",
     "approx", {"value_max": 5_000_000}),
    ("Mỗi hộ được hỗ trợ từ 2 đến 5 triệu đồng", "2 đến 5 triệu đồng", 2_000_000, "VND", "approx",
     {"value_max": 5_000_000}),
    ("Kinh phí giữa 300 và 500 triệu đồng", "300 và 500 triệu đồng", 300_000_000, "VND", "approx",
     {"value_max": 500_000_000}),
    ("diện tích từ 2 ha đến 3 ha mỗi hộ", "2 ha đến 3 ha", 2, "ha", "approx", {"value_max": 3}),
    # durations stay figures (GUIDELINES: "Sau 5 tháng hoạt động" is 5 other); the date rules leave them alone
    ("Trong 12 tháng qua, Hội Nông dân huyện Đăk Hà đã", "12 tháng", 12, "other", "exact", {}),
    ("Sau 5 tháng 10 hộ ở xã Tà Xùa đã thoát nghèo", "10 hộ", 10, "household", "exact", {}),
    ("trong 12 tháng 3 đợt kiểm tra liên ngành", "3 đợt", 3, "count", "exact", {}),
    ("Trong 3 ngày 25 đoàn viên đã ra quân", "25 đoàn viên", 25, "person", "exact", {}),
    ("Ca trực kéo dài liên tục 8 giờ", "8 giờ", 8, "other", "exact", {}),
    # words that look like the NOT-figure rules but count something
    ("Toàn huyện Cư Jút có 20 trang trại chăn nuôi", "20 trang trại", 20, "count", "exact", {}),
    ("Hội in 5.000 trang tài liệu tuyên truyền", "5.000 trang", 5_000, "count", "exact", {}),
    ("Xã có 20 trang trại, gồm 12 trang trại nuôi lợn", "12 trang trại", 12, "count", "exact", {}),
    ("chị Trang 35 tuổi, ở thôn Khe Sanh", "35 tuổi", 35, "count", "exact", {}),
    ("Đoàn viên mở 1 cửa hàng tiện lợi", "1 cửa hàng", 1, "count", "exact", {}),
    ("Phường duy trì mô hình 1 cửa hàng tiện lợi", "1 cửa hàng", 1, "count", "exact", {}),
    ("mỗi tổ 5 người phụ trách một tuyến", "5 người", 5, "person", "exact", {}),
    ("Hợp tác xã lập tổ 5 xã viên chuyên thu mua", "5 xã viên", 5, "count", "exact", {}),
    # "đ/c" is đồng chí (comrade), a person — not đ (VND)
    ("Chi bộ có 3 đ/c tham gia tổ công tác", "3 đ/c", 3, "person", "exact", {}),
    ("05 đ/c được Đảng ủy xã Phú Mỹ khen thưởng", "05 đ/c", 5, "person", "exact", {}),
    ("Mũ bảo hiểm bán giá 50.000 đ/cái", "50.000 đ/cái", 50_000, "VND", "exact", {"per": "cái"}),
    # the counted noun of the figure, not a word of a quoted model name
    ("mô hình “3 sạch” ở xã Đông Sơn có 45 hộ tham gia", "45 hộ", 45, "household", "exact", {"what": "hộ"}),
]

# Figures written only in words, read with spelled=True (the pipeline's --spelled-numbers).
FIGURES_SPELLED = [
    ("Mỗi hộ nhận năm ki lô gam gạo", "năm ki lô gam", 0.005, "ton", "exact", {"surface_unit": "kg"}),
    ("Con đường dài một ki lô mét", "một ki lô mét", 1, "km", "exact", {}),
    ("tốc độ sáu mươi ki lô mét trên giờ", "sáu mươi ki lô mét trên giờ", 60, "other", "exact",
     {"surface_unit": "km/h"}),
    ("mỗi chiếc giá hai đô rưỡi", "hai đô rưỡi", 2.5, "other", "exact", {"surface_unit": "USD"}),
    ("quỹ nhận hai đô la và năm mươi xu", "hai đô la và năm mươi xu", 2.5, "other", "exact", {}),
    ("tỷ lệ hộ nghèo còn không phần trăm", "không phần trăm", 0, "percent", "exact", {}),
    ("dung lượng hai phẩy năm gi ga bai", "hai phẩy năm gi ga bai", 2.5, "other", "exact", {"surface_unit": "GB"}),
    ("điện áp hai trăm hai mươi vôn", "hai trăm hai mươi vôn", 220, "other", "exact", {"surface_unit": "V"}),
    ("trả 2 chấm 5 triệu đồng", "2 chấm 5 triệu đồng", 2_500_000, "VND", "exact", {}),
    ("năm mươi kí lô gạo", "năm mươi kí lô", 0.05, "ton", "exact", {}),
    ("nhiều hơn một đô la và bốn mươi hai xen", "nhiều hơn một đô la và bốn mươi hai xen", 1.42, "other",
     "more_than", {}),
]


def _check(figures, surface, value, unit, qualifier, extra):
    matching = [f for f in figures if surface in f.text or f.text in surface and f.text]
    assert matching, f"no figure like {surface!r} in {[f.text for f in figures]}"
    fig = matching[0]
    assert fig.value == pytest.approx(value, rel=1e-9)
    assert fig.unit == unit
    assert fig.qualifier == qualifier
    for key, expected in extra.items():
        got = getattr(fig, key)
        if isinstance(expected, (int, float)) and not isinstance(expected, bool):
            assert got == pytest.approx(expected), key
        elif key == "what":
            assert got and expected in got, (key, got)
        else:
            assert got == expected, key


@pytest.mark.parametrize("text, surface, value, unit, qualifier, extra", FIGURES_FROM_SAMPLES + FIGURES_NEW)
def test_figures_value_unit_qualifier(text, surface, value, unit, qualifier, extra):
    _check(parse_figures(text), surface, value, unit, qualifier, extra)


@pytest.mark.parametrize("text, surface, value, unit, qualifier, extra", FIGURES_FROM_SAMPLES[:12])
def test_figures_same_with_tokenised_doc(text, surface, value, unit, qualifier, extra):
    doc = tokenise(text)
    _check(find_figures(doc.text, doc), surface, value, unit, qualifier, extra)


NOT_FIGURES = [
    "Giai đoạn 2017-2020 và nhiệm kỳ 2020 - 2025",
    "Năm 2019, phường đã hoàn thành",
    "theo Nghị quyết số 04-NQ/ThU, ngày 20/12/2016 của Thị ủy",
    "theo Thông tư 02/2013/TT-BVHTTDL của Bộ",
    "theo Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW",
    "Chỉ thị 05-CT/TW, ngày 15/5/2016",
    "Quyết định 217, 218 của Bộ Chính trị",
    "2.1. Lĩnh vực kinh tế",
    "1. Công tác lãnh đạo",
    "Đại hội Đảng bộ huyện lần thứ XXIII, khóa XI",
    "vào chiều thứ 6 hàng tuần",
    "16:20 28/11/2018",
    "từ tháng 3/2024, mô hình được triển khai",
    "kết quả 9 tháng năm 2020 cho thấy",
    "đạt mức độ 3 trên cổng dịch vụ công",
    "thực hiện mô hình “5 không, 3 sạch” ở địa phương",
    "Trong đại dịch covid-19, nhân dân",
    "Cty Cổ phần 22/12 đã ủng hộ",
    "Bệnh viện Trung ương Huế cơ sở 2",
    "Tập đoàn Công nghiệp Việt Nam 1.",
    "Liên hệ điện thoại 0234 3823 456 để biết thêm",
    "Số: 07/KH-UBND",
    "ở khu dân cư số 7 của thôn",
    "đô thị loại III năm 2020",
    "Nguồn: http://baohungyen.vn/kim-dong-3175236.html",
    "(15/10/1930 - 15/10/2020)",
    "ngày 24/3/2017 của Ban Thường vụ",
    "vụ Hè Thu năm 2019, tiếp tục",
    "hàng trăm hộ và hàng chục tấn rau",
    "là 1 trong những địa phương dẫn đầu",
    # short unit surfaces that are also Vietnamese words
    "xây dựng đô thị văn minh năm 2020",
    "Tháng 3 ký kết quy chế phối hợp",
    "đạt cấp độ 4 về dịch vụ công",
    "mô hình “5 đô thị xanh” của phường",
    # datelines and dates, with or without "ngày"
    "Quảng Trị, ngày 12 tháng 3 năm 2021",
    "Kon Tum, ngày 5 tháng 6 năm 2022",
    "ngày 5 tháng 6 xã tổ chức ra quân",
    "hồi 14 giờ 30 phút ngày 2/9",
    "lúc 9 giờ sáng ngày 2/9",
    "mồng 7 tháng Giêng",
    "Ngày 6/2, Hội Phụ nữ xã Kỳ Sơn tổ chức",
    "Chiều nay (13/3), đoàn công tác tỉnh Hà Giang",
    # names, titles, one-stop office, pages
    "Huy hiệu 40 năm tuổi Đảng",
    "Huân chương Lao động hạng Ba",
    "bộ phận một cửa và cơ chế một cửa liên thông",
    "Văn bản này gồm 12 trang.",
]

# spelled=True: a lone "một", "năm", "không", "tư" is a number only before a unit
NOT_FIGURES_SPELLED = [
    "xây dựng đô thị văn minh năm 2020",
    "nhiều hộ không đồng ý với phương án đền bù",
    "một số hộ dân năm nay chưa đồng tình",
    "các bên đã ký kết một văn bản thỏa thuận",
    "năm ký kết hiệp định thương mại",
    "không đô thị nào đạt chuẩn",
    "một độ tuổi nhất định",
    "năm xu hướng lớn của thời đại",
    "ba phần tư số hộ đã thoát nghèo",
    "một đồng chí được khen thưởng",
    "không kí kết hợp đồng",
]


# Each NOT-figure rule of not_figures.jsonl, in a sentence where a counted noun or a unit
# follows its digits, so that the row fails when that one rule is switched off:
# (rule id, text, the only figures it has).
NOT_FIGURE_RULES = [
    ("url", "Chi tiết xem tại http://sotuphap.tayninh.gov.vn/van-ban/45 biểu mẫu kèm theo", []),
    ("doc_symbol", "Thực hiện 15/2021/QĐ-UBND, xã Phước Minh hỗ trợ 20 hộ", ["20 hộ"]),
    ("doc_type_number", "Thực hiện Chỉ thị 05 cán bộ, đảng viên huyện Krông Búk gương mẫu đi đầu", []),
    ("doc_type_number", "theo quy định tại Khoản 3 Điều 8 Luật Đất đai", []),
    ("so_number", "Tại Trường Tiểu học số 2 học sinh được tặng 150 suất quà", ["150 suất"]),
    ("datetime_dmy", "Đến 31 / 12 / 2022 hộ nghèo ở Mường Nhé còn 45 hộ", ["45 hộ"]),
    ("date_day_words", "Sáng 12/3 đoàn viên xã Ia Pa ra quân", []),
    ("date_day_words", "Thứ 2 ngày 15/3 xã Ea Tu họp dân", []),
    ("day_month_words", "Quảng Bình, 12 tháng 3 năm 2021", []),
    ("day_month_words", "5 tháng 6 xã Hải Lăng tổ chức ra quân", []),
    ("day_month_words", "Lạng Sơn, 23 tháng Chạp năm Quý Mão", []),
    ("lunar_day", "Mùng 10 Tết xã Tân Hợp tổ chức hội xuân", []),
    ("month_year", "Tháng 3 năm 2021 có 4 hộ thoát nghèo", ["4 hộ"]),
    ("period_of_year", "6 tháng đầu năm 2023 Hội kết nạp 40 hội viên", ["40 hội viên"]),
    ("year_range", "Chương trình 2021-2025 hỗ trợ 30 hộ đồng bào", ["30 hộ đồng bào"]),
    ("year_words", "Năm 2020 xã Sơn Kim có 3 mô hình", ["3 mô hình"]),
    ("time", "Hồi 14 giờ 30 phút, đoàn kiểm tra huyện Mộc Châu đến xã", []),
    ("clock_hour", "Lúc 7 giờ, 40 đoàn viên tập trung tại UBND xã", ["40 đoàn viên"]),
    ("clock_hour", "Từ 6 giờ sáng, 25 hộ dân đã có mặt", ["25 hộ dân"]),
    ("ordinal_strict", "Đội văn nghệ thôn Bản Khoang đạt giải 3 cuộc thi hát then", []),
    ("numbered_name", "Đội 3 Phòng Cảnh sát kinh tế Công an tỉnh Gia Lai bắt giữ 2 đối tượng", ["2 đối tượng"]),
    ("numbered_unit_of_place", "Tổ 5 thôn Phước Hòa có 12 hộ tham gia", ["12 hộ"]),
    ("disease_name", "Trong đại dịch Covid 19 người dân xã Mường Lạn đã chung tay", []),
    ("disease_name", "Sau COVID-19 người lao động trở lại làm việc", []),
    ("letters_glued", "Tàu KN-290 chở 30 thuyền viên cập cảng", ["30 thuyền viên"]),
    ("phone", "Hotline 1900 1234 tiếp nhận phản ánh của người dân", []),
    ("phone", "Người dân gọi 0912 345 678 báo tin", []),
    ("party_badge", "UBND xã trao Huy hiệu 30, 45 năm tuổi Đảng cho 12 đảng viên", ["12 đảng viên"]),
    ("one_stop", "Bộ phận 1 cửa tiếp nhận 350 hồ sơ", ["350 hồ sơ"]),
    ("one_stop", "Xã thực hiện cơ chế 1 cửa liên thông với 4 thủ tục", ["4 thủ tục"]),
    ("page", "Báo cáo gồm 05 trang, gửi 3 đơn vị", ["3 đơn vị"]),
    ("page", "Tài liệu (12 trang) gửi 30 chi hội", ["30 chi hội"]),
    ("page", "Trang 12/15", []),
    ("tyre_size", "Xe lắp lốp 245/60 bền hơn", []),
    ("tyre_size", "Mua 4 lốp dự phòng cỡ 235/55R18", ["4 lốp"]),
]


@pytest.mark.parametrize("rule_id, text, figures", NOT_FIGURE_RULES)
def test_figures_not_figure_rule(rule_id, text, figures):
    assert [f.text for f in parse_figures(text)] == figures


def test_figures_every_not_figure_rule_has_a_row():
    assert {rule_id for rule_id, _, _ in lexicon().rules} == {rule_id for rule_id, _, _ in NOT_FIGURE_RULES}


# A figure after a quoted model name takes no attribute noun from inside the quotes:
# (text, figure surface, word that must not be its what).
WHAT_NOT_FROM_QUOTES = [
    ("mô hình “Con đường hoa” ở xã Yên Hòa dài 2 km", "2 km", "đường"),
    ("mô hình “Tiết kiệm tiền” đã giúp 50 triệu đồng", "50 triệu đồng", "tiền"),
    ("mô hình “Lúa chất lượng cao” ở Thoại Sơn đạt 65 tạ/ha", "65 tạ/ha", "lúa"),
]


@pytest.mark.parametrize("text, surface, borrowed", WHAT_NOT_FROM_QUOTES)
def test_figures_what_not_from_quoted_name(text, surface, borrowed):
    fig = next(f for f in parse_figures(text) if surface in f.text)
    assert not fig.what or borrowed not in fig.what.casefold()


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_figures_not_figures(text):
    assert [f.text for f in parse_figures(text)] == []


@pytest.mark.parametrize("text, surface, value, unit, qualifier, extra", FIGURES_SPELLED)
def test_figures_spelled_value_unit_qualifier(text, surface, value, unit, qualifier, extra):
    _check(parse_figures(text, spelled=True), surface, value, unit, qualifier, extra)


@pytest.mark.parametrize("text", NOT_FIGURES_SPELLED)
def test_figures_spelled_not_figures(text):
    assert [f.text for f in parse_figures(text, spelled=True)] == []


@pytest.mark.parametrize("text", ["Có 3 đô thị loại V", "nhập 5 ký tự", "ở 3 độ tuổi", "Hai bên ký kết 3 văn bản"])
def test_figures_unit_word_in_a_longer_word_is_no_unit(text):
    """"đô" of "đô thị", "ký" of "ký tự", "độ" of "độ tuổi" give no money, weight or degree."""
    assert all(f.unit not in ("ton", "other", "VND") for f in parse_figures(text))


def test_figures_units_lexicon_one_canonical_per_surface():
    """No surface maps to two units, and every 'other' unit names its canonical surface_unit."""
    seen = {}
    for entry in lexicon().units:
        key = (entry.unit, entry.factor, entry.surface_unit)
        assert seen.setdefault(entry.key, key) == key, entry.surface
        assert entry.unit != "other" or entry.surface_unit, entry.surface


def test_figures_part_of_whole_keeps_only_total():
    figures = parse_figures("là 1 trong 6 nhiệm vụ quan trọng")
    assert [(f.text, f.value) for f in figures] == [("6 nhiệm vụ", 6.0)]


def test_figures_offsets_slice_back_to_text():
    text = "Năm 2019, toàn phường mở rộng 38 ngõ với tổng chiều dài 12.860m, hiến 11.485 m2 đất."
    figures = parse_figures(text)
    assert [f.value for f in figures] == [38, 12_860, 11_485]
    for fig in figures:
        assert text[fig.char_start : fig.char_end] == fig.text
        assert fig.sentence and fig.text in fig.sentence


def test_figures_spelled_numbers_only_when_asked():
    text = "Xã đã xây dựng hai mô hình và mười lăm tuyến đường"
    assert parse_figures(text) == []
    spelled = parse_figures(text, spelled=True)
    assert [(f.value, f.what) for f in spelled] == [(2.0, "mô hình"), (15.0, "tuyến")]


RULE_IDS = sorted({row[0] for row in NOT_FIGURE_RULES})


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_figures_each_not_figure_rule_is_needed(rule_id, monkeypatch):
    """Switched off, every NOT-figure rule lets one of its rows yield a wrong figure: the rows
    test the rule, not punctuation after the number."""
    import extract.passes.figures as figures

    rows = [(text, expected) for rid, text, expected in NOT_FIGURE_RULES if rid == rule_id]
    load = figures._data

    def without_rule(name):
        data = load(name)
        return [rule for rule in data if rule.get("id") != rule_id] if name == "not_figures.jsonl" else data

    monkeypatch.setattr(figures, "_data", without_rule)
    figures.lexicon.cache_clear()
    try:
        assert any([f.text for f in parse_figures(text)] != expected for text, expected in rows), rule_id
    finally:
        monkeypatch.undo()
        figures.lexicon.cache_clear()


# --- currency: money keeps its ISO 4217 code; đồng stays unit VND -------------------------------------

CURRENCY = [
    # (text, surface, value, unit, currency, surface_unit)
    ("Dự án ODA vốn 3,9 triệu USD được giải ngân", "3,9 triệu USD", 3_900_000, "other", "USD", "USD"),
    ("Hợp đồng trị giá 2 tỷ USD với đối tác", "2 tỷ USD", 2_000_000_000, "other", "USD", "USD"),
    ("Quỹ tài trợ 500 EUR cho mỗi hộ", "500 EUR", 500, "other", "EUR", "EUR"),
    ("học bổng 1.200 euro mỗi năm", "1.200 euro", 1_200, "other", "EUR", "EUR"),
    ("khoản viện trợ 100 nghìn yên cho trường", "100 nghìn yên", 100_000, "other", "JPY", "JPY"),
    ("khoản viện trợ 300.000 JPY cho trường", "300.000 JPY", 300_000, "other", "JPY", "JPY"),
    ("đối tác góp 50 triệu won xây nhà", "50 triệu won", 50_000_000, "other", "KRW", "KRW"),
    ("vay 10 triệu nhân dân tệ để nhập máy", "10 triệu nhân dân tệ", 10_000_000, "other", "CNY", "CNY"),
    ("nhà tài trợ cam kết $5 triệu cho dự án", "$5 triệu", 5_000_000, "other", "USD", "USD"),
    ("huy động 18.827 triệu đồng để xây dựng", "18.827 triệu đồng", 18_827_000_000, "VND", "VND", None),
    ("tổng giá trị gần 2 tỷ đồng. Về xây dựng", "gần 2 tỷ đồng", 2_000_000_000, "VND", "VND", None),
    ("hỗ trợ 500.000đ cho mỗi cháu", "500.000đ", 500_000, "VND", "VND", None),
    ("mức phí 300.000 VNĐ mỗi người", "300.000 VNĐ", 300_000, "VND", "VND", None),
    ("Tổng vốn đầu tư trên 45 tỷ.", "trên 45 tỷ", 45_000_000_000, "VND", "VND", None),
]


@pytest.mark.parametrize("text, surface, value, unit, currency, surface_unit", CURRENCY)
def test_figures_money_keeps_its_currency(text, surface, value, unit, currency, surface_unit):
    figures = [f for f in find_figures(text) if f.text == surface]
    assert len(figures) == 1, [f.text for f in find_figures(text)]
    f = figures[0]
    assert (f.value, f.unit, f.currency, f.surface_unit) == (value, unit, currency, surface_unit)


NOT_MONEY = [
    "Tỉnh Đồng Nai có 3 huyện đạt chuẩn",
    "3 đồng chí được khen thưởng",
    "5 đồng bào dân tộc thiểu số",
    "thu hoạch 2 cánh đồng lúa",
    "cử 3 đ/c tham gia đoàn",
    "mua 2 yên xe đạp cho học sinh",
    "sau 3 năm yên ổn sản xuất",
    "15 hộ ở xã Hưng Yên",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_figures_not_money(text):
    assert [(f.text, f.currency) for f in find_figures(text) if f.currency or f.unit == "VND"] == []
