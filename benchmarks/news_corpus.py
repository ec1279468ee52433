"""A mixed-topic folder of news-style Vietnamese documents for the fact-check benchmark.

    python benchmarks/news_corpus.py OUT --n 300 [--seed 7]

writes OUT/0000_<topic>.txt … (each with a 'Ngày cập nhật dd/mm/yyyy' line) and
OUT.planted.json beside it: the deliberate inconsistencies of the administrative reports, the only
problems ``vnextract check`` should find.  Topics: gold and fuel prices on several days,
football results and league tables, car reviews with specifications, weather, listicles,
and administrative reports whose breakdowns add up — except the planted ones (a breakdown
that does not add up; one commune's rice area stated twice for the same year).
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

PROVINCES = ["Hà Nội", "Thừa Thiên Huế", "Nghệ An", "Quảng Nam", "Cần Thơ", "Thanh Hóa", "Đắk Lắk", "Bình Định",
             "Hải Dương", "Lâm Đồng", "Quảng Ninh", "An Giang"]
COMMUNES = [("Hương Vân", "Hương Trà"), ("Phú Mậu", "Phú Vang"), ("Quảng Thành", "Quảng Điền"),
            ("Phong Hiền", "Phong Điền"), ("Lộc Bổn", "Phú Lộc"), ("Diễn Kỷ", "Diễn Châu"),
            ("Nghi Phong", "Nghi Lộc"), ("Điện Minh", "Điện Bàn"), ("Tam Xuân 1", "Núi Thành"),
            ("Hoằng Lộc", "Hoằng Hóa"), ("Ea Kao", "Buôn Ma Thuột"), ("Cát Tiến", "Phù Cát")]
CLUBS = ["Hà Nội", "Hải Phòng", "Nam Định", "Thanh Hóa", "Bình Dương", "Công an Hà Nội", "Hoàng Anh Gia Lai",
         "Sông Lam Nghệ An", "Quảng Nam", "Khánh Hòa"]
CARS = [("Toyota Vios", "1.5L", 107, "CVT"), ("Honda City", "1.5L", 119, "CVT"), ("Mazda CX-5", "2.0L", 154, "6 cấp"),
        ("Hyundai Santa Fe", "2.5L", 180, "8 cấp"), ("Kia Seltos", "1.4L Turbo", 138, "7 cấp ly hợp kép"),
        ("Ford Ranger", "2.0L Bi-Turbo", 210, "10 cấp")]
TYRES = ["215/55 R17", "225/45 R18", "235/60 R18", "245/60 R18", "265/65 R17"]


def vn(x: float, decimals: int = 0) -> str:
    """18.080, 76,5: a number written the Vietnamese way."""
    text = f"{x:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def dated(day: date, text: str) -> str:
    return f"Ngày cập nhật {day:%d/%m/%Y}\n\n{text}\n"


def gold(r: random.Random, day: date) -> str:
    buy = r.randint(740, 800) / 10
    where = r.choice(["Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng"])
    return dated(day, f"Giá vàng hôm nay {day.day}/{day.month}: vàng miếng SJC tăng mạnh\n\n"
                      f"Sáng {day.day}/{day.month}, giá vàng miếng SJC tại {where} được niêm yết ở mức {vn(buy, 1)} triệu "
                      f"đồng/lượng mua vào và {vn(buy + 2, 1)} triệu đồng/lượng bán ra, tăng {r.randint(2, 9)}00.000 "
                      f"đồng/lượng so với hôm qua. Giá vàng nhẫn 9999 giao dịch quanh {vn(buy - 10, 1)} triệu đồng/lượng. "
                      f"Lượng vàng bán ra trong ngày đạt khoảng {vn(r.randint(5, 30) / 10, 1)} tấn.")


def fuel(r: random.Random, day: date) -> str:
    ron95 = r.randint(220, 250) * 100
    return dated(day, f"Giá xăng dầu hôm nay {day.day}/{day.month}\n\n"
                      f"Từ 15 giờ chiều {day.day}/{day.month}, giá xăng RON 95-III không cao hơn {vn(ron95)} đồng/lít, "
                      f"xăng E5 RON 92 không cao hơn {vn(ron95 - 1200)} đồng/lít, dầu diesel {vn(ron95 - 3000)} đồng/lít. "
                      f"Tại {r.choice(PROVINCES)}, các cửa hàng bán lẻ đã điều chỉnh giá.")


def football(r: random.Random, day: date) -> str:
    home, away = r.sample(CLUBS, 2)
    a, b = r.randint(0, 4), r.randint(0, 3)
    table = "\n".join(f"{i + 1}. {club}: {r.randint(10, 20)} trận, {pts} điểm"
                      for i, (club, pts) in enumerate(zip(r.sample(CLUBS, 5), sorted(r.sample(range(12, 40), 5), reverse=True))))
    return dated(day, f"{home} thắng {away} {a + 1}-{b}\n\n"
                      f"Tối {day.day}/{day.month}, trên sân nhà, {home} thắng {away} với tỷ số {a + 1}/{b}. Tiền đạo "
                      f"{r.randint(19, 33)} tuổi ghi {r.randint(1, 3)} bàn thắng. Trận đấu có {vn(r.randint(5, 20) * 1000)} "
                      f"khán giả. Vòng tới, {home} gặp {r.choice(CLUBS)} vào {(day + timedelta(7)).day}/"
                      f"{(day + timedelta(7)).month}.\n\nBảng xếp hạng sau vòng {r.randint(5, 20)}:\n{table}")


def car(r: random.Random, day: date) -> str:
    name, engine, hp, gearbox = r.choice(CARS)
    price = r.randint(45, 130) * 10
    return dated(day, f"Đánh giá {name}: có đáng tiền?\n\n"
                      f"{name} bản cao cấp được phân phối tại {r.choice(PROVINCES)} với giá {vn(price)} triệu đồng. Xe dùng "
                      f"động cơ {engine} cho công suất {hp} mã lực, mô-men xoắn {r.randint(14, 45) * 10} Nm, hộp số "
                      f"{gearbox}. Lốp {r.choice(TYRES)}, mâm {r.choice([16, 17, 18])} inch. Mức tiêu hao nhiên liệu "
                      f"{vn(r.randint(55, 95) / 10, 1)} lít/100 km, tốc độ tối đa {r.randint(170, 210)} km/h. "
                      f"Bình xăng {r.randint(40, 80)} lít, xe {r.choice([5, 7])} chỗ ngồi.")


def weather(r: random.Random, day: date) -> str:
    where = r.choice(PROVINCES)
    lo = r.randint(12, 26)
    return dated(day, f"Thời tiết {day.day}/{day.month}: {where} có mưa rào\n\n"
                      f"Ngày {day.day}/{day.month}, {where} có mưa rào và dông, nhiệt độ thấp nhất {lo} độ C, cao nhất "
                      f"{lo + r.randint(4, 10)} độ C, độ ẩm {r.randint(60, 95)}%. Lượng mưa phổ biến {r.randint(20, 80)} mm, "
                      f"có nơi trên {r.randint(100, 150)} mm. Gió đông bắc cấp {r.randint(3, 6)}.")


def listicle(r: random.Random, day: date) -> str:
    n = r.randint(3, 7)
    tips = ["uống đủ 2 lít nước mỗi ngày", "ngủ 7-8 tiếng", "đi bộ 30 phút", "ăn 5 phần rau quả",
            "hạn chế 1 tách cà phê", "tập thở 10 phút", "đọc sách 20 trang"]
    body = "\n".join(f"{i + 1}. {tip.capitalize()}." for i, tip in enumerate(r.sample(tips, n)))
    return dated(day, f"{n} cách giữ sức khỏe mùa nắng nóng\n\n{body}\nChuyên gia khuyên người trên 60 tuổi nên "
                      f"chú ý hơn khi nhiệt độ vượt 38 độ C. Dịch vụ tư vấn hoạt động 24/7.")


def report(r: random.Random, day: date, commune: tuple[str, str], planted: list, name: str) -> str:
    """An administrative report with breakdowns that add up, targets and rates of a plan; two
    reports of one commune and year state the same figures (drawn from that pair alone)."""
    xa, huyen = commune
    year = day.year - 1 if day.month < 3 else day.year
    planting = r.random() < 0.05
    r = random.Random(f"{xa}-{year}")
    econ, culture, env = r.randint(10, 40), r.randint(5, 30), r.randint(2, 15)
    total = econ + culture + env
    if len(planted) < 3 and planting:
        planted.append({"doc": name, "kind": "total_breakdown", "verdict": "mismatch", "whole": total + 5})
        total += 5
    poor, near_poor = r.randint(20, 120), r.randint(20, 120)
    rice = RICE[xa]
    clean = r.randint(700, 950) / 10
    return dated(day, f"Báo cáo kết quả thực hiện nhiệm vụ năm {year} của UBND xã {xa}, huyện {huyen}\n\n"
                      f"Năm {year}, xã {xa} đã xây dựng {total} mô hình, trong đó lĩnh vực kinh tế có {econ} mô hình, "
                      f"lĩnh vực văn hóa có {culture} mô hình, lĩnh vực môi trường có {env} mô hình. "
                      f"Diện tích gieo trồng lúa của xã {xa} năm {year} là {vn(rice, 1)} ha. "
                      f"Toàn xã có {poor + near_poor} hộ nghèo và cận nghèo (hộ nghèo: {poor} hộ; hộ cận nghèo: "
                      f"{near_poor} hộ). Tỷ lệ hộ dùng nước sạch đạt {vn(clean, 1)}% (mục tiêu 90% trở lên). "
                      f"Thu ngân sách đạt {r.randint(101, 140)}% kế hoạch, tăng {r.randint(105, 160)}% so với cùng kỳ. "
                      f"Đến nay, {r.randint(8, 12)}/12 thôn đạt chuẩn văn hóa.")


RICE: dict[str, float] = {}


def planted_restatement(r: random.Random, day: date, planted: list, name: str) -> str:
    """The same commune's rice area for the same year, stated differently: a planted conflict."""
    xa, huyen = COMMUNES[0]
    day, year = date(2024, 10, 1), 2024
    wrong = RICE[xa] + 40
    planted.append({"doc": name, "kind": "restated", "verdict": "conflict", "place": xa, "year": year,
                    "values": [RICE[xa], wrong]})
    return dated(day, f"Hội nghị tổng kết sản xuất nông nghiệp năm {year} tại xã {xa}, huyện {huyen}\n\n"
                      f"Năm {year}, diện tích gieo trồng lúa của xã {xa} là {vn(wrong, 1)} ha, năng suất bình quân "
                      f"{vn(r.randint(55, 65), 0)} tạ/ha.")


