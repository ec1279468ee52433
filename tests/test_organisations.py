"""The organisations pass: (Vietnamese sentence → expected organisations) truth tables.

Rows come from the samples (ORGS_FROM_SAMPLES), from sentences written for these tests
about other provinces and other bodies (ORGS_NEW), sentences that hold no organisation
(NOT_ORGS), coordination with a shared place (COORDINATED), the locality a body belongs
to (LOCALITIES) and known gaps (KNOWN_GAPS, strict xfails).  Each row lists every
organisation of the sentence as (text, canonical, type), in order.
"""
from __future__ import annotations

import json
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from extract.records import Locality
from extract.passes.organisations import find_organisations, lexicon
from extract.vntext import compare_key, fold_case_keeping_offsets, normalise_tones
from extract.tokenise import tokenise

ORGS_FROM_SAMPLES = [
    ("Nguyễn Thị Thắm - Phó Trưởng Ban Dân vận Thị ủy Hồng Lĩnh",
     [("Ban Dân vận Thị ủy Hồng Lĩnh", "Ban Dân vận Thị ủy Hồng Lĩnh", "party")]),
    ("Thực hiện Chương trình công tác năm 2018 của Ban Dân vận Thị ủy về triển khai",
     [("Ban Dân vận Thị ủy", "Ban Dân vận Thị ủy", "party")]),
    ("các đảng bộ, chi bộ cơ sở, Mặt trận Tổ quốc và các đoàn thể đã đăng ký",
     [("Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "mass")]),
    ("lấy trẻ làm trung tâm” của Trường Mầm non Nam Hồng; mô hình “vận động” của Hội Phụ nữ phường Đậu Liêu;",
     [("Trường Mầm non Nam Hồng", "Trường Mầm non Nam Hồng", "school"),
      ("Hội Phụ nữ phường Đậu Liêu", "Hội Phụ nữ phường Đậu Liêu", "mass")]),
    ("mô hình “chi hội Cựu chiến binh làm nòng cốt vận động nhân dân” của Hội Cựu chiến binh phường Đức Thuận;",
     [("Hội Cựu chiến binh phường Đức Thuận", "Hội Cựu chiến binh phường Đức Thuận", "mass")]),
    ("của Uỷ ban Mặt trận Tổ quốc thị xã; m ô hình “5 nhất an toàn” của Công an thị xã;",
     [("Uỷ ban Mặt trận Tổ quốc thị xã", "Ủy ban Mặt trận Tổ quốc thị xã", "mass"),
      ("Công an thị xã", "Công an thị xã", "police_army")]),
    ("Hội Liên hiệp phụ nữ phường Bắc Hồng phát động phong trào",
     [("Hội Liên hiệp phụ nữ phường Bắc Hồng", "Hội Liên hiệp Phụ nữ phường Bắc Hồng", "mass")]),
    ("cho các tổ chức và công dân tại Trung tâm Hành chính công thị xã ” của Uỷ ban nhân dân thị xã,",
     [("Trung tâm Hành chính công thị xã", "Trung tâm Hành chính công thị xã", "state"),
      ("Uỷ ban nhân dân thị xã", "Ủy ban nhân dân thị xã", "state")]),
    ("phát triển đảng viên mới trong doanh nghiệp” của Chi bộ Công ty cổ phần Tập đoàn Công nghiệp Việt Nam 1.",
     [("Chi bộ Công ty cổ phần Tập đoàn Công nghiệp Việt Nam 1",
       "Chi bộ Công ty cổ phần Tập đoàn Công nghiệp Việt Nam 1", "party")]),
    ("những năm tiếp theo của Thị ủy và nghị quyết của hội đồng nhân dân các cấp",
     [("Thị ủy", "Thị ủy", "party")]),
    ("ngay từ đầu nhiệm kỳ Đại hội Đảng bộ huyện lần thứ XXIII, Ban Thường vụ Huyện ủy Kim Động đã xác định",
     [("Ban Thường vụ Huyện ủy Kim Động", "Ban Thường vụ Huyện ủy Kim Động", "party")]),
    ("Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)",
     [("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng", "party")]),
    ("chỉ đạo các cấp ủy đảng, chính quyền, MTTQ Việt Nam huyện và các tổ chức chính trị - xã hội",
     [("MTTQ Việt Nam huyện", "Mặt trận Tổ quốc Việt Nam huyện", "mass")]),
    ("có giá trị kinh tế cao của Hội Nông dân xã Hiệp Cường; mô hình đổi mới của Đảng bộ Trung tâm Y tế huyện;",
     [("Hội Nông dân xã Hiệp Cường", "Hội Nông dân xã Hiệp Cường", "mass"),
      ("Đảng bộ Trung tâm Y tế huyện", "Đảng bộ Trung tâm Y tế huyện", "party")]),
    ("mô hình khu dân cư nông thôn mới kiểu mẫu của khối dân vận Đảng ủy xã Phú Thịnh...",
     [("khối dân vận Đảng ủy xã Phú Thịnh", "Khối dân vận Đảng ủy xã Phú Thịnh", "party")]),
    ("huyện đã kiện toàn 17 khối dân vận xã, thị trấn và 73 tổ dân vận thôn", []),
    ("dưới sự lãnh đạo của đảng ủy; chính quyền phường Hương Xuân đã tăng cường phối hợp với Khối dân vận, "
     "mặt trận và các đoàn thể chính trị xã hội phường",
     [("đảng ủy", "Đảng ủy", "party"), ("Khối dân vận", "Khối dân vận", "party"),
      ("mặt trận", "Mặt trận", "mass")]),
    ("Qua đó đã góp phần xây dựng Đảng bộ phường Hương Xuân được công nhận",
     [("Đảng bộ phường Hương Xuân", "Đảng bộ phường Hương Xuân", "party")]),
    ("theo Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW của Bộ Chính trị;",
     [("Bộ Chính trị", "Bộ Chính trị", "party")]),
    ("theo quy định tại Thông tư 02/2013/TT-BVHTTDL của Bộ Văn hóa – Thể thao & Du lịch.",
     [("Bộ Văn hóa – Thể thao & Du lịch", "Bộ Văn hóa - Thể thao và Du lịch", "state")]),
    ("Công tác phối hợp giữa chính quyền với mặt trận Tổ quốc và các tổ chức chính trị- xã hội",
     [("mặt trận Tổ quốc", "Mặt trận Tổ quốc", "mass")]),
    ("Tạo điều kiện để Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội và nhân dân tham gia",
     [("Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc Việt Nam", "mass")]),
    ("thực hiện tự cung, tự cấp lúa gạo sạch cho trường Mầm non trên địa bàn", []),
    ("Ban Thường vụ Thị ủy đã chỉ đạo Ban Dân vận Thị ủy phối hợp Trung tâm Chính trị thị xã tổ chức",
     [("Ban Thường vụ Thị ủy", "Ban Thường vụ Thị ủy", "party"),
      ("Ban Dân vận Thị ủy", "Ban Dân vận Thị ủy", "party"),
      ("Trung tâm Chính trị thị xã", "Trung tâm Chính trị thị xã", "party")]),
    ("chỉ đạo Ban Tuyên giáo Thị ủy, Trung tâm Văn hóa - Thông tin & Thể thao thị xã phối hợp các xã, phường",
     [("Ban Tuyên giáo Thị ủy", "Ban Tuyên giáo Thị ủy", "party"),
      ("Trung tâm Văn hóa - Thông tin & Thể thao thị xã", "Trung tâm Văn hóa - Thông tin và Thể thao thị xã",
       "other")]),
    ("Công văn số 241-CV/BDVTU, ngày 08/6/2017 của Ban Dân vận Tỉnh ủy hướng dẫn",
     [("Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "party")]),
    ("Mặt trận và các đoàn thể chính trị-xã hội từ thị xã đến cơ sở; các TCCS đảng xây dựng kế hoạch",
     [("Mặt trận", "Mặt trận", "mass")]),
    ("chỉ đạo Ban Dân vận Thị ủy thành lập Đoàn khảo sát việc thực hiện mô hình",
     [("Ban Dân vận Thị ủy", "Ban Dân vận Thị ủy", "party"), ("Đoàn khảo sát", "Đoàn khảo sát", "other")]),
    ("báo cáo tham luận tại Hội nghị chuyên đề về thực hiện phong trào thi đua tại Tỉnh ủy;",
     [("Tỉnh ủy", "Tỉnh ủy", "party")]),
    ("tiêu biểu có hộ ông Phạm Việt Hồng - Chủ tịch Hội Nông dân phường.",
     [("Hội Nông dân phường", "Hội Nông dân phường", "mass")]),
    ("cán bộ, công chức các cơ quan, ban, ngành, UBND các xã, phường trên địa bàn toàn thị xã", []),
    ("Hội Liên hiệp Phụ nữ các xã, phường trồng và chăm sóc 25 đoạn đường hoa", []),
    ("“Nồi cháo yêu thương” của Đoàn thanh niên cơ quan Công an thị xã, “Bữa cơm có thịt” của Đoàn Thanh niên thị xã",
     [("Đoàn thanh niên cơ quan Công an thị xã", "Đoàn Thanh niên cơ quan Công an thị xã", "mass"),
      ("Đoàn Thanh niên thị xã", "Đoàn Thanh niên thị xã", "mass")]),
    ("(trường THCS Huỳnh Đinh Túc, Hương Hồ); (Dòng họ Trần Đắc ở Hương Vân, dòng họ Phan PhuỚc ở Hương Xuân)",
     [("trường THCS Huỳnh Đinh Túc", "Trường Trung học cơ sở Huỳnh Đinh Túc", "school"),
      ("Dòng họ Trần Đắc", "Dòng họ Trần Đắc", "other"),
      ("dòng họ Phan PhuỚc", "Dòng họ Phan PhuỚc", "other")]),
    ("“Nhà đại đoàn kết” của Ủy ban MTTQ Việt Nam thị xã, trích từ “Quỹ vì người nghèo” đã hỗ trợ",
     [("Ủy ban MTTQ Việt Nam thị xã", "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã", "mass")]),
    ("“Mái ấm công đoàn” của Liên đoàn Lao động, “Mái ấm tình thương” của Hội Liên hiệp Phụ nữ thị xã",
     [("Liên đoàn Lao động", "Liên đoàn Lao động", "mass"),
      ("Hội Liên hiệp Phụ nữ thị xã", "Hội Liên hiệp Phụ nữ thị xã", "mass")]),
    ("bệnh nhân tại Trung tâm Y tế thị xã và Bệnh viện Trung ương Huế cơ sở 2;",
     [("Trung tâm Y tế thị xã", "Trung tâm Y tế thị xã", "health"),
      ("Bệnh viện Trung ương Huế cơ sở 2", "Bệnh viện Trung ương Huế cơ sở 2", "health")]),
    ("Công an thị xã đã phối hợp Công an tỉnh tổ chức sơ kết",
     [("Công an thị xã", "Công an thị xã", "police_army"), ("Công an tỉnh", "Công an tỉnh", "police_army")]),
    ("(Đảng ủy cơ quan Mặt trận - đoàn thể thị xã); (Đảng ủy cơ quan Mật trận - đoàn thể thị xã)",
     [("Đảng ủy cơ quan Mặt trận - đoàn thể thị xã", "Đảng ủy cơ quan Mặt trận - đoàn thể thị xã", "party"),
      ("Đảng ủy cơ quan Mật trận - đoàn thể thị xã", "Đảng ủy cơ quan Mặt trận - đoàn thể thị xã", "party")]),
    ("gia đình “5 không, 3 sạch” và tiết kiệm (Hội LHPN thị xã)",
     [("Hội LHPN thị xã", "Hội Liên hiệp Phụ nữ thị xã", "mass")]),
    ("Tập thể Đảng bộ phường Hương Xuân, tập thể Chi hội Phụ nữ thôn Thanh Phước (Hương Phong) và cá nhân "
     "đồng chí Nguyễn Hồi - Nhà giáo Uỷ tú, Hiệu trưởng trường THPT Đặng Huy Trứ.",
     [("Đảng bộ phường Hương Xuân", "Đảng bộ phường Hương Xuân", "party"),
      ("Chi hội Phụ nữ thôn Thanh Phước", "Chi hội Phụ nữ thôn Thanh Phước", "mass"),
      ("trường THPT Đặng Huy Trứ", "Trường Trung học phổ thông Đặng Huy Trứ", "school")]),
    ("góp phần cùng với Đảng bộ thị xã đẩy nhanh tiến độ thực hiện nhiệm vụ của Đại hội Đảng thị xã lần thứ XIII",
     [("Đảng bộ thị xã", "Đảng bộ thị xã", "party")]),
    ("Trung tâm Văn hóa - Thông tin & Thể thao thị xã đã phối hợp với các Đảng ủy xã, phường",
     [("Trung tâm Văn hóa - Thông tin & Thể thao thị xã", "Trung tâm Văn hóa - Thông tin và Thể thao thị xã",
       "other")]),
    ("các phong trào thi đua của Mật trận, các đoàn thể và công tác dân vận",
     [("Mật trận", "Mặt trận", "mass")]),
    ("Ban Dân vận Thị ủy tiếp tục tham mưu Thường trực Thị ủy lãnh đạo",
     [("Ban Dân vận Thị ủy", "Ban Dân vận Thị ủy", "party"), ("Thường trực Thị ủy", "Thường trực Thị ủy", "party")]),
    ("- Các ban xây dựng Đảng Thị ủy,\n- Các TCCS đảng trực thuộc,\n- Mật trận và đoàn thể thị xã,",
     [("Thị ủy", "Thị ủy", "party"), ("Mật trận", "Mặt trận", "mass")]),
    ("- Trung tâm Văn hóa-Thông tin&TT thị xã,\n- Lưu VP Thị ủy.",
     [("Trung tâm Văn hóa-Thông tin&TT thị xã", "Trung tâm Văn hóa - Thông tin và Thể thao thị xã", "other"),
      ("VP Thị ủy", "Văn phòng Thị ủy", "party")]),
    ("thành phố đã được Thủ tướng Chính phủ Quyết định công nhận",
     [("Chính phủ", "Chính phủ", "state")]),
    ("Trạm kiểm soát liên ngành cầu Bắc Luân II; Cty Cổ phần 22/12; Khu dân cư đông đường Tuệ Tĩnh",
     [("Cty Cổ phần 22/12", "Công ty cổ phần 22/12", "enterprise")]),
    ("các đội Thanh niên tình nguyện tại TTHCC và 17/17 xã, phường đã phối hợp",
     [("TTHCC", "Trung tâm Hành chính công", "state")]),
    ("Khối MTTQ và các đoàn thể chính trị- xã hội tiếp tục được củng cố",
     [("Khối MTTQ", "Khối Mặt trận Tổ quốc", "mass")]),
    ("tích cực hướng dẫn Khối dân vận các xã, phường tiến hành thực hiện", []),
    ("Những mô hình tốt được thể hiện trên sân khấu của Hội thi dân vận khéo", []),
    ("Thu Hằng\nTrung tâm TTVH", [("Trung tâm TTVH", "Trung tâm Truyền thông và Văn hóa", "other")]),
    ("BÁO CÁO\ntổng kết phong trào thi đua “Dân vận khéo” giai đoạn 2017-2020", []),
]

ORGS_NEW = [
    ("Sở Tài nguyên và Môi trường tỉnh Nghệ An đã phối hợp với UBND huyện Châu Thành tổ chức hội nghị.",
     [("Sở Tài nguyên và Môi trường tỉnh Nghệ An", "Sở Tài nguyên và Môi trường tỉnh Nghệ An", "state"),
      ("UBND huyện Châu Thành", "Ủy ban nhân dân huyện Châu Thành", "state")]),
    ("Hội Cựu chiến binh xã Tân Phú và Công ty TNHH Minh Phát trao 20 suất quà.",
     [("Hội Cựu chiến binh xã Tân Phú", "Hội Cựu chiến binh xã Tân Phú", "mass"),
      ("Công ty TNHH Minh Phát", "Công ty trách nhiệm hữu hạn Minh Phát", "enterprise")]),
    ("Bộ Văn hóa, Thể thao và Du lịch đã ban hành Thông tư số 12/2020/TT-BVHTTDL.",
     [("Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", "state")]),
    ("Ông Nguyễn Văn A, Bí thư Đảng ủy xã Quỳnh Lưu, cho biết.",
     [("Đảng ủy xã Quỳnh Lưu", "Đảng ủy xã Quỳnh Lưu", "party")]),
    ("Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh đã chỉ đạo Sở Y tế.",
     [("UBND tỉnh Quảng Nam", "Ủy ban nhân dân tỉnh Quảng Nam", "state"), ("Sở Y tế", "Sở Y tế", "state")]),
    ("Phó Chủ tịch UBND huyện Nguyễn Văn An dự lễ khánh thành.",
     [("UBND huyện", "Ủy ban nhân dân huyện", "state")]),
    ("Đồng chí Trần Văn Hùng, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện phát biểu.",
     [("Huyện ủy", "Huyện ủy", "party"), ("HĐND huyện", "Hội đồng nhân dân huyện", "state")]),
    ("Trường Tiểu học Kim Đồng và trường Mầm non Hoa Sen phường 3 tham gia.",
     [("Trường Tiểu học Kim Đồng", "Trường Tiểu học Kim Đồng", "school"),
      ("trường Mầm non Hoa Sen phường 3", "Trường Mầm non Hoa Sen phường 3", "school")]),
    ("Ngân hàng Chính sách xã hội huyện Điện Biên giải ngân 5 tỷ đồng.",
     [("Ngân hàng Chính sách xã hội huyện Điện Biên", "Ngân hàng Chính sách xã hội huyện Điện Biên", "enterprise")]),
    ("Quỹ Từ thiện Ánh Dương đã trao tặng 10 căn nhà; Quỹ vì người nghèo xã hỗ trợ thêm.",
     [("Quỹ Từ thiện Ánh Dương", "Quỹ Từ thiện Ánh Dương", "other")]),
    ("Bệnh viện Đa khoa tỉnh Hà Tĩnh và Trạm Y tế xã Thạch Hạ khám cho 300 người.",
     [("Bệnh viện Đa khoa tỉnh Hà Tĩnh", "Bệnh viện Đa khoa tỉnh Hà Tĩnh", "health"),
      ("Trạm Y tế xã Thạch Hạ", "Trạm Y tế xã Thạch Hạ", "health")]),
    ("Ban Chỉ huy Quân sự huyện phối hợp Đồn Biên phòng Cửa khẩu Lao Bảo tuần tra.",
     [("Ban Chỉ huy Quân sự huyện", "Ban Chỉ huy Quân sự huyện", "police_army"),
      ("Đồn Biên phòng Cửa khẩu Lao Bảo", "Đồn Biên phòng Cửa khẩu Lao Bảo", "police_army")]),
    ("Hợp tác xã Nông nghiệp Nam Hồng và HTX dịch vụ nông nghiệp Hương Xuân ký hợp đồng.",
     [("Hợp tác xã Nông nghiệp Nam Hồng", "Hợp tác xã Nông nghiệp Nam Hồng", "enterprise"),
      ("HTX dịch vụ nông nghiệp Hương Xuân", "Hợp tác xã Dịch vụ nông nghiệp Hương Xuân", "enterprise")]),
    ("Thực hiện Hướng dẫn của Ban Tuyên giáo Trung ương và Ban Tổ chức Huyện ủy Diễn Châu.",
     [("Ban Tuyên giáo Trung ương", "Ban Tuyên giáo Trung ương", "party"),
      ("Ban Tổ chức Huyện ủy Diễn Châu", "Ban Tổ chức Huyện ủy Diễn Châu", "party")]),
    ("Đoàn TNCS Hồ Chí Minh thành phố Vinh ra quân hưởng ứng.",
     [("Đoàn TNCS Hồ Chí Minh thành phố Vinh", "Đoàn Thanh niên thành phố Vinh", "mass")]),
    ("Liên đoàn Lao động tỉnh, Công đoàn ngành Giáo dục tặng quà.",
     [("Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh", "mass"),
      ("Công đoàn ngành Giáo dục", "Công đoàn ngành Giáo dục", "mass")]),
    ("Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy Hà Tĩnh Nguyễn Thị Nữ Ninh dự.",
     [("Ban Dân vận Tỉnh ủy Hà Tĩnh", "Ban Dân vận Tỉnh ủy Hà Tĩnh", "party")]),
    ("UVBTV Tỉnh ủy, Chủ tịch Ủy ban MTTQ tỉnh Bùi Thị Hằng phát biểu.",
     [("Tỉnh ủy", "Tỉnh ủy", "party"), ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh", "mass")]),
    ("Hội thi dân vận khéo năm 2020 do Hội Liên hiệp Phụ nữ huyện tổ chức.",
     [("Hội Liên hiệp Phụ nữ huyện", "Hội Liên hiệp Phụ nữ huyện", "mass")]),
    ("Phòng Văn hóa và Thông tin huyện Kỳ Anh, Phòng Giáo dục và Đào tạo thị xã tham dự.",
     [("Phòng Văn hóa và Thông tin huyện Kỳ Anh", "Phòng Văn hóa và Thông tin huyện Kỳ Anh", "state"),
      ("Phòng Giáo dục và Đào tạo thị xã", "Phòng Giáo dục và Đào tạo thị xã", "state")]),
    ("Báo Hà Tĩnh đưa tin. Báo cáo của UBND xã An Phú gửi lên.",
     [("Báo Hà Tĩnh", "Báo Hà Tĩnh", "other"), ("UBND xã An Phú", "Ủy ban nhân dân xã An Phú", "state")]),
    ("Công an xã Thạch Kim, Công an huyện Lộc Hà vào cuộc.",
     [("Công an xã Thạch Kim", "Công an xã Thạch Kim", "police_army"),
      ("Công an huyện Lộc Hà", "Công an huyện Lộc Hà", "police_army")]),
    ("BÁO CÁO KẾT QUẢ CỦA ỦY BAN NHÂN DÂN XÃ PHÚ AN",
     [("ỦY BAN NHÂN DÂN XÃ PHÚ AN", "Ủy ban nhân dân xã Phú An", "state")]),
    ("Tập đoàn Điện lực Việt Nam và Tổng công ty Điện lực miền Bắc hỗ trợ.",
     [("Tập đoàn Điện lực Việt Nam", "Tập đoàn Điện lực Việt Nam", "enterprise"),
      ("Tổng công ty Điện lực miền Bắc", "Tổng công ty Điện lực miền Bắc", "enterprise")]),
    ("Câu lạc bộ Dưỡng sinh phường Bắc Hà có 50 hội viên.",
     [("Câu lạc bộ Dưỡng sinh phường Bắc Hà", "Câu lạc bộ Dưỡng sinh phường Bắc Hà", "other")]),
    ("Thường trực HĐND huyện, Thường trực UBND huyện và Ban Thường vụ Huyện ủy họp.",
     [("Thường trực HĐND huyện", "Thường trực Hội đồng nhân dân huyện", "state"),
      ("Thường trực UBND huyện", "Thường trực Ủy ban nhân dân huyện", "state"),
      ("Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện ủy", "party")]),
    ("Tiếp đón Đoàn công tác của Bộ Nông nghiệp và Phát triển nông thôn.",
     [("Đoàn công tác", "Đoàn công tác", "other"),
      ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn", "state")]),
    ("Theo TS. Nguyễn Văn B - Trường Đại học Vinh, Học viện Chính trị Quốc gia Hồ Chí Minh.",
     [("Trường Đại học Vinh", "Trường Đại học Vinh", "school"),
      ("Học viện Chính trị Quốc gia Hồ Chí Minh", "Học viện Chính trị Quốc gia Hồ Chí Minh", "school")]),
    ("Đài Phát thanh và Truyền hình tỉnh Nghệ An đưa tin.",
     [("Đài Phát thanh và Truyền hình tỉnh Nghệ An", "Đài Phát thanh và Truyền hình tỉnh Nghệ An", "other")]),
    ("Chi bộ thôn Đông Thịnh, Chi bộ Trường THCS Lê Lợi đạt trong sạch vững mạnh.",
     [("Chi bộ thôn Đông Thịnh", "Chi bộ thôn Đông Thịnh", "party"),
      ("Chi bộ Trường THCS Lê Lợi", "Chi bộ Trường Trung học cơ sở Lê Lợi", "party")]),
    ("Tòa án nhân dân huyện và Viện Kiểm sát nhân dân huyện phối hợp xét xử.",
     [("Tòa án nhân dân huyện", "Tòa án nhân dân huyện", "state"),
      ("Viện Kiểm sát nhân dân huyện", "Viện Kiểm sát nhân dân huyện", "state")]),
    ("Quyết định của Thủ tướng Chính phủ và Văn phòng Chính phủ.",
     [("Chính phủ", "Chính phủ", "state"), ("Văn phòng Chính phủ", "Văn phòng Chính phủ", "state")]),
    ("theo Quyết định số 1234/QĐ-UBND ngày 5/3/2021 của UBND tỉnh",
     [("UBND tỉnh", "Ủy ban nhân dân tỉnh", "state")]),
    ("Sở LĐ-TB&XH tỉnh, Sở GD&ĐT và UBND TP. Hà Tĩnh tổ chức trao quà.",
     [("Sở LĐ-TB&XH tỉnh", "Sở Lao động - Thương binh và Xã hội tỉnh", "state"),
      ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo", "state"),
      ("UBND TP. Hà Tĩnh", "Ủy ban nhân dân thành phố Hà Tĩnh", "state")]),
    ("Trường Cao đẳng Y tế Hà Tĩnh và Đại học Quốc gia Hà Nội ký kết hợp tác.",
     [("Trường Cao đẳng Y tế Hà Tĩnh", "Trường Cao đẳng Y tế Hà Tĩnh", "school"),
      ("Đại học Quốc gia Hà Nội", "Đại học Quốc gia Hà Nội", "school")]),
    ("Chi bộ tổ dân phố 5 và Ban công tác Mặt trận khu dân cư số 7 ra quân.",
     [("Chi bộ tổ dân phố 5", "Chi bộ tổ dân phố 5", "party"),
      ("Ban công tác Mặt trận khu dân cư số 7", "Ban Công tác Mặt trận khu dân cư số 7", "mass")]),
    ("Uỷ ban Kiểm tra Huyện uỷ Can Lộc kiểm tra Đảng uỷ xã Thuần Thiện.",
     [("Uỷ ban Kiểm tra Huyện uỷ Can Lộc", "Ủy ban Kiểm tra Huyện ủy Can Lộc", "party"),
      ("Đảng uỷ xã Thuần Thiện", "Đảng ủy xã Thuần Thiện", "party")]),
    ("Hội Liên hiệp Phụ nữ Việt Nam và Hội Nông dân Việt Nam ký chương trình phối hợp.",
     [("Hội Liên hiệp Phụ nữ Việt Nam", "Hội Liên hiệp Phụ nữ Việt Nam", "mass"),
      ("Hội Nông dân Việt Nam", "Hội Nông dân Việt Nam", "mass")]),
    ("Hội Người cao tuổi xã Sơn Kim và Hội Chữ thập đỏ huyện Hương Sơn thăm hỏi.",
     [("Hội Người cao tuổi xã Sơn Kim", "Hội Người cao tuổi xã Sơn Kim", "mass"),
      ("Hội Chữ thập đỏ huyện Hương Sơn", "Hội Chữ thập đỏ huyện Hương Sơn", "mass")]),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Thanh Hóa cho vay.",
     [("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Thanh Hóa",
       "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Thanh Hóa", "enterprise")]),
    ("UBND phường Trần Phú và Công an phường Lê Lợi phối hợp.",
     [("UBND phường Trần Phú", "Ủy ban nhân dân phường Trần Phú", "state"),
      ("Công an phường Lê Lợi", "Công an phường Lê Lợi", "police_army")]),
    ("Kho bạc Nhà nước huyện Quỳnh Lưu và Chi cục Thuế thị xã Hoàng Mai",
     [("Kho bạc Nhà nước huyện Quỳnh Lưu", "Kho bạc Nhà nước huyện Quỳnh Lưu", "state"),
      ("Chi cục Thuế thị xã Hoàng Mai", "Chi cục Thuế thị xã Hoàng Mai", "state")]),
    ("Trường Chính trị tỉnh mở lớp bồi dưỡng cho Đoàn đại biểu Quốc hội tỉnh.",
     [("Trường Chính trị tỉnh", "Trường Chính trị tỉnh", "school"),
      ("Đoàn đại biểu Quốc hội tỉnh", "Đoàn đại biểu Quốc hội tỉnh", "state")]),
    ("Đảng ủy, HĐND, UBND, UBMTTQ xã Cẩm Bình đã họp.",
     [("Đảng ủy", "Đảng ủy", "party"), ("HĐND", "Hội đồng nhân dân", "state"),
      ("UBND", "Ủy ban nhân dân", "state"), ("UBMTTQ xã Cẩm Bình", "Ủy ban Mặt trận Tổ quốc xã Cẩm Bình", "mass")]),
    ("Năm 2019 Hội Nông dân xã Quỳnh Lập vận động hội viên.",
     [("Hội Nông dân xã Quỳnh Lập", "Hội Nông dân xã Quỳnh Lập", "mass")]),
    ("Ban Dân vận Huyện ủy phối hợp với Ủy ban MTTQ Việt Nam huyện, Hội Nông dân huyện, Hội LHPN huyện, "
     "Huyện đoàn và Hội CCB huyện hướng dẫn 13 xã, thị trấn",
     [("Ban Dân vận Huyện ủy", "Ban Dân vận Huyện ủy", "party"),
      ("Ủy ban MTTQ Việt Nam huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "mass"),
      ("Hội Nông dân huyện", "Hội Nông dân huyện", "mass"),
      ("Hội LHPN huyện", "Hội Liên hiệp Phụ nữ huyện", "mass"),
      ("Huyện đoàn", "Huyện đoàn", "mass"),
      ("Hội CCB huyện", "Hội Cựu chiến binh huyện", "mass")]),
    ("Trường THCS Phước Lộc, Trường Tiểu học số 1 Phước Sơn được Sở Giáo dục và Đào tạo tỉnh Bình Định khen.",
     [("Trường THCS Phước Lộc", "Trường Trung học cơ sở Phước Lộc", "school"),
      ("Trường Tiểu học số 1 Phước Sơn", "Trường Tiểu học số 1 Phước Sơn", "school"),
      ("Sở Giáo dục và Đào tạo tỉnh Bình Định", "Sở Giáo dục và Đào tạo tỉnh Bình Định", "state")]),
    ("Báo Bình Định, Đài Phát thanh - Truyền hình Bình Định đã đưa tin.",
     [("Báo Bình Định", "Báo Bình Định", "other"),
      ("Đài Phát thanh - Truyền hình Bình Định", "Đài Phát thanh - Truyền hình Bình Định", "other")]),
    ("ĐẢNG BỘ TỈNH TRÀ VINH\nHUYỆN ỦY CẦU NGANG\n*\nSố 125-BC/HU",
     [("ĐẢNG BỘ TỈNH TRÀ VINH", "Đảng bộ tỉnh Trà Vinh", "party"),
      ("HUYỆN ỦY CẦU NGANG", "Huyện ủy Cầu Ngang", "party")]),
    ("Ban Nhân dân ấp Mỹ Cẩm A, Ủy ban MTTQVN xã Long Sơn và Hội Phụ nữ ấp Chà Và đã xây dựng nhà.",
     [("Ban Nhân dân ấp Mỹ Cẩm A", "Ban Nhân dân ấp Mỹ Cẩm A", "state"),
      ("Ủy ban MTTQVN xã Long Sơn", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Long Sơn", "mass"),
      ("Hội Phụ nữ ấp Chà Và", "Hội Phụ nữ ấp Chà Và", "mass")]),
    ("Công ty TNHH Xây dựng Hội An thi công tuyến đường.",
     [("Công ty TNHH Xây dựng Hội An", "Công ty trách nhiệm hữu hạn Xây dựng Hội An", "enterprise")]),
    ("Ban Chỉ đạo xây dựng nông thôn mới huyện Can Lộc và Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh họp.",
     [("Ban Chỉ đạo xây dựng nông thôn mới huyện Can Lộc", "Ban Chỉ đạo xây dựng nông thôn mới huyện Can Lộc",
       "state"),
      ("Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh", "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh", "state")]),
    ("Ban Chỉ đạo đã họp với UBND xã về văn bản thôn.", [("UBND xã", "Ủy ban nhân dân xã", "state")]),
    ("Bệnh viện Bạch Mai hỗ trợ Bệnh viện Đa khoa khu vực Cửa Lò.",
     [("Bệnh viện Bạch Mai", "Bệnh viện Bạch Mai", "health"),
      ("Bệnh viện Đa khoa khu vực Cửa Lò", "Bệnh viện Đa khoa khu vực Cửa Lò", "health")]),
]

# Organisations as the language forms them: rows written for these tests, about provinces and
# bodies outside the samples.  Each table is one class of names.
YOUTH_UNION = [
    ("Tỉnh đoàn Sóc Trăng phối hợp Huyện Đoàn Tuy Phước tổ chức chiến dịch.",
     [("Tỉnh đoàn Sóc Trăng", "Tỉnh đoàn Sóc Trăng", "mass"), ("Huyện Đoàn Tuy Phước", "Huyện đoàn Tuy Phước", "mass")]),
    ("Đoàn phường An Lạc ra quân dọn vệ sinh kênh rạch.", [("Đoàn phường An Lạc", "Đoàn phường An Lạc", "mass")]),
    ("Thành đoàn đã phát động và được Trung ương Đoàn tặng bằng khen.",
     [("Thành đoàn", "Thành đoàn", "mass"), ("Trung ương Đoàn", "Trung ương Đoàn", "mass")]),
    ("T.Ư Đoàn khen thưởng BCH Đoàn xã Phước Hòa.",
     [("T.Ư Đoàn", "Trung ương Đoàn", "mass"), ("BCH Đoàn xã Phước Hòa", "Ban Chấp hành Đoàn xã Phước Hòa", "mass")]),
    ("Quận đoàn Ninh Kiều và Đoàn trường THPT Châu Văn Liêm tổ chức ngày hội.",
     [("Quận đoàn Ninh Kiều", "Quận đoàn Ninh Kiều", "mass"),
      ("Đoàn trường THPT Châu Văn Liêm", "Đoàn Trường Trung học phổ thông Châu Văn Liêm", "mass")]),
]

GRASS_ROOTS = [
    ("Chi hội Nông dân ấp 3 và Tổ Phụ nữ tiết kiệm khóm 2 góp vốn xoay vòng.",
     [("Chi hội Nông dân ấp 3", "Chi hội Nông dân ấp 3", "mass"),
      ("Tổ Phụ nữ tiết kiệm khóm 2", "Tổ Phụ nữ tiết kiệm khóm 2", "mass")]),
    ("Ban nhân dân ấp Tân Thành và Ban vận động xây dựng nhà văn hóa ấp Tân Thành họp dân.",
     [("Ban nhân dân ấp Tân Thành", "Ban Nhân dân ấp Tân Thành", "state"),
      ("Ban vận động xây dựng nhà văn hóa ấp Tân Thành", "Ban vận động xây dựng nhà văn hóa ấp Tân Thành", "mass")]),
    ("Ban điều hành khu phố 4 cùng tổ tự quản khu phố 2 và Tổ liên gia tự quản khóm 5 ra quân.",
     [("Ban điều hành khu phố 4", "Ban điều hành khu phố 4", "mass"),
      ("tổ tự quản khu phố 2", "Tổ tự quản khu phố 2", "mass"),
      ("Tổ liên gia tự quản khóm 5", "Tổ liên gia tự quản khóm 5", "mass")]),
    ("Tổ hòa giải thôn 5 và Tổ hợp tác sản xuất rau an toàn buôn Ea Bar được khen.",
     [("Tổ hòa giải thôn 5", "Tổ hòa giải thôn 5", "mass"),
      ("Tổ hợp tác sản xuất rau an toàn buôn Ea Bar", "Tổ hợp tác sản xuất rau an toàn buôn Ea Bar", "enterprise")]),
    ("Hội đồng Thi đua - Khen thưởng huyện Tuy Phước họp xét danh hiệu.",
     [("Hội đồng Thi đua - Khen thưởng huyện Tuy Phước", "Hội đồng Thi đua - Khen thưởng huyện Tuy Phước", "state")]),
    ("Hội đồng quản trị Công ty cổ phần Mía đường Sóc Trăng thông qua kế hoạch.",
     [("Hội đồng quản trị Công ty cổ phần Mía đường Sóc Trăng",
       "Hội đồng quản trị Công ty cổ phần Mía đường Sóc Trăng", "enterprise")]),
    ("Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện Mỏ Cày Nam và Ban Chỉ đạo huyện Châu Phú họp.",
     [("Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện Mỏ Cày Nam",
       "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện Mỏ Cày Nam", "state"),
      ("Ban Chỉ đạo huyện Châu Phú", "Ban Chỉ đạo huyện Châu Phú", "state")]),
    ("Ban Đại diện Hội Người cao tuổi huyện Vĩnh Cửu thăm hỏi hội viên.",
     [("Ban Đại diện Hội Người cao tuổi huyện Vĩnh Cửu", "Ban Đại diện Hội Người cao tuổi huyện Vĩnh Cửu", "mass")]),
]

PRESS_FUNDS_CENTRES = [
    ("Báo Nhân Dân, Tạp chí Cộng sản và Báo Người lao động đưa tin.",
     [("Báo Nhân Dân", "Báo Nhân Dân", "other"), ("Tạp chí Cộng sản", "Tạp chí Cộng sản", "other"),
      ("Báo Người lao động", "Báo Người lao động", "other")]),
    ("Báo Điện tử Chính phủ đưa tin.", [("Báo Điện tử Chính phủ", "Báo Điện tử Chính phủ", "other")]),
    ("Quỹ Bảo trợ trẻ em tỉnh và Quỹ Tín dụng nhân dân xã Phú Hòa trao học bổng.",
     [("Quỹ Bảo trợ trẻ em tỉnh", "Quỹ Bảo trợ trẻ em tỉnh", "other"),
      ("Quỹ Tín dụng nhân dân xã Phú Hòa", "Quỹ Tín dụng nhân dân xã Phú Hòa", "other")]),
    ("Trung tâm Y tế huyện Thới Bình và Công ty TNHH Cấp nước Sóc Trăng hỗ trợ.",
     [("Trung tâm Y tế huyện Thới Bình", "Trung tâm Y tế huyện Thới Bình", "health"),
      ("Công ty TNHH Cấp nước Sóc Trăng", "Công ty trách nhiệm hữu hạn Cấp nước Sóc Trăng", "enterprise")]),
    ("Trung tâm Y tế dự phòng tỉnh phun thuốc.",
     [("Trung tâm Y tế dự phòng tỉnh", "Trung tâm Y tế dự phòng tỉnh", "health")]),
    ("BHXH huyện Long Thành, TAND tỉnh An Giang và VKSND huyện Châu Phú phối hợp.",
     [("BHXH huyện Long Thành", "Bảo hiểm xã hội huyện Long Thành", "state"),
      ("TAND tỉnh An Giang", "Tòa án nhân dân tỉnh An Giang", "state"),
      ("VKSND huyện Châu Phú", "Viện Kiểm sát nhân dân huyện Châu Phú", "state")]),
]

ABBREVIATED_PLACES = [
    ("LĐLĐ H.Mỏ Cày Nam và Hội CCB xã Tân Hội tặng quà.",
     [("LĐLĐ H.Mỏ Cày Nam", "Liên đoàn Lao động huyện Mỏ Cày Nam", "mass"),
      ("Hội CCB xã Tân Hội", "Hội Cựu chiến binh xã Tân Hội", "mass")]),
    ("UBMT phường tổ chức; CĐ ngành giáo dục và Hội LHPN TP.Cần Thơ hưởng ứng.",
     [("UBMT phường", "Ủy ban Mặt trận Tổ quốc phường", "mass"),
      ("CĐ ngành giáo dục", "Công đoàn ngành Giáo dục", "mass"),
      ("Hội LHPN TP.Cần Thơ", "Hội Liên hiệp Phụ nữ thành phố Cần Thơ", "mass")]),
    ("Sở GD-ĐT TP. HCM và Sở GTVT TP.HCM làm việc.",
     [("Sở GD-ĐT TP. HCM", "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh", "state"),
      ("Sở GTVT TP.HCM", "Sở Giao thông vận tải thành phố Hồ Chí Minh", "state")]),
    ("Công an Q.1 và Công an P.5 tuần tra.",
     [("Công an Q.1", "Công an quận 1", "police_army"), ("Công an P.5", "Công an phường 5", "police_army")]),
    ("Giảng viên ĐH Quốc gia TP.HCM và Trường ĐH Cần Thơ tham gia.",
     [("ĐH Quốc gia TP.HCM", "Đại học Quốc gia thành phố Hồ Chí Minh", "school"),
      ("Trường ĐH Cần Thơ", "Trường Đại học Cần Thơ", "school")]),
]

PLACES_IN_NAMES = [
    ("ỦY BAN NHÂN DÂN\nHUYỆN PHÙ CÁT\nSố: 12/BC-UBND",
     [("ỦY BAN NHÂN DÂN\nHUYỆN PHÙ CÁT", "Ủy ban nhân dân huyện Phù Cát", "state")]),
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NGÃI", [("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NGÃI", "Hội đồng nhân dân tỉnh Quảng Ngãi", "state")]),
    ("UBND TỈNH BÌNH ĐỊNH\nSỞ Y TẾ",
     [("UBND TỈNH BÌNH ĐỊNH", "Ủy ban nhân dân tỉnh Bình Định", "state"), ("SỞ Y TẾ", "Sở Y tế", "state")]),
    ("Hội Nông dân huyện quỳnh lưu tổ chức hội nghị.",
     [("Hội Nông dân huyện quỳnh lưu", "Hội Nông dân huyện Quỳnh Lưu", "mass")]),
    ("Sở Y tế Đà Nẵng hỗ trợ Bệnh viện Đa khoa tỉnh Quảng Nam.",
     [("Sở Y tế Đà Nẵng", "Sở Y tế Đà Nẵng", "state"),
      ("Bệnh viện Đa khoa tỉnh Quảng Nam", "Bệnh viện Đa khoa tỉnh Quảng Nam", "health")]),
    ("Công an tỉnh Bà Rịa - Vũng Tàu và UBND tỉnh Bà Rịa – Vũng Tàu ký kết.",
     [("Công an tỉnh Bà Rịa - Vũng Tàu", "Công an tỉnh Bà Rịa - Vũng Tàu", "police_army"),
      ("UBND tỉnh Bà Rịa – Vũng Tàu", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "state")]),
    ("Thành ủy Hồ Chí Minh và UBND thành phố Hồ Chí Minh chỉ đạo.",
     [("Thành ủy Hồ Chí Minh", "Thành ủy Hồ Chí Minh", "party"),
      ("UBND thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh", "state")]),
    ("Công an phường Hoàng Văn Thụ phối hợp.",
     [("Công an phường Hoàng Văn Thụ", "Công an phường Hoàng Văn Thụ", "police_army")]),
    ("Đồng chí Lê Văn Tám, cán bộ Công an xã Hòa An, cho biết.",
     [("Công an xã Hòa An", "Công an xã Hòa An", "police_army")]),
    ("Trưởng Công an xã Nguyễn H. cho biết.", [("Công an xã", "Công an xã", "police_army")]),
    ("Cán bộ Hội Nông dân H. Lâm và Công an P. Dũng trao quà.",
     [("Hội Nông dân", "Hội Nông dân", "mass"), ("Công an", "Công an", "police_army")]),
    ("Ủy ban nhân dân\nHUYỆN TUY PHƯỚC", [("Ủy ban nhân dân\nHUYỆN TUY PHƯỚC", "Ủy ban nhân dân huyện Tuy Phước", "state")]),
    ("Báo cáo gửi Hội Nông dân\nXã Tân Hội đã triển khai.", [("Hội Nông dân", "Hội Nông dân", "mass")]),
    ("Xã an ninh tốt nhờ UBND xã an ninh trật tự và Hội Nông dân huyện an toàn giao thông.",
     [("UBND xã", "Ủy ban nhân dân xã", "state"), ("Hội Nông dân huyện", "Hội Nông dân huyện", "mass")]),
]

NOT_ORGS = [
    "các cấp Hội Nông dân trong tỉnh tích cực; những Chi hội Phụ nữ tiêu biểu",
    "Hội đồng nhân dân các cấp, Hội Nông dân các xã, phường; UBND các xã",
    "Minh Châu - BQN",
    "UVBTV, UVBCH đã dự họp",
    "trên mặt trận kinh tế, chính quyền và Nhà nước cần Đảng lãnh đạo.",
    "đã được cán bộ, đảng viên và hội viên hưởng ứng; cơ sở vật chất được đầu tư",
    "Đại hội đại biểu Hội Nông dân huyện Yên Thành lần thứ X thành công tốt đẹp.",
    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội đảng bộ các cấp",
    "Hội nghị chuyên đề, Hội thảo khoa học và Hội thi tuyên truyền viên giỏi",
    "có nhiều mô hình dòng họ khuyến học được thành lập",
    "các trường đại học chính quy và các doanh nghiệp, hợp tác xã còn ít",
    "trích từ Quỹ vì người nghèo, Quỹ đền ơn đáp nghĩa",
    "lực lượng bộ đội, cán bộ cơ sở và toàn bộ hồ sơ",
    "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
    "Phòng chống dịch bệnh, sở dĩ cần phòng ngừa",
    "Trung tâm kinh tế, văn hóa của tỉnh là trung tâm thương mại",
    "Mô hình “chi hội Cựu chiến binh làm nòng cốt vận động nhân dân”",
    "Hội viên phụ nữ tham gia; các hội, đoàn thể; chi hội trưởng",
    "quần đảo Trường Sa và dãy Trường Sơn",
    "Tổ dân vận khéo tiêu biểu; tổ dân vận các xã, phường",
    "lực lượng Công an nhân dân và Quân đội nhân dân",
    "Sáng 15/10, Phòng, chống dịch; Trường hợp này; Quỹ đã hỗ trợ; Công ty đã nộp; Văn phòng làm việc",
    "Tổ chức hội nghị tại xã Phước Hòa; Tổ trưởng tổ dân phố 3 phát biểu.",
    "Hội đồng đã họp; hội đồng thi đua của trường nhận xét; Ban vận động đã vận động được 50 triệu đồng.",
    "Đoàn viên thanh niên xã Phước Hòa, đoàn công tác và đoàn kiểm tra của huyện về dự; Đoàn Văn Hậu ghi bàn.",
    "Người dân đến bộ phận một cửa; thủ tục một cửa liên thông.",
    "Ông Nguyễn H. Phong và bà Lê T. Sơn cho biết.",
    "Các tổ tự quản, tổ liên gia trên địa bàn đã ra quân.",
    "Hội viên hội nông dân huyện nghèo được vay vốn.",
]

COORDINATED = [
    ("là Thường trực, Ban thường vụ Thành uỷ về công tác dân vận",
     [("Thường trực", "Thường trực Thành ủy"), ("Ban thường vụ Thành uỷ", None)]),
    ("tham mưu cho Ban Thường vụ, Thường trực Thành ủy lãnh đạo",
     [("Ban Thường vụ", "Ban Thường vụ Thành ủy"), ("Thường trực Thành ủy", None)]),
    ("Ban Dân vận, Ban Tuyên giáo Huyện ủy Nghi Lộc tổ chức hội nghị",
     [("Ban Dân vận", "Ban Dân vận Huyện ủy Nghi Lộc"), ("Ban Tuyên giáo Huyện ủy Nghi Lộc", None)]),
    ("Tỉnh ủy, HĐND, UBND tỉnh đã tặng quà.",
     [("Tỉnh ủy", None), ("HĐND", "Hội đồng nhân dân tỉnh"), ("UBND tỉnh", None)]),
]

HOA = [  # hand-made output of the localities pass for the same sentence
    {"text": "thị xã Hồng Lĩnh", "level": "town", "name": "Hồng Lĩnh"},
    {"text": "Nam Hồng", "level": "ward", "name": "Nam Hồng"},
]

LOCALITIES = [
    ("Trên địa bàn thị xã Hồng Lĩnh, Công an thị xã và Trường Mầm non Nam Hồng phối hợp.", HOA,
     {"Công an thị xã": "thị xã Hồng Lĩnh", "Trường Mầm non Nam Hồng": "Nam Hồng"}),
    ("Trên địa bàn thị xã Hồng Lĩnh, Ban Dân vận Thị ủy và Đảng ủy phối hợp.", HOA,
     {"Ban Dân vận Thị ủy": "thị xã Hồng Lĩnh", "Đảng ủy": None}),
    ("Hương Trà: Công an thị xã phối hợp Công an thị xã Hương Thủy; thị xã Hương Trà",
     [{"text": "Hương Trà", "level": "town", "name": "Hương Trà"},
      {"text": "thị xã Hương Thủy", "level": "town", "name": "Hương Thủy"},
      {"text": "thị xã Hương Trà", "level": "town", "name": "Hương Trà"}],
     {"Công an thị xã": "thị xã Hương Trà", "Công an thị xã Hương Thủy": "thị xã Hương Thủy"}),
    ("Công an thị xã và Hội Cựu chiến binh phường Đức Thuận phối hợp.", [],
     {"Công an thị xã": None, "Hội Cựu chiến binh phường Đức Thuận": "phường Đức Thuận"}),
    ("Ban Dân vận Thành ủy Móng Cái và Ban Dân vận Trung ương", [],
     {"Ban Dân vận Thành ủy Móng Cái": "Móng Cái", "Ban Dân vận Trung ương": None}),
]

KNOWN_GAPS = [
    # a head word inside a proper name stops the name: "Công an" in the newspaper's name
    ("Báo Công an TP.HCM đưa tin.", [("Báo Công an TP.HCM", "Báo Công an thành phố Hồ Chí Minh", "other")]),
    # a grass-roots body whose place is a street, not a level word
    ("Tổ tự quản đường Lê Lợi ra quân.", [("Tổ tự quản đường Lê Lợi", "Tổ tự quản đường Lê Lợi", "mass")]),
    # a youth-union unit of a bloc: "Khối" is not read as a place
    ("Đoàn Khối Doanh nghiệp tỉnh phát động.",
     [("Đoàn Khối Doanh nghiệp tỉnh", "Đoàn Khối Doanh nghiệp tỉnh", "mass")]),
    # a line break inside a name ends it
    ("của Ban Dân vận\nThị ủy Hồng Lĩnh", [("Ban Dân vận\nThị ủy Hồng Lĩnh", "Ban Dân vận Thị ủy Hồng Lĩnh", "party")]),
    # bodies without a head word in the lexicon
    ("Điện lực Hồng Lĩnh và Viettel Hà Tĩnh hỗ trợ.", [("Điện lực Hồng Lĩnh", "Điện lực Hồng Lĩnh", "enterprise"),
                                                      ("Viettel Hà Tĩnh", "Viettel Hà Tĩnh", "enterprise")]),
]


def _triples(sentence: str) -> list[tuple[str, str, str]]:
    return [(o.text, o.canonical, o.type) for o in find_organisations(tokenise(sentence))]


@pytest.mark.parametrize("sentence, expected", ORGS_FROM_SAMPLES)
def test_organisations_from_samples(sentence, expected):
    assert _triples(sentence) == expected


@pytest.mark.parametrize("sentence, expected", ORGS_NEW)
def test_organisations_new_sentences(sentence, expected):
    assert _triples(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [*YOUTH_UNION, *GRASS_ROOTS, *PRESS_FUNDS_CENTRES, *ABBREVIATED_PLACES, *PLACES_IN_NAMES],
)
def test_organisations_as_the_language_forms_them(sentence, expected):
    assert _triples(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_ORGS)
def test_organisations_not_bodies(sentence):
    assert _triples(sentence) == []


@pytest.mark.parametrize("sentence, expected", COORDINATED)
def test_organisations_coordinated_place_is_filled_in(sentence, expected):
    found = find_organisations(tokenise(sentence))
    assert [(o.text, o.expanded) for o in found] == expected
    for org, (_, expanded) in zip(found, expected):
        if expanded:
            assert org.canonical == expanded


def _with_offsets(sentence: str, localities: list[dict]) -> list[Locality]:
    out = []
    for loc in localities:
        at = sentence.find(loc["text"])
        if at >= 0:
            out.append(Locality(**{"level_inferred": False, "name": loc["text"], **loc,
                                   "char_start": at, "char_end": at + len(loc["text"])}))
    return out


@pytest.mark.parametrize("sentence, localities, expected", LOCALITIES)
def test_organisations_locality(sentence, localities, expected):
    found = find_organisations(tokenise(sentence), localities=_with_offsets(sentence, localities))
    assert {o.text: o.locality for o in found} == expected


@pytest.mark.parametrize("sentence, expected", KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap of the head-word grammar")
def test_organisations_known_gaps(sentence, expected):
    assert _triples(sentence) == expected


def test_organisations_offsets_sentence_and_spans():
    text = "Nhân dân xã Toàn Thắng dọn vệ sinh.\n\nHội Nông dân xã Hiệp Cường phối hợp với Công an huyện."
    doc = tokenise(text)
    found = find_organisations(doc)
    assert [o.text for o in found] == ["Hội Nông dân xã Hiệp Cường", "Công an huyện"]
    for org in found:
        assert doc.text[org.char_start : org.char_end] == org.text
        assert org.sentence == "Hội Nông dân xã Hiệp Cường phối hợp với Công an huyện."
    assert [(s.text, s.label_) for s in doc.spans["organisations"]] == [
        ("Hội Nông dân xã Hiệp Cường", "mass"), ("Công an huyện", "police_army")]


def test_organisations_claimed_spans_are_skipped():
    text = "Công văn số 12-CV/BDV Huyện ủy gửi Ban Dân vận Tỉnh ủy."
    doc = tokenise(text)
    claimed = [(text.index("12-CV"), text.index(" gửi"))]
    assert [o.text for o in find_organisations(doc, claimed=claimed)] == ["Ban Dân vận Tỉnh ủy"]


def test_organisations_fold_keeps_length_and_moves_tones():
    for text in ("Thành uỷ Móng Cái", "VĂN HOÁ", "Quỹ khuyến học", "ỦY BAN", "Hoà Bình, khoẻ, Thuỵ"):
        assert len(fold_case_keeping_offsets(text)) == len(text)
    assert normalise_tones("Thành uỷ, Uỷ ban, hoá, Hoà, khoẻ, quý") == "Thành ủy, Ủy ban, hóa, Hòa, khỏe, quý"


def _data(name: str) -> dict:
    return json.loads(resources.files("extract").joinpath("data", name).read_text(encoding="utf-8"))


def test_organisations_lexicon_is_consistent():
    heads = _data("org_heads.json")
    types = {"party", "state", "mass", "police_army", "school", "health", "enterprise", "other"}
    seen: dict[str, str] = {}
    for entry in heads["heads"]:
        assert entry["type"] in types | {"inherit"}, entry
        assert entry["type"] != "inherit" or entry.get("fallback") in types, entry
        assert entry.get("name") in (None, "domain", "domain?", "domain|proper", "proper", "proper?", "school", "company",
                                     "purpose?", "masthead|proper")
        assert entry.get("needs") in (None, "complement", "place")
        for surface in [entry["head"], *entry.get("variants", ())]:
            key = " ".join(fold_case_keeping_offsets(surface).split())
            assert seen.setdefault(key, entry["head"]) == entry["head"], f"{surface} maps to two heads"
    assert all(unicodedata.is_normalized("NFC", w) for w in heads["domains"])
    assert lexicon().heads  # loads and compiles


def test_organisations_abbreviations_are_consistent():
    data = _data("abbreviations.json")
    for abbr, entry in data["abbreviations"].items():
        assert entry["kind"] in ("org", "class", "title", "place"), abbr
        assert entry["expansion"] and entry["expansion"] != abbr
    for abbr, entry in data["ambiguous"].items():
        assert entry["candidates"] and abbr not in data["abbreviations"]
    lex = lexicon()
    assert lex.heads["ubnd"].canonical == "Ủy ban nhân dân"
    assert lex.heads["mttq"].canonical == "Mặt trận Tổ quốc"
    assert lex.heads["tthcc"].canonical == "Trung tâm Hành chính công"
    assert lex.domains["lhpn"] == "Liên hiệp Phụ nữ"


def _score_dev_set() -> float:
    from extract.clean import clean
    from extract.evaluate import distinct, greedy_pairs, similarity

    root = Path(__file__).resolve().parents[1]
    tp = n_pred = n_gold = 0
    for path in sorted((root / "corpus").glob("*.txt")):
        gold = json.loads((root / "tests" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        pred = distinct(find_organisations(tokenise(clean(path.read_text(encoding="utf-8")).text)),
                        lambda o: compare_key(o.text))
        gold_orgs = distinct(gold["organisations"], lambda o: compare_key(o["text"]))
        tp += len(greedy_pairs(pred, gold_orgs, lambda a, b: similarity(compare_key(a.text), compare_key(b["text"])) >= 0.9))
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold_orgs)
    precision, recall = tp / n_pred, tp / n_gold
    return 2 * precision * recall / (precision + recall)


def test_organisations_dev_set_floor():
    """Pinned floor on corpus/ (reached 1.0 when written); raise it, never lower it silently."""
    assert _score_dev_set() >= 0.97
