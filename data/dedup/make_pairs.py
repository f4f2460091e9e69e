"""Build data/dedup/pairs.jsonl: labelled Vietnamese article pairs for the dedup evaluation.

Every pair is made here, from two kinds of source, so that the file can be rebuilt and reviewed:
- the article bodies of the offline portal copies (data/demo/*/expected.json), named by a part of
  their URL, and transformed the way syndication transforms them (a rewritten intro, an added local
  paragraph, a truncated copy, old tone marks, decomposed letters, other formatting);
- texts written for this set (the constants below): new intros and local paragraphs, a wire story
  and its portal copies, and the hard negatives (the same annual event one year later, stories from
  one template, other stories of the same day and province). The events, names and numbers in them
  are made up in the style of the demo copies.

The transformations here are written independently of newscrawler.dedup, which the set evaluates.
Usage: ``python data/dedup/make_pairs.py`` (writes pairs.jsonl beside this file).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "demo"


def load_demo() -> dict[str, dict]:
    articles = {}
    for expected in sorted(DEMO.glob("*/expected.json")):
        for article in json.loads(expected.read_text(encoding="utf-8"))["articles"]:
            articles[article["url"]] = article
    return articles


ARTICLES = load_demo()


def demo(part: str) -> str:
    """The body of the one demo article whose URL contains ``part``."""
    found = [a for url, a in ARTICLES.items() if part in url]
    if len(found) != 1:
        raise SystemExit(f"{part!r} matches {len(found)} demo articles")
    return found[0]["articleBody"]


def demo_url(part: str) -> str:
    return next(url for url in ARTICLES if part in url)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def join(*parts: str | list[str]) -> str:
    out: list[str] = []
    for part in parts:
        out.extend(part if isinstance(part, list) else paragraphs(part))
    return "\n".join(out)


# --- transformations -------------------------------------------------------------------------

TONES = "\u0300\u0301\u0309\u0303\u0323"
_SHAPE_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: part of the letter, not the tone


def _split_tone(char: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(m for m in decomposed if m in TONES)
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
    return base, tone


def to_old_style(text: str) -> str:
    """hòa -> hoà, thủy -> thuỷ, khỏe -> khoẻ, úy -> uý (syllable-final oa, oe, uy; not after q)."""

    def swap(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        base, tone = _split_tone(first)
        pair_ok = (base.lower() == "o" and second.lower() in "ae") or (
            base.lower() == "u" and second.lower() == "y"
        )
        if not tone or not pair_ok:
            return match.group()
        return base + unicodedata.normalize("NFC", second + tone)

    return re.sub(r"(?<![qQ])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aeyAEY])(?!\w)", swap, text)


def to_new_style(text: str) -> str:
    """hoà -> hòa, thuỷ -> thủy (the inverse of to_old_style)."""

    def swap(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        base, tone = _split_tone(second)
        pair_ok = (first.lower() == "o" and base.lower() in "ae") or (
            first.lower() == "u" and base.lower() == "y"
        )
        if not tone or not pair_ok:
            return match.group()
        return unicodedata.normalize("NFC", first + tone) + base

    return re.sub(r"(?<![qQ])([oOuU])([^\W\d_])(?!\w)", swap, text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cp1258_style(text: str) -> str:
    """Letters as legacy windows-1258 pages write them: the base letter (with its circumflex,
    breve or horn) precomposed, the tone mark as a separate combining character."""
    out = []
    for char in text:
        base, tone = _split_tone(char)
        out.append(base + tone)
    return "".join(out)


def merge_paragraphs(text: str) -> str:
    """A portal that loses paragraph breaks and pads with non-breaking spaces."""
    return "  ".join(paragraphs(text)).replace(", ", ",\u00a0", 5)


def plain_punctuation(text: str) -> str:
    """Curly quotes, dashes and ellipses typed as plain ASCII, with doubled spaces."""
    table = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}
    for old, new in table.items():
        text = text.replace(old, new)
    return text.replace(". ", ".  ")


#: A copy editor's habits: shorter or house-style wording, the same facts.
COPY_EDITS = [
    ("Sáng ngày", "Sáng"), ("Chiều ngày", "Chiều"), ("đồng chí", "ông"), ("Đồng chí", "Ông"),
    ("cho biết", "thông tin"), ("Tuy nhiên", "Song"), ("đề nghị", "yêu cầu"),
    ("nhân dân", "người dân"), ("trên địa bàn tỉnh", "trong tỉnh"), ("khoảng", "gần"),
    ("Theo", "Căn cứ"), ("tập trung", "chú trọng"), ("đồng thời", "cùng với đó"),
    ("hiện nay", "hiện"), ("thời gian tới", "tới đây"), ("người dân", "bà con"),
]


def copy_edit(text: str) -> str:
    for old, new in COPY_EDITS:
        text = text.replace(old, new)
    return text


def truncate(text: str, keep: int, tail: str | None = None) -> str:
    kept = paragraphs(text)[:keep]
    if tail:
        kept.append(tail)
    return "\n".join(kept)


def replace_intro(text: str, intro: str) -> str:
    return join(intro, paragraphs(text)[1:])


def insert_after(text: str, index: int, paragraph: str) -> str:
    parts = paragraphs(text)
    return "\n".join([*parts[: index + 1], paragraph, *parts[index + 1 :]])


# --- texts written for this set ----------------------------------------------------------------

INTRO_COFFEE = (
    "Năm 2022, lần đầu tiên kim ngạch xuất khẩu cà phê của Việt Nam vượt mốc 4 tỷ USD, dù sản "
    "lượng xuất khẩu chỉ tăng nhẹ so với năm trước. Giá bán bình quân tăng mạnh là động lực chính "
    "giúp ngành cà phê lập kỷ lục mới."
)
INTRO_GAMBLING = (
    "Công an tỉnh Tuyên Quang vừa triệt phá một đường dây cá độ bóng đá qua mạng do Nguyễn Văn T. "
    "cầm đầu, tổng số tiền giao dịch hơn 100 tỷ đồng. Lực lượng chức năng đã bắt giữ 8 đối tượng "
    "tại huyện Sơn Dương và thành phố Tuyên Quang."
)
INTRO_TREES = (
    "Sáng 1/2, tại xã Thái Bình, huyện Yên Sơn, UBND tỉnh Tuyên Quang tổ chức Lễ phát động Tết "
    "trồng cây “Đời đời nhớ ơn Bác Hồ” Xuân Quý Mão 2023. Đây là hoạt động thường niên nhằm hưởng "
    "ứng lời kêu gọi của Chủ tịch Hồ Chí Minh, góp phần bảo vệ môi trường và phát triển kinh tế "
    "lâm nghiệp."
)
INTRO_DURIAN = (
    "Những ngày này, tại các vùng trồng sầu riêng trọng điểm của Đắk Lắk, nông dân đang tất bật "
    "vào vụ thu hoạch. Được mùa, được giá, nhiều nhà vườn thu lãi hàng tỷ đồng mỗi vụ."
)
INTRO_CASSAVA = (
    "Vụ mì năm nay, giá củ mì tươi tại Tây Ninh cao hơn cùng kỳ năm trước từ 500 – 700 đồng/kg, "
    "nông dân huyện Tân Biên được dịp phấn khởi dù chi phí đầu vào vẫn ở mức cao."
)
INTRO_TRAFFIC = (
    "Sáng 14/2, Ban An toàn giao thông tỉnh Quảng Bình phối hợp với Công an tỉnh tổ chức lễ ra "
    "quân cao điểm bảo đảm trật tự an toàn giao thông năm 2023 với chủ đề “Xây dựng văn hóa giao "
    "thông an toàn”."
)
INTRO_PEPPER = (
    "Giá hồ tiêu tăng trở lại sau nhiều năm lao dốc, hiện dao động quanh mức 71 nghìn đồng/kg, "
    "giúp nông dân huyện Chư Sê (Gia Lai) có một mùa thu hoạch bội thu."
)
INTRO_ORANGES = (
    "Huyện Hàm Yên (Tuyên Quang) đang bước vào vụ thu hoạch cam sành năm 2022 với sản lượng ước "
    "đạt trên 160 nghìn tấn. Giá cam ổn định giúp người trồng cam có nguồn thu khá."
)
INTRO_SCHOOL = (
    "Sáng 5/9, hơn 467.000 trẻ em, học sinh tỉnh Đắk Lắk đã dự lễ khai giảng, chính thức bước vào "
    "năm học mới 2022 – 2023."
)
INTRO_MOC_BAI = (
    "Khu kinh tế cửa khẩu Mộc Bài (Tây Ninh) tiếp tục khẳng định sức hút với nhà đầu tư khi có "
    "thêm 3 dự án được cấp phép trong những tháng gần đây."
)

LOCAL_COLD_QUANG_BINH = (
    "Tại Quảng Bình, Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh đã có văn bản đề "
    "nghị các địa phương, nhất là các huyện miền núi Minh Hóa, Tuyên Hóa, Bố Trạch theo dõi chặt "
    "chẽ diễn biến thời tiết; hướng dẫn người dân chằng chống chuồng trại, che chắn cho đàn gia "
    "súc; các trường học chủ động cho học sinh nghỉ học khi nhiệt độ xuống dưới 7 độ C."
)
LOCAL_GOVERNMENT_GIA_LAI = (
    "Triển khai Nghị quyết của Chính phủ, UBND tỉnh Gia Lai đã ban hành kế hoạch hành động với 9 "
    "nhóm nhiệm vụ trọng tâm, phấn đấu năm 2023 tốc độ tăng trưởng kinh tế của tỉnh đạt 8,5%; thu "
    "ngân sách nhà nước trên địa bàn đạt trên 6.100 tỷ đồng; tỷ lệ hộ nghèo giảm 2,5% trở lên."
)
LOCAL_DENGUE_GIA_LAI = (
    "Tại Gia Lai, từ đầu năm đến nay toàn tỉnh ghi nhận 1.150 ca mắc sốt xuất huyết, tăng gần 2 "
    "lần so với cùng kỳ năm 2022; các ca bệnh tập trung ở TP. Pleiku, huyện Chư Sê và Krông Pa. "
    "Sở Y tế Gia Lai đã chỉ đạo các đơn vị tăng cường giám sát, xử lý ổ dịch ngay khi phát hiện."
)
LOCAL_COFFEE_GIA_LAI = (
    "Tại Gia Lai, năm 2022, kim ngạch xuất khẩu cà phê của các doanh nghiệp trên địa bàn tỉnh đạt "
    "gần 500 triệu USD, chiếm hơn 60% tổng kim ngạch xuất khẩu của tỉnh. Toàn tỉnh hiện có trên "
    "103.000 ha cà phê, trong đó diện tích được chứng nhận sản xuất bền vững chiếm khoảng 20%."
)
LOCAL_LAW_TUYEN_QUANG = (
    "Cùng ngày, tại Tuyên Quang, Sở Tư pháp tổ chức hội nghị lấy ý kiến góp ý dự thảo Luật Đất "
    "đai (sửa đổi) với sự tham gia của đại diện các sở, ngành, UBND các huyện, thành phố. Nhiều ý "
    "kiến đề nghị làm rõ quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất và "
    "cơ chế xác định giá đất."
)
LOCAL_TRAFFIC_TAY_NINH = (
    "Tại Tây Ninh, năm 2022 xảy ra 142 vụ tai nạn giao thông, làm chết 118 người. Ban An toàn giao "
    "thông tỉnh cũng đã phát động đợt cao điểm đến hết tháng 3, tập trung kiểm soát nồng độ cồn "
    "trên Quốc lộ 22, đường Hồ Chí Minh và các tuyến đường dẫn vào Khu du lịch Núi Bà Đen."
)
LOCAL_MOC_BAI = (
    "Theo Ban Quản lý Khu kinh tế tỉnh, từ đầu năm đến nay, các doanh nghiệp trong khu kinh tế đã "
    "giải quyết việc làm cho hơn 2.300 lao động địa phương, với mức thu nhập bình quân 7,5 triệu "
    "đồng/người/tháng."
)

WIRE_HFMD = """Theo Cục Y tế dự phòng (Bộ Y tế), từ đầu năm đến nay, cả nước ghi nhận 39.817 ca mắc bệnh tay chân miệng tại 62 tỉnh, thành phố, trong đó có 14 trường hợp tử vong. So với cùng kỳ năm 2022, số ca mắc giảm 45% nhưng số ca tử vong tăng 11 trường hợp.
Đáng chú ý, các mẫu bệnh phẩm xét nghiệm gần đây cho thấy tỷ lệ dương tính với chủng vi rút EV71 tăng cao. Đây là chủng có khả năng gây biến chứng nặng về thần kinh, tim mạch, hô hấp, có thể dẫn đến tử vong nếu không được phát hiện và điều trị kịp thời.
Bộ Y tế nhận định, thời gian tới là thời điểm học sinh tựu trường, nguy cơ lây lan dịch bệnh trong các trường mầm non, nhà trẻ là rất lớn. Bộ đề nghị các địa phương tăng cường giám sát, phát hiện sớm ca bệnh tại cộng đồng và trường học; xử lý kịp thời ổ dịch, không để dịch lan rộng.
Ngành Y tế khuyến cáo người dân thực hiện tốt các biện pháp phòng bệnh: thường xuyên rửa tay bằng xà phòng dưới vòi nước sạch; ăn chín, uống chín; vệ sinh đồ chơi, vật dụng và sàn nhà bằng dung dịch khử khuẩn; khi trẻ có biểu hiện sốt, loét miệng, phỏng nước ở lòng bàn tay, bàn chân, cần đưa trẻ đến ngay cơ sở y tế để được khám và điều trị."""
LOCAL_HFMD_GIA_LAI = (
    "Tại Gia Lai, từ đầu năm đến nay toàn tỉnh ghi nhận 412 ca mắc tay chân miệng, tập trung ở "
    "TP. Pleiku, huyện Chư Păh và Ia Grai; chưa ghi nhận trường hợp tử vong. Trung tâm Kiểm soát "
    "bệnh tật tỉnh đã cấp phát hóa chất khử khuẩn cho các trường mầm non và tập huấn cho cán bộ y "
    "tế tuyến xã về phát hiện sớm các dấu hiệu chuyển độ nặng."
)
LOCAL_HFMD_QUANG_BINH = (
    "Tại Quảng Bình, Sở Y tế cho biết toàn tỉnh đã ghi nhận 186 ca mắc, tăng 30 ca so với tháng "
    "trước. Sở đã chỉ đạo Bệnh viện Hữu nghị Việt Nam – Cu Ba Đồng Hới sẵn sàng giường bệnh, thuốc "
    "và trang thiết bị để tiếp nhận, điều trị các ca bệnh nặng, hạn chế thấp nhất ca tử vong."
)
INTRO_HFMD_QUANG_BINH = (
    "Bộ Y tế vừa phát đi cảnh báo về nguy cơ bùng phát dịch tay chân miệng khi năm học mới sắp "
    "bắt đầu, sau khi cả nước đã có 14 trẻ tử vong vì căn bệnh này từ đầu năm."
)

# Hard negatives: the same annual event one year later.
PARTY_CONFERENCE_2023 = """Sáng 27/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc trực tiếp kết hợp với trực tuyến tổng kết công tác tổ chức xây dựng Đảng năm 2023, triển khai nhiệm vụ năm 2024. Hội nghị được kết nối đến điểm cầu các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương.
Dự hội nghị tại điểm cầu Hà Nội có các đồng chí: Trương Thị Mai, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư, Trưởng Ban Tổ chức Trung ương; Lê Minh Hưng, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng cùng lãnh đạo các ban, bộ, ngành Trung ương.
Báo cáo tại hội nghị nêu rõ, năm 2023 là năm giữa nhiệm kỳ thực hiện Nghị quyết Đại hội XIII của Đảng. Toàn ngành Tổ chức xây dựng Đảng đã tham mưu Bộ Chính trị, Ban Bí thư ban hành nhiều quy định quan trọng như Quy định về khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung; Quy định về kiểm soát quyền lực trong công tác cán bộ. Công tác lấy phiếu tín nhiệm đối với người giữ chức vụ do Quốc hội, HĐND bầu được thực hiện chặt chẽ, khách quan.
Trong năm, toàn Đảng kết nạp hơn 186.000 đảng viên mới; việc sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 – 2025 được triển khai theo đúng lộ trình. Công tác bảo vệ chính trị nội bộ, quản lý đảng viên có nhiều chuyển biến.
Hội nghị cũng chỉ ra những hạn chế như: một số cấp ủy chưa kịp thời cụ thể hóa các quy định mới; tình trạng né tránh, sợ trách nhiệm của một bộ phận cán bộ chậm được khắc phục.
Năm 2024 là năm tăng tốc, bứt phá, chuẩn bị cho đại hội đảng bộ các cấp tiến tới Đại hội XIV của Đảng. Ngành Tổ chức xây dựng Đảng tập trung tham mưu chuẩn bị công tác nhân sự đại hội, tiếp tục thực hiện có hiệu quả các nhiệm vụ, giải pháp đột phá về công tác xây dựng Đảng, phấn đấu hoàn thành toàn diện các nhiệm vụ năm 2024."""

COFFEE_FESTIVAL_9 = """Tối 10/3, hàng vạn người dân và du khách đã đổ về trung tâm thành phố Buôn Ma Thuột xem Lễ hội đường phố – một trong những hoạt động được mong chờ nhất của Lễ hội Cà phê Buôn Ma Thuột lần thứ 9 năm 2025.
Năm nay, lễ hội đường phố quy tụ hơn 2.000 diễn viên, nghệ nhân thuộc 28 đoàn nghệ thuật, trong đó có các đoàn đến từ Lào, Thái Lan, Nhật Bản và Hàn Quốc. Đoàn diễu hành xuất phát từ Quảng trường 10-3, đi qua các tuyến đường Lê Thánh Tông, Ngô Quyền, Hai Bà Trưng với tổng chiều dài gần 4 km.
Điểm nhấn của lễ hội là khối diễu hành “Hương sắc cà phê” với những chiếc xe hoa mô phỏng quy trình trồng, thu hái và chế biến cà phê; màn trình diễn của 300 nghệ nhân cồng chiêng đến từ các buôn làng trong tỉnh. Các đoàn quốc tế mang đến những điệu múa truyền thống đặc sắc, nhận được sự cổ vũ nhiệt tình của khán giả.
Anh Phạm Quốc Bảo, du khách đến từ Đà Nẵng chia sẻ: “Tôi đã đặt phòng từ một tháng trước để kịp xem lễ hội. Không khí năm nay đông vui hơn tôi tưởng, các khối diễu hành rất công phu”.
Lễ hội Cà phê Buôn Ma Thuột lần thứ 9 diễn ra từ ngày 9 đến 13/3/2025 với chủ đề “Buôn Ma Thuột – Điểm đến của cà phê thế giới”, gồm 11 hoạt động chính như Lễ hội đường phố, Hội chợ triển lãm cà phê, Ngày hội cà phê và không gian văn hóa cồng chiêng."""

COFFEE_EXPORT_2023 = """Theo số liệu của Tổng cục Hải quan, năm 2023, cả nước xuất khẩu khoảng 1,6 triệu tấn cà phê, trị giá gần 4,2 tỷ USD, giảm 10% về lượng nhưng tăng 3% về trị giá so với năm 2022. Giá xuất khẩu bình quân đạt khoảng 2.620 USD/tấn, tăng mạnh so với năm trước.
Đức, Italy, Tây Ban Nha, Nhật Bản và Hoa Kỳ vẫn là những thị trường nhập khẩu cà phê lớn của Việt Nam. Xuất khẩu sang các nước Trung Đông và Trung Quốc tăng mạnh, trong đó riêng Trung Quốc tăng gần 40% về trị giá.
Theo Hiệp hội Cà phê – Ca cao Việt Nam (VICOFA), niên vụ 2023 – 2024, sản lượng cà phê dự kiến tiếp tục giảm do diện tích chuyển đổi sang sầu riêng và các loại cây ăn quả khác. Nguồn cung khan hiếm đẩy giá cà phê Robusta trong nước lên mức kỷ lục, có thời điểm vượt 70.000 đồng/kg.
Các doanh nghiệp cho biết đang khẩn trương chuẩn bị đáp ứng Quy định chống phá rừng của Liên minh châu Âu (EUDR), có hiệu lực từ cuối năm 2024, yêu cầu chứng minh cà phê xuất khẩu không được sản xuất trên đất có nguồn gốc từ rừng."""

TREE_PLANTING_2024 = """Năm 2023, toàn tỉnh trồng được trên 11.800 ha rừng tập trung, đạt 107% kế hoạch, trong đó có gần 1.200 ha rừng gỗ lớn; trồng hơn 1,1 triệu cây phân tán. Tỷ lệ che phủ rừng của tỉnh đạt 65,2%; diện tích rừng được cấp chứng chỉ FSC đạt trên 52.000 ha.
Phát biểu tại lễ phát động, đồng chí Phó Chủ tịch UBND tỉnh đề nghị các huyện, thành phố tổ chức Tết trồng cây gắn với kế hoạch trồng rừng năm 2024; ưu tiên trồng cây bản địa, cây gỗ lớn; vận động doanh nghiệp, hợp tác xã liên kết với người dân phát triển rừng bền vững, nâng cao giá trị kinh tế lâm nghiệp.
Năm 2024, tỉnh phấn đấu trồng 10.500 ha rừng tập trung, trồng 1 triệu cây phân tán, duy trì tỷ lệ che phủ rừng trên 65%.
Dịp này, Ban Tổ chức trao tặng 5.000 cây giống lim, sấu, lát hoa cho Đoàn Thanh niên và các trường học trên địa bàn huyện Sơn Dương.
Ngay sau lễ phát động, các đại biểu và hơn 500 đoàn viên, thanh niên, nhân dân đã trồng 3.000 cây xanh tại Khu di tích quốc gia đặc biệt Tân Trào."""

SCHOOL_YEAR_2023 = """Năm học 2023 – 2024, toàn tỉnh Đắk Lắk có 1.015 trường mầm non, phổ thông và giáo dục thường xuyên với hơn 472.000 trẻ em, học sinh. Đây là năm học thứ tư ngành Giáo dục thực hiện Chương trình giáo dục phổ thông 2018, lần đầu áp dụng với lớp 4, lớp 8 và lớp 11.
Sáng 5/9, đồng chí Phó Chủ tịch UBND tỉnh dự lễ khai giảng tại Trường Phổ thông Dân tộc nội trú Nơ Trang Lơng (thành phố Buôn Ma Thuột), đánh trống khai trường và tặng 50 suất quà cho học sinh người dân tộc thiểu số có thành tích tốt trong học tập.
Phát biểu tại buổi lễ, đồng chí ghi nhận kết quả năm học 2022 – 2023 của ngành Giáo dục tỉnh, với 31 giải học sinh giỏi quốc gia, tỷ lệ tốt nghiệp THPT đạt 98,7%. Đồng chí đề nghị các nhà trường tiếp tục đổi mới phương pháp dạy học, tăng cường ứng dụng công nghệ thông tin, quan tâm giáo dục đạo đức, lối sống cho học sinh.
Cùng ngày, lãnh đạo tỉnh và các sở, ngành chia nhau đi dự lễ khai giảng tại các trường học trên địa bàn tỉnh.
Theo Sở Giáo dục và Đào tạo, toàn tỉnh hiện còn thiếu khoảng 1.100 giáo viên, chủ yếu ở bậc mầm non, tiểu học và các môn tin học, ngoại ngữ, nghệ thuật."""

PARTY_BADGES_94 = """Dự buổi lễ có đồng chí Trần Trọng Tĩnh, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy Buôn Ma Thuột; lãnh đạo các ban xây dựng Đảng, Ủy ban MTTQ Việt Nam thành phố và gia đình các đảng viên được trao tặng Huy hiệu.
Đợt này, Đảng bộ thành phố có 142 đảng viên được trao Huy hiệu Đảng, trong đó có 1 đảng viên nhận Huy hiệu 80 năm tuổi Đảng, 4 đảng viên nhận Huy hiệu 75 năm, 12 đảng viên nhận Huy hiệu 70 năm, 19 đảng viên nhận Huy hiệu 65 năm, 31 đảng viên nhận Huy hiệu 60 năm; số còn lại nhận Huy hiệu từ 30 đến 55 năm tuổi Đảng.
Đây là lần đầu tiên Đảng bộ thành phố có đảng viên được nhận Huy hiệu 80 năm tuổi Đảng. Đồng chí Nguyễn Văn Khang (102 tuổi, Chi bộ Khối phố 7, phường Thắng Lợi) vào Đảng năm 1944, từng tham gia cướp chính quyền tại Buôn Ma Thuột trong Cách mạng tháng Tám năm 1945.
Phát biểu tại buổi lễ, Bí thư Thành ủy chúc mừng các đảng viên vinh dự nhận Huy hiệu Đảng; mong các đồng chí tiếp tục giữ vững phẩm chất người đảng viên, là tấm gương sáng cho thế hệ trẻ noi theo, tích cực tham gia xây dựng Đảng bộ, chính quyền thành phố ngày càng vững mạnh."""

GIA_LAI_PARTY_2023 = """Ngày 28/12, Tỉnh ủy Gia Lai tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023, triển khai nhiệm vụ năm 2024. Ông Hồ Văn Niên – Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì hội nghị.
Năm 2023, các cấp ủy, tổ chức đảng trong tỉnh đã tổ chức sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI; hoàn thành việc lấy phiếu tín nhiệm đối với 96 người giữ chức vụ do HĐND các cấp bầu. Toàn tỉnh kết nạp 2.280 đảng viên mới, đạt 101% chỉ tiêu; tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 89,4%.
Ủy ban Kiểm tra các cấp đã kiểm tra khi có dấu hiệu vi phạm đối với 41 tổ chức đảng và 156 đảng viên; thi hành kỷ luật 203 đảng viên, trong đó có 3 cán bộ diện Ban Thường vụ Tỉnh ủy quản lý liên quan đến sai phạm trong quản lý đất đai.
Công tác dân vận tiếp tục được đẩy mạnh với phong trào thi đua “Dân vận khéo”; việc giải quyết đơn thư, khiếu nại của công dân có chuyển biến, nhiều vụ việc tồn đọng kéo dài được xử lý dứt điểm.
Kết luận hội nghị, ông Hồ Văn Niên đề nghị năm 2024, các cấp ủy tập trung chuẩn bị tốt đại hội chi bộ nhiệm kỳ 2024 – 2027; tiếp tục sắp xếp đơn vị hành chính cấp xã theo lộ trình; nâng cao chất lượng sinh hoạt chi bộ và kiên quyết xử lý cán bộ, đảng viên né tránh, đùn đẩy, sợ trách nhiệm."""

LANTERN_FESTIVAL_2024 = """Tối 17/9 (tức ngày Rằm tháng Tám năm Giáp Thìn), đêm hội rước đèn Trung thu – sự kiện chính của Lễ hội Thành Tuyên năm 2024 đã diễn ra tại thành phố Tuyên Quang với sự tham gia của hàng vạn người dân và du khách.
Lễ hội năm nay có 13 phường, xã tham gia với 26 mô hình đèn Trung thu khổng lồ. Khác với mọi năm, do ảnh hưởng của cơn bão số 3, Ban Tổ chức đã tinh giản nhiều hoạt động, dành một phần kinh phí hỗ trợ người dân bị thiệt hại do mưa lũ.
Trước giờ diễu hành, các đại biểu và nhân dân dành một phút mặc niệm tưởng nhớ đồng bào tử vong do bão lũ. Nhiều mô hình đèn năm nay mang thông điệp “Tuyên Quang vượt lũ”, tái hiện hình ảnh bộ đội, công an giúp dân khắc phục hậu quả thiên tai.
Anh Hoàng Văn Minh, nghệ nhân làm đèn ở phường Tân Quang cho biết, nhóm thợ đã phải làm việc ngày đêm trong hơn 10 ngày để khôi phục mô hình đèn bị hư hỏng sau trận lũ.
Để bảo đảm an ninh, trật tự, Công an thành phố đã huy động hơn 600 cán bộ, chiến sĩ phân luồng giao thông, chốt chặn tại các nút giao trọng điểm trên tuyến diễu hành."""

# Hard negatives: stories from one template.
COLD_SURGE_LATE_JANUARY = """Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, khoảng đêm 27/1, một đợt không khí lạnh mạnh sẽ ảnh hưởng đến phía Đông Bắc Bộ, sau đó ảnh hưởng đến các nơi khác ở Bắc Bộ, Bắc Trung Bộ và một số nơi ở Trung Trung Bộ.
Do ảnh hưởng của không khí lạnh, từ ngày 28/1, ở Bắc Bộ và Bắc Trung Bộ có mưa rải rác, riêng vùng núi phía Bắc trời rét đậm, rét hại. Nhiệt độ thấp nhất ở Bắc Bộ phổ biến 8 – 11 độ C, vùng núi 4 – 7 độ C, vùng núi cao có nơi dưới 0 độ C. Trên vịnh Bắc Bộ gió đông bắc mạnh cấp 6, giật cấp 7 – 8, biển động.
Cơ quan khí tượng cảnh báo, rét đậm, rét hại có thể gây ảnh hưởng đến sức khỏe con người, gây hại cho cây trồng, vật nuôi, nhất là đối với gia súc non, mạ xuân. Ở vùng núi cao có khả năng xảy ra băng giá, sương muối.
Bộ Nông nghiệp và Phát triển nông thôn đề nghị các địa phương hướng dẫn người dân che chắn chuồng trại, dự trữ thức ăn cho gia súc, không thả rông trâu, bò trong những ngày rét; tạm dừng gieo cấy lúa xuân và chuẩn bị sẵn mạ dự phòng.
Các tàu thuyền hoạt động trên vịnh Bắc Bộ cần chủ động phòng tránh gió mạnh, sóng lớn; các địa phương ven biển theo dõi chặt chẽ bản tin dự báo, kịp thời thông báo cho tàu thuyền di chuyển về nơi tránh trú an toàn."""

COFFEE_PRICE_14_3 = """Giá cà phê hôm nay (14/3) tại các tỉnh Tây Nguyên tăng 500 – 600 đồng/kg so với hôm qua. Cụ thể, tại Đắk Lắk, giá cà phê nhân xô được thu mua ở mức 49.600 đồng/kg; tại Lâm Đồng 49.000 đồng/kg; tại Gia Lai và Đắk Nông cùng ở mức 49.700 đồng/kg.
Trên thị trường thế giới, kết thúc phiên giao dịch gần nhất, giá cà phê Robusta trên sàn London giao tháng 5 tăng 38 USD/tấn, lên 2.215 USD/tấn; giá cà phê Arabica trên sàn New York giao tháng 5 giảm 1,2 cent/lb, còn 176,4 cent/lb.
Theo các chuyên gia, giá Robusta được hỗ trợ bởi lượng hàng tồn kho được sàn London chứng nhận tiếp tục giảm xuống mức thấp nhất trong nhiều năm, trong khi nông dân Việt Nam hạn chế bán ra để chờ giá cao hơn.
Dự báo trong ngắn hạn, giá cà phê trong nước có thể tiếp tục biến động theo xu hướng của thị trường thế giới."""

COFFEE_PRICE_16_3 = """Giá cà phê hôm nay (16/3) tại các tỉnh Tây Nguyên giảm 300 – 400 đồng/kg so với hôm qua. Cụ thể, tại Đắk Lắk, giá cà phê nhân xô được thu mua ở mức 50.100 đồng/kg; tại Lâm Đồng 49.500 đồng/kg; tại Gia Lai và Đắk Nông cùng ở mức 50.200 đồng/kg.
Trên thị trường thế giới, kết thúc phiên giao dịch gần nhất, giá cà phê Robusta trên sàn London giao tháng 5 giảm 27 USD/tấn, xuống 2.241 USD/tấn; giá cà phê Arabica trên sàn New York giao tháng 5 tăng 2,05 cent/lb, lên 179,9 cent/lb.
Giới phân tích cho rằng giá giảm do đồng USD mạnh lên và thông tin vụ thu hoạch cà phê tại Brazil được dự báo thuận lợi nhờ mưa đều ở các vùng trồng chính.
Dự báo trong ngắn hạn, giá cà phê trong nước có thể tiếp tục biến động theo xu hướng của thị trường thế giới."""

SCHOLARSHIPS_GIA_LAI = """Ngày 31/5, Hội Khuyến học tỉnh Gia Lai phối hợp với Quỹ Bảo trợ trẻ em tỉnh tổ chức trao 150 suất học bổng cho học sinh nghèo vượt khó, học giỏi năm học 2022 – 2023.
Mỗi suất học bổng trị giá 1,5 triệu đồng, kèm theo cặp sách, vở và áo ấm. Tổng giá trị học bổng và quà tặng hơn 300 triệu đồng, do các doanh nghiệp, nhà hảo tâm trong và ngoài tỉnh tài trợ. Các em nhận học bổng là học sinh tiểu học và trung học cơ sở ở các huyện Kbang, Kông Chro, Krông Pa và Ia Pa.
Phát biểu tại buổi lễ, ông Nguyễn Đình Tuấn, Chủ tịch Hội Khuyến học tỉnh ghi nhận sự cố gắng vươn lên của các em học sinh; đồng thời cảm ơn các nhà tài trợ đã đồng hành cùng công tác khuyến học, khuyến tài của tỉnh.
Em Rơ Mah H'Nhung, học sinh lớp 9 Trường THCS Đak Pling (huyện Kông Chro) chia sẻ: “Nhà em đông anh chị em, bố mẹ làm rẫy quanh năm. Có học bổng, em sẽ mua thêm sách tham khảo để ôn thi vào lớp 10”.
Dịp này, Ban Tổ chức cũng trao tặng 20 chiếc xe đạp cho học sinh có nhà ở xa trường."""

BETTING_QUANG_BINH = """Ngày 8/6, Công an tỉnh Quảng Bình cho biết, Phòng Cảnh sát hình sự vừa phối hợp với Công an huyện Bố Trạch triệt phá đường dây cá độ bóng đá qua mạng với tổng số tiền giao dịch khoảng 50 tỷ đồng.
Qua công tác nghiệp vụ, lực lượng chức năng phát hiện nhóm đối tượng lập nhiều tài khoản trên các trang cá độ có máy chủ ở nước ngoài rồi bán lại cho người chơi, hưởng phần trăm trên số tiền cá cược. Đường dây được tổ chức theo nhiều cấp, các đối tượng thường xuyên thay đổi sim điện thoại, tài khoản ngân hàng để đối phó với cơ quan chức năng.
Ngày 5/6, lực lượng công an đồng loạt kiểm tra 4 địa điểm tại huyện Bố Trạch và thành phố Đồng Hới, bắt quả tang 6 đối tượng đang giao dịch cá độ, thu giữ 9 điện thoại, 2 máy tính và hơn 80 triệu đồng tiền mặt. Đối tượng cầm đầu là Trần Văn H. (sinh năm 1990, trú tại thị trấn Hoàn Lão).
Cơ quan Cảnh sát điều tra Công an tỉnh đã khởi tố vụ án, khởi tố bị can đối với 6 đối tượng về tội "Tổ chức đánh bạc" và "Đánh bạc".
Công an tỉnh khuyến cáo người dân tuyệt đối không tham gia các hình thức cá độ, đánh bạc trên không gian mạng; kịp thời cung cấp thông tin về các đối tượng có biểu hiện nghi vấn cho cơ quan công an gần nhất."""

# Hard negatives: another story of the same day and province.
MASS_MOBILISATION_TUYEN_QUANG = """Chiều 29/12, Ban Dân vận Tỉnh ủy Tuyên Quang tổ chức hội nghị tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023. Dự hội nghị có đồng chí Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh cùng lãnh đạo các ban, sở, ngành, đoàn thể của tỉnh và trưởng ban dân vận các huyện ủy, thành ủy.
Năm 2022, công tác dân vận của các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể trong tỉnh tiếp tục được đổi mới, hướng mạnh về cơ sở. Phong trào thi đua “Dân vận khéo” được triển khai rộng khắp với 1.250 mô hình, điển hình được công nhận. Nhân dân trong tỉnh đã hiến trên 95.000 m² đất, đóng góp hơn 40.000 ngày công để xây dựng đường giao thông nông thôn, nhà văn hóa thôn, bản.
Công tác dân vận chính quyền có nhiều chuyển biến; việc tiếp công dân, đối thoại với nhân dân được duy trì thường xuyên. Các cấp đã tổ chức 1.436 cuộc đối thoại, giải quyết kịp thời nhiều kiến nghị chính đáng của người dân.
Phát biểu chỉ đạo hội nghị, đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị năm 2023, các cấp ủy, chính quyền tiếp tục quán triệt quan điểm “dân là gốc”; nâng cao chất lượng phong trào thi đua “Dân vận khéo”, gắn với thực hiện các chương trình mục tiêu quốc gia và xây dựng nông thôn mới.
Dịp này, Ban Thường vụ Tỉnh ủy tặng Bằng khen cho 15 tập thể, 20 cá nhân có thành tích xuất sắc trong công tác dân vận năm 2022."""

INSPECTION_DAK_LAK = """Ngày 29/12, Ủy ban Kiểm tra Tỉnh ủy Đắk Lắk tổ chức hội nghị tổng kết công tác kiểm tra, giám sát và thi hành kỷ luật đảng năm 2022, triển khai nhiệm vụ năm 2023.
Năm 2022, cấp ủy, ủy ban kiểm tra các cấp trong Đảng bộ tỉnh đã kiểm tra 412 tổ chức đảng và 1.236 đảng viên; giám sát chuyên đề 380 tổ chức đảng và 905 đảng viên. Qua kiểm tra khi có dấu hiệu vi phạm, đã thi hành kỷ luật 214 đảng viên, trong đó khai trừ ra khỏi Đảng 37 trường hợp. Ủy ban Kiểm tra các cấp cũng đã thu hồi hơn 4,6 tỷ đồng do vi phạm về tài chính, đất đai.
Tại hội nghị, các đại biểu đã thảo luận, chỉ ra những khó khăn trong công tác kiểm tra tổ chức đảng và đảng viên ở cơ sở, nhất là việc phát hiện sớm vi phạm trong quản lý đất đai, đầu tư công, mua sắm tài sản.
Năm 2023 là năm bản lề có ý nghĩa quan trọng, góp phần thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội Đảng bộ các cấp. Ủy ban Kiểm tra Tỉnh ủy xác định tập trung kiểm tra, giám sát những lĩnh vực dễ phát sinh tiêu cực, tham nhũng; kịp thời xem xét, xử lý nghiêm các tổ chức đảng, đảng viên vi phạm, không có vùng cấm, không có ngoại lệ.
Dịp này, Ủy ban Kiểm tra Trung ương tặng Bằng khen cho 2 tập thể và 3 cá nhân có thành tích xuất sắc trong công tác kiểm tra, giám sát."""

HEALTH_INSURANCE_QUANG_BINH = """Ngày 29/12, Bảo hiểm xã hội tỉnh Quảng Bình tổ chức hội nghị tổng kết công tác năm 2022. Theo báo cáo, đến hết năm 2022, toàn tỉnh có hơn 880.000 người tham gia bảo hiểm y tế, đạt tỷ lệ bao phủ 98,1% dân số, vượt chỉ tiêu Nghị quyết HĐND tỉnh giao.
Số người tham gia bảo hiểm xã hội bắt buộc là 78.600 người, bảo hiểm xã hội tự nguyện gần 21.000 người, tăng 12% so với năm 2021. Tổng số thu bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp năm 2022 đạt 2.915 tỷ đồng.
Trong năm, các cơ sở khám, chữa bệnh trên địa bàn tỉnh đã khám, chữa bệnh bảo hiểm y tế cho hơn 1,6 triệu lượt người, với tổng chi phí trên 1.100 tỷ đồng. Việc liên thông dữ liệu khám, chữa bệnh giữa các bệnh viện và trạm y tế xã giúp người bệnh giảm thời gian chờ đợi, hạn chế tình trạng lạm dụng quỹ.
Tuy nhiên, tình trạng nợ đọng bảo hiểm xã hội ở một số doanh nghiệp vẫn còn, tổng số nợ hơn 62 tỷ đồng. Năm 2023, ngành phấn đấu nâng tỷ lệ bao phủ bảo hiểm y tế lên 98,5%, giảm tỷ lệ nợ đóng xuống dưới 1,5%."""

COUNCIL_GROUPS_TAY_NINH = """Chiều 7/12, tiếp tục chương trình kỳ họp thứ 6, HĐND tỉnh khóa X, các đại biểu đã chia thành 4 tổ thảo luận về tình hình kinh tế - xã hội năm 2022 và các dự thảo nghị quyết trình tại kỳ họp.
Tại tổ thảo luận số 2 (gồm đại biểu các huyện Tân Biên, Tân Châu), nhiều ý kiến quan tâm đến tiến độ xây dựng các tuyến đường kết nối vùng, tình trạng thiếu nước sinh hoạt vào mùa khô ở các xã biên giới và việc hỗ trợ nông dân chuyển đổi cây trồng khi giá mì, mía biến động.
Đại biểu Nguyễn Thị Bích Thủy (tổ huyện Tân Châu) đề nghị tỉnh có chính sách thu hút bác sĩ về công tác tại trạm y tế xã, bởi hiện nay nhiều trạm chỉ có y sĩ, chưa đáp ứng nhu cầu khám, chữa bệnh của người dân.
Tại tổ thảo luận số 4, các đại biểu cho ý kiến về dự thảo nghị quyết quy định mức thu học phí năm học 2022 – 2023, đề nghị cân nhắc giữ ổn định mức thu để giảm bớt khó khăn cho phụ huynh sau đại dịch COVID-19.
Các ý kiến thảo luận tại tổ sẽ được Thường trực HĐND tỉnh tổng hợp, gửi UBND tỉnh và các cơ quan liên quan để tiếp thu, giải trình tại phiên thảo luận ở hội trường."""

FOREST_QUESTIONS_DAK_LAK = """Chiều 8/12, Kỳ họp thứ Năm, HĐND tỉnh Đắk Lắk khóa X dành thời gian chất vấn và trả lời chất vấn về công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng.
Đại biểu Y Khim Niê (tổ đại biểu huyện Ea Súp) cho biết, trên địa bàn huyện vẫn còn tình trạng phá rừng, lấn chiếm đất rừng để trồng cây nông nghiệp, nhiều vụ việc kéo dài nhưng chưa được xử lý dứt điểm. Đại biểu đề nghị Giám đốc Sở Nông nghiệp và Phát triển nông thôn làm rõ trách nhiệm của các công ty lâm nghiệp trong việc quản lý diện tích rừng được giao.
Trả lời chất vấn, ông Nguyễn Hoài Dương, Giám đốc Sở Nông nghiệp và Phát triển nông thôn thừa nhận, năm 2022 toàn tỉnh phát hiện 412 vụ vi phạm Luật Lâm nghiệp, làm thiệt hại hơn 86 ha rừng. Nguyên nhân chủ yếu do lực lượng bảo vệ rừng mỏng, địa bàn rộng, trong khi một số đơn vị chủ rừng buông lỏng quản lý.
Ông Dương cho biết, thời gian tới, ngành sẽ phối hợp với các địa phương rà soát toàn bộ diện tích rừng bị lấn chiếm, kiên quyết thu hồi, trồng lại rừng; đồng thời tham mưu UBND tỉnh xử lý trách nhiệm người đứng đầu để xảy ra mất rừng.
Kết luận phiên chất vấn, Chủ tịch HĐND tỉnh đề nghị UBND tỉnh chỉ đạo các ngành chức năng thực hiện nghiêm các cam kết đã trả lời trước kỳ họp, báo cáo kết quả tại kỳ họp giữa năm 2023."""

QR_MARKET_TUYEN_QUANG = """Ngày 9/12, Sở Công Thương tỉnh Tuyên Quang phối hợp với UBND thành phố Tuyên Quang và Ngân hàng TMCP Công Thương chi nhánh Tuyên Quang ra mắt mô hình “Chợ 4.0 – thanh toán không dùng tiền mặt” tại chợ Tam Cờ.
Theo đó, 100% tiểu thương tại chợ đã được hỗ trợ mở tài khoản, in mã QR để khách hàng thanh toán bằng điện thoại thông minh. Người dân đi chợ chỉ cần quét mã là có thể trả tiền cho các mặt hàng từ rau xanh, thịt cá đến quần áo, đồ gia dụng.
Chị Nguyễn Thị Lan, tiểu thương bán rau tại chợ cho biết: “Từ khi có mã QR, tôi không phải chuẩn bị tiền lẻ trả lại cho khách, cũng không lo nhận phải tiền giả. Cuối ngày kiểm tra tài khoản là biết bán được bao nhiêu”.
Theo Sở Công Thương, mô hình sẽ được nhân rộng ra các chợ trung tâm huyện trong năm 2023, góp phần thực hiện Đề án chuyển đổi số của tỉnh và thúc đẩy thương mại điện tử ở khu vực nông thôn."""

FESTIVAL_SECURITY_TAY_NINH = """Ngày 3/2, Công an tỉnh Tây Ninh cho biết đã huy động hơn 400 cán bộ, chiến sĩ tham gia bảo đảm an ninh, trật tự, an toàn giao thông phục vụ Hội Xuân Núi Bà năm 2023, diễn ra từ ngày 22/1 đến 11/3.
Lực lượng công an được bố trí thành các tổ tuần tra, chốt chặn tại khu vực chân núi, ga cáp treo và các tuyến đường dẫn vào Khu du lịch quốc gia Núi Bà Đen; kiên quyết xử lý tình trạng chèo kéo khách, bán hàng rong, trông giữ xe thu tiền sai quy định.
Phòng Cảnh sát giao thông đã phân luồng trên các tuyến đường 785, 784 và đường Hùng Vương; bố trí bãi đỗ xe tạm cho khoảng 5.000 xe máy, 700 ô tô vào những ngày cao điểm. Từ đầu mùa lễ hội đến nay, lực lượng chức năng đã xử lý 215 trường hợp vi phạm trật tự an toàn giao thông, chủ yếu là lỗi vi phạm nồng độ cồn và dừng đỗ sai quy định.
Công an tỉnh khuyến cáo du khách bảo quản tư trang, tài sản cá nhân; chấp hành sự hướng dẫn của lực lượng chức năng và phản ánh ngay các hành vi vi phạm qua số điện thoại đường dây nóng."""


# --- the pairs ---------------------------------------------------------------------------------

SEED_TQ = "tuyenquangtv.vn/tin-moi/202212/ttv-hoi-nghi-toan-quoc"
SEED_DL = "baodaklak.vn/chinh-tri/202212/hoi-nghi-toan-quoc"


def pairs() -> list[dict[str, str]]:  # noqa: PLR0915
    rows: list[dict[str, str]] = []

    def add(kind: str, label: str, a: str, b: str, note: str) -> None:
        number = sum(1 for row in rows if row["kind"] == kind) + 1
        rows.append(
            {"id": f"{kind}-{number}", "a": a, "b": b, "label": label, "kind": kind, "note": note}
        )

    dup, not_dup = "duplicate", "not"

    # The seed story: PORTALS.md's syndicated rewrite.
    add("seed", dup, demo(SEED_TQ), demo(SEED_DL),
        "the seed story: tuyenquangtv.vn's copy and baodaklak.vn's rewrite (new intro, a Đắk Lắk "
        "paragraph, an added paragraph on shortcomings)")

    # Syndicated rewrites with a changed intro.
    for part, intro, what in [
        ("xuat-khau-ca-phe-nam-2022", INTRO_COFFEE, "coffee exports 2022"),
        ("triet-pha-duong-day-danh-bac", INTRO_GAMBLING, "betting ring"),
        ("tet-trong-cay-xuan-quy-mao", INTRO_TREES, "tree-planting festival"),
        ("sau-rieng-vao-vu-thu-hoach", INTRO_DURIAN, "durian harvest"),
        ("gia-mi-tang-cao", INTRO_CASSAVA, "cassava prices"),
        ("ra-quan-cao-diem", INTRO_TRAFFIC, "traffic safety campaign"),
        ("ho-tieu-duoc-gia", INTRO_PEPPER, "pepper prices"),
        ("vao-vu-thu-hoach-cam-sanh", INTRO_ORANGES, "orange harvest"),
    ]:
        add("rewrite_intro", dup, demo(part), replace_intro(demo(part), intro),
            f"{demo_url(part)} ({what}); b replaces its first paragraph with a rewritten intro")

    # Syndicated copies with a local paragraph.
    add("local_paragraph", dup, demo("khong-khi-lanh-tang-cuong"),
        join(demo("khong-khi-lanh-tang-cuong"), LOCAL_COLD_QUANG_BINH),
        "weather bulletin; b is a Quảng Bình portal's copy with a local paragraph at the end")
    add("local_paragraph", dup, demo("chinh-phu-de-ra-11-nhom"),
        join(demo("chinh-phu-de-ra-11-nhom"), LOCAL_GOVERNMENT_GIA_LAI),
        "government resolution; b adds Gia Lai's action plan at the end")
    add("local_paragraph", dup, demo("phong-chong-dich-sot-xuat-huyet"),
        insert_after(demo("phong-chong-dich-sot-xuat-huyet"), 0, LOCAL_DENGUE_GIA_LAI),
        "dengue advice; b inserts Gia Lai's case numbers after the first paragraph")
    add("local_paragraph", dup, demo("xuat-khau-ca-phe-nam-2022"),
        join(demo("xuat-khau-ca-phe-nam-2022"), LOCAL_COFFEE_GIA_LAI),
        "coffee exports; b adds Gia Lai's export figures")
    add("local_paragraph", dup, demo("phien-chuyen-de-ve-xay-dung-phap-luat"),
        join(demo("phien-chuyen-de-ve-xay-dung-phap-luat"), LOCAL_LAW_TUYEN_QUANG),
        "government law-making session; b adds a Tuyên Quang consultation the same day")
    add("local_paragraph", dup, demo("ra-quan-cao-diem"),
        insert_after(demo("ra-quan-cao-diem"), 1, LOCAL_TRAFFIC_TAY_NINH),
        "traffic campaign; b inserts Tây Ninh's accident figures after the second paragraph")
    add("local_paragraph", dup, WIRE_HFMD, join(WIRE_HFMD, LOCAL_HFMD_GIA_LAI),
        "a wire story on hand, foot and mouth disease (written for this set) and a Gia Lai copy "
        "with local cases")
    add("local_paragraph", dup, demo("moc-bai-thu-hut-them-3-du-an"),
        join(demo("moc-bai-thu-hut-them-3-du-an"), LOCAL_MOC_BAI),
        "economic zone investment; b adds a paragraph on local jobs")

    # Truncated copies.
    for part, keep, tail, what in [
        ("khai-mac-ky-hop-thu-nam-hdnd-tinh-khoa-x", 6, None, "Đắk Lắk council session"),
        ("giu-lua-hat-sac-bua", 8, "(Còn nữa)", "sắc bùa singing feature, part 1"),
        ("khat-vong-ve-hai-thanh-pho", 7, None, "two future cities feature"),
        ("chiem-hoa-dua-cac-chuong-trinh", 6, "Theo TTV", "national target programmes"),
        ("tinh-uy-gia-lai-tong-ket", 7, None, "Gia Lai party review"),
        ("hoi-nghi-xuc-tien-dau-tu", 6, "Theo Báo Gia Lai", "investment promotion conference"),
        ("y-te-co-so-o-vung-sau", 5, None, "health care in remote areas"),
    ]:
        add("truncated", dup, demo(part), truncate(demo(part), keep, tail),
            f"{demo_url(part)} ({what}); b keeps the first {keep} paragraphs"
            + (f" and adds {tail!r}" if tail else ""))

    # The same text with the other tone-mark style.
    for part, convert, what in [
        ("thuy-loi-nho-hoa-giai", to_new_style, "old style (thuỷ lợi, hoá giải) made new style"),
        ("hat-then-dan-tinh-hoa-quyen", to_new_style, "old style (hoà quyện, Uỷ ban) made new"),
        ("kham-suc-khoe-cap-thuoc", to_new_style, "old style (Hoà Thành, sức khoẻ) made new"),
        (SEED_TQ, to_old_style, "new style (Ủy viên, cấp ủy) written in the old style"),
        ("xuat-khau-ca-phe-nam-2022", to_old_style, "new style (hòa tan) in the old style"),
    ]:
        add("tone_marks", dup, demo(part), convert(demo(part)), f"{demo_url(part)}; b: {what}")

    # Decomposed letters.
    add("nfd", dup, demo(SEED_DL), nfd(demo(SEED_DL)), "the seed rewrite in NFD")
    add("nfd", dup, demo("sau-rieng-vao-vu-thu-hoach"),
        nfd(to_old_style(demo("sau-rieng-vao-vu-thu-hoach"))), "NFD and old tone marks together")
    add("nfd", dup, demo("gia-mi-tang-cao"), cp1258_style(demo("gia-mi-tang-cao")),
        "windows-1258 style: precomposed base letters, tone marks as combining characters")

    # Formatting differences.
    add("formatting", dup, demo("7-nhom-giai-phap-ho-tro-doanh-nghiep"),
        merge_paragraphs(demo("7-nhom-giai-phap-ho-tro-doanh-nghiep")),
        "paragraph breaks lost, double and non-breaking spaces")
    add("formatting", dup, demo("du-lich-quang-binh-don-hon"),
        join(paragraphs(demo("du-lich-quang-binh-don-hon"))[0].upper(),
             plain_punctuation("\n".join(paragraphs(demo("du-lich-quang-binh-don-hon"))[1:]))),
        "first paragraph in capitals, plain ASCII quotes and dashes")
    add("formatting", dup, demo("dan-van-kheo"),
        join("(BTN) - " + paragraphs(demo("dan-van-kheo"))[0],
             paragraphs(demo("dan-van-kheo"))[1:], "Thanh Hà", "Theo Báo Tây Ninh"),
        "agency prefix, byline and credit line added")
    add("formatting", dup, demo("khan-truong-xuong-dong"),
        plain_punctuation(demo("khan-truong-xuong-dong")),
        "curly quotes, dashes and ellipses typed as ASCII, doubled spaces")

    # Several changes at once.
    add("combined", dup, demo("hon-460000-hoc-sinh"),
        nfd(to_old_style(replace_intro(demo("hon-460000-hoc-sinh"), INTRO_SCHOOL))),
        "new intro, old tone marks and NFD")
    add("combined", dup, demo("khai-mac-ky-hop-thu-6-hdnd"),
        to_old_style("(BTN) - " + truncate(demo("khai-mac-ky-hop-thu-6-hdnd"), 3)),
        "first 3 of 5 paragraphs, agency prefix, old tone marks")
    add("combined", dup, demo("moc-bai-thu-hut-them-3-du-an"),
        join(replace_intro(demo("moc-bai-thu-hut-them-3-du-an"), INTRO_MOC_BAI), LOCAL_MOC_BAI),
        "new intro and an added local paragraph")
    add("combined", dup, demo("tray-hoi-xuan-nui-ba-den"),
        to_old_style(truncate(demo("tray-hoi-xuan-nui-ba-den"), 4)).upper(),
        "last paragraph dropped, old tone marks, all capitals")
    add("combined", dup, WIRE_HFMD,
        join(replace_intro(WIRE_HFMD, INTRO_HFMD_QUANG_BINH), LOCAL_HFMD_QUANG_BINH),
        "the wire story and a Quảng Bình copy with a new intro and a local paragraph")

    # Copy-edited copies: small wording changes in most sentences.
    for part, what in [
        ("phong-chong-dich-sot-xuat-huyet", "dengue advice"),
        ("khai-mac-ky-hop-thu-6-hdnd", "Tây Ninh council opening"),
        ("tiep-xuc-cu-tri-huyen-ea-kar", "voter meeting"),
        ("dan-van-kheo", "mass mobilisation model"),
    ]:
        edited = copy_edit(demo(part))
        changes = sum(demo(part).count(old) for old, _ in COPY_EDITS)
        add("copy_edited", dup, demo(part), edited,
            f"{demo_url(part)} ({what}); b rewords {changes} phrases (house style, synonyms)")

    # Two portals' copies of one wire story, each with its own local paragraph.
    add("wire_copies", dup, join(WIRE_HFMD, LOCAL_HFMD_GIA_LAI),
        join(replace_intro(WIRE_HFMD, INTRO_HFMD_QUANG_BINH), LOCAL_HFMD_QUANG_BINH),
        "the Gia Lai and the Quảng Bình copies of one wire story: neither is the source")
    add("wire_copies", dup, demo(SEED_TQ), truncate(demo(SEED_DL), 4),
        "the seed story: tuyenquangtv.vn's copy against baodaklak.vn's rewrite cut after 4 "
        "paragraphs")

    # Hard negatives: the same annual event one year apart.
    for part, text, what in [
        (SEED_TQ, PARTY_CONFERENCE_2023, "national party-building conference, 2022 and 2023"),
        ("le-hoi-ca-phe-buon-ma-thuot-lan-thu-8", COFFEE_FESTIVAL_9, "coffee festival, 8th and 9th"),
        ("xuat-khau-ca-phe-nam-2022", COFFEE_EXPORT_2023, "coffee exports, 2022 and 2023"),
        ("tet-trong-cay-xuan-quy-mao", TREE_PLANTING_2024, "tree planting, 2023 and 2024"),
        ("hon-460000-hoc-sinh", SCHOOL_YEAR_2023, "school year opening, 2022 and 2023"),
        ("ky-niem-93-nam", PARTY_BADGES_94, "party badges, 93rd and 94th anniversary"),
        ("tinh-uy-gia-lai-tong-ket", GIA_LAI_PARTY_2023, "Gia Lai party review, 2022 and 2023"),
        ("le-hoi-thanh-tuyen-2023", LANTERN_FESTIVAL_2024, "lantern festival, 2023 and 2024"),
    ]:
        add("annual_event", not_dup, demo(part), text,
            f"{demo_url(part)} against the next edition (written for this set): {what}")

    # Hard negatives: two stories from one template.
    add("template", not_dup, demo("khong-khi-lanh-tang-cuong"), COLD_SURGE_LATE_JANUARY,
        "two cold-surge bulletins two weeks apart sharing the warning paragraph word for word")
    add("template", not_dup, COFFEE_PRICE_14_3, COFFEE_PRICE_16_3,
        "two daily coffee price reports from one template, different days and prices")
    add("template", not_dup, demo("tiep-xuc-cu-tri-huyen-ea-kar"),
        demo("tiep-xuc-cu-tri-huyen-tan-chau"), "two voter meetings before a National Assembly "
        "session, Đắk Lắk and Tây Ninh")
    add("template", not_dup, demo("khai-mac-ky-hop-thu-nam-hdnd-tinh-khoa-x"),
        demo("khai-mac-ky-hop-thu-6-hdnd"), "two provincial council openings, Đắk Lắk and Tây Ninh")
    add("template", not_dup, demo("giai-ngan-von-dau-tu-cong-nhung-thang"),
        demo("giai-ngan-von-dau-tu-cong-nam-2023"), "two public-investment disbursement stories")
    add("template", not_dup, demo("trao-200-suat-hoc-bong"), SCHOLARSHIPS_GIA_LAI,
        "two scholarship ceremonies in two provinces")
    add("template", not_dup, demo("triet-pha-duong-day-danh-bac"), BETTING_QUANG_BINH,
        "two online betting busts in two provinces with the same police advice paragraph")
    add("template", not_dup, demo("sau-rieng-vao-vu-thu-hoach"), demo("ho-tieu-duoc-gia"),
        "two 'farmers pleased with good prices' stories: durian and pepper")
    add("template", not_dup, demo("ho-tieu-duoc-gia"), demo("gia-mi-tang-cao"),
        "two 'farmers pleased with good prices' stories: pepper and cassava")
    add("template", not_dup, WIRE_HFMD, demo("phong-chong-dich-sot-xuat-huyet"),
        "two disease advisories: hand, foot and mouth disease and dengue")

    # Hard negatives: another story the same day in the same province.
    add("same_day_province", not_dup, demo(SEED_TQ), MASS_MOBILISATION_TUYEN_QUANG,
        "Tuyên Quang, 29/12/2022: the seed story and the province's mass-mobilisation review")
    add("same_day_province", not_dup, demo(SEED_DL), INSPECTION_DAK_LAK,
        "Đắk Lắk, 29/12/2022: the seed rewrite and the party inspection review, which quotes one "
        "sentence of it")
    add("same_day_province", not_dup, demo("kham-chua-benh-o-tuyen-co-so"),
        HEALTH_INSURANCE_QUANG_BINH, "Quảng Bình, 29/12/2022: grassroots health care and health "
        "insurance review")
    add("same_day_province", not_dup, demo("khai-mac-ky-hop-thu-6-hdnd"), COUNCIL_GROUPS_TAY_NINH,
        "Tây Ninh, 7/12/2022: council session opening and the group discussions that afternoon")
    add("same_day_province", not_dup, demo("khai-mac-ky-hop-thu-nam-hdnd-tinh-khoa-x"),
        FOREST_QUESTIONS_DAK_LAK, "Đắk Lắk, 8/12/2022: council session opening and the forest "
        "questioning session")
    add("same_day_province", not_dup, demo("thong-qua-18-nghi-quyet"), QR_MARKET_TUYEN_QUANG,
        "Tuyên Quang, 9/12/2022: council closing and a cashless market launch")
    add("same_day_province", not_dup, demo("tray-hoi-xuan-nui-ba-den"), FESTIVAL_SECURITY_TAY_NINH,
        "Tây Ninh, 3/2/2023: festival crowds and festival policing")
    add("same_day_topic", not_dup, demo(SEED_DL), demo("tinh-uy-gia-lai-tong-ket"),
        "29/12/2022, party-building reviews: the national conference and Gia Lai's own")
    add("same_day_topic", not_dup, demo(SEED_TQ), demo("kham-chua-benh-o-tuyen-co-so"),
        "29/12/2022: the seed story and a Quảng Bình health story")

    # Hard negatives: the same topic in two provinces.
    for a, b, what in [
        ("y-te-co-so-o-vung-sau", "kham-chua-benh-o-tuyen-co-so", "grassroots health care"),
        ("cai-cach-hanh-chinh-cai-thien", "nam-giai-phap-trong-tam", "business environment"),
        ("trao-200-suat-hoc-bong", "xuan-yeu-thuong", "gifts for poor pupils"),
        ("khai-mac-ky-hop-thu-6-hdnd", "to-chuc-ky-hop-chuyen-de", "council sessions"),
    ]:
        add("same_topic", not_dup, demo(a), demo(b), f"{what}: {demo_url(a)} and {demo_url(b)}")

    # Unrelated stories.
    for a, b in [
        ("xuat-khau-ca-phe-nam-2022", "le-hoi-thanh-tuyen-2023"),
        ("giu-lua-hat-sac-bua", "moc-bai-thu-hut-them-3-du-an"),
        ("vao-vu-thu-hoach-cam-sanh", "khai-giang-lop-boi-duong-tieng-jrai"),
        ("chinh-phu-de-ra-11-nhom", "dua-thuyen-tren-song-kien-giang"),
        ("tet-trong-cay-xuan-quy-mao", "khat-vong-ve-hai-thanh-pho"),
        ("ban-thuong-vu-tinh-uy-trien-khai", "ca-phe-sach"),
    ]:
        add("unrelated", not_dup, demo(a), demo(b), f"{demo_url(a)} and {demo_url(b)}")
    return rows


def main() -> None:
    rows = pairs()
    out = HERE / "pairs.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    labels = [row["label"] for row in rows]
    print(f"{out}: {len(rows)} pairs, {labels.count('duplicate')} duplicates")


if __name__ == "__main__":
    main()