TOPICS = {"gold": gold, "fuel": fuel, "football": football, "car": car, "weather": weather, "listicle": listicle}


def write_corpus(out: Path, n: int, seed: int = 7) -> list[dict]:
    r = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    RICE.clear()
    RICE.update({xa: r.randint(1200, 4500) / 10 for xa, _ in COMMUNES})
    planted: list[dict] = []
    start = date(2024, 1, 8)
    for i in range(n):
        day = start + timedelta(days=r.randint(0, 300))
        topic = "report" if i == n // 2 else r.choice([*TOPICS, "report", "report"])
        name = f"{i:04d}_{topic}.txt"
        if i == n // 2:
            text = planted_restatement(r, day, planted, name)
        elif topic == "report":
            text = report(r, day, r.choice(COMMUNES), planted, name)
        else:
            text = TOPICS[topic](r, day)
        (out / name).write_text(text, encoding="utf-8")
    planted_file(out).write_text(json.dumps(planted, ensure_ascii=False, indent=1), encoding="utf-8")
    return planted


def planted_file(out: Path) -> Path:
    """Beside the folder, not in it (the pipeline reads every file of the folder)."""
    return out.parent / f"{out.name}.planted.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    planted = write_corpus(args.out, args.n, args.seed)
    print(f"{args.n} documents in {args.out}, {len(planted)} planted inconsistencies ({planted_file(args.out)})")


if __name__ == "__main__":
    main()
