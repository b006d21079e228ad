"""Generate data/products.json: deterministic demo catalogue for the BlankSpace shop.

Stdlib only, seeded with random.Random(42), so the output is byte-identical on
every run. Usage: python scripts/make_demo_data.py [output_path]
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 42
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "products.json"

CLOTHING_SIZES = ["S", "M", "L", "XL"]
MENS_SIZES = ["85", "90", "95", "100", "105"]
WAIST_SIZES = ["26", "27", "28", "29", "30", "31", "32", "33", "34"]
FREE = ["FREE"]

TOP_FITS = ["오버핏", "베이직", "루즈핏", "슬림핏", "세미오버핏", "크롭", "레귤러핏"]
BOTTOM_FITS = ["와이드", "스트레이트", "슬림", "테이퍼드", "부츠컷", "세미와이드"]
OUTER_FITS = ["오버핏", "싱글", "더블", "루즈핏", "박시", "레귤러핏"]
PADDING_FITS = ["오버핏", "레귤러핏", "덕다운", "구스다운", "후드"]
ACC_FITS = ["데일리", "미니멀", "베이직", "빈티지", "캐주얼"]
DRESS_FITS = ["루즈핏", "A라인", "슬림핏", "플레어", "랩"]

COLORS = [
    "블랙",
    "화이트",
    "아이보리",
    "베이지",
    "그레이",
    "차콜",
    "네이비",
    "카키",
    "브라운",
    "카멜",
    "소라",
    "라벤더",
    "크림",
    "오트밀",
    "버건디",
    "민트",
]
DENIM_COLORS = ["연청", "중청", "진청", "흑청", "생지"]


@dataclass(frozen=True)
class ItemType:
    prefix: str
    category: tuple[str, ...]
    nouns: tuple[str, ...]
    materials: tuple[str, ...]
    fits: tuple[str, ...]
    price: tuple[int, int]
    count: int
    seasons: tuple[str, ...]
    weight: tuple[int, int]
    sizes: str = "clothing"  # clothing | mens_or_clothing | waist | waist_or_clothing | free


ITEM_TYPES = [
    ItemType(
        "BS-TS",
        ("상의", "티셔츠"),
        ("긴팔 티셔츠", "롱슬리브 티셔츠", "헨리넥 티셔츠"),
        ("코튼", "텐셀", "폴리", "모달"),
        TOP_FITS,
        (15000, 39000),
        12,
        ("간절기", "사계절"),
        (180, 320),
    ),
    ItemType(
        "BS-TS",
        ("상의", "티셔츠", "반팔"),
        ("반팔 티셔츠", "반팔 티", "포켓 반팔 티셔츠"),
        ("코튼", "린넨", "텐셀", "폴리"),
        TOP_FITS,
        (15000, 39000),
        16,
        ("여름",),
        (150, 260),
    ),
    ItemType(
        "BS-SH",
        ("상의", "셔츠"),
        ("셔츠", "스트라이프 셔츠", "옥스포드 셔츠"),
        ("린넨", "코튼", "레이온", "텐셀"),
        TOP_FITS,
        (29000, 69000),
        16,
        ("간절기", "여름", "사계절"),
        (200, 380),
        "mens_or_clothing",
    ),
    ItemType(
        "BS-BL",
        ("상의", "블라우스"),
        ("블라우스", "프릴 블라우스", "리본 블라우스"),
        ("레이온", "폴리", "코튼", "실크"),
        TOP_FITS,
        (29000, 59000),
        10,
        ("간절기", "여름"),
        (150, 280),
    ),
    ItemType(
        "BS-KN",
        ("상의", "니트"),
        ("라운드 니트", "브이넥 니트", "터틀넥 니트", "케이블 니트"),
        ("울", "캐시미어", "코튼", "모헤어"),
        TOP_FITS,
        (39000, 129000),
        16,
        ("겨울", "간절기"),
        (300, 650),
        "mens_or_clothing",
    ),
    ItemType(
        "BS-MT",
        ("상의", "맨투맨"),
        ("맨투맨", "레터링 맨투맨"),
        ("코튼", "기모"),
        TOP_FITS,
        (29000, 59000),
        10,
        ("간절기", "겨울"),
        (400, 650),
    ),
    ItemType(
        "BS-HD",
        ("상의", "후드티"),
        ("후드티", "후드 집업"),
        ("코튼", "기모", "폴리"),
        TOP_FITS,
        (39000, 79000),
        10,
        ("간절기", "겨울"),
        (500, 850),
    ),
    ItemType(
        "BS-PT",
        ("하의", "바지"),
        ("팬츠", "카고 팬츠", "조거 팬츠", "밴딩 팬츠"),
        ("코튼", "나일론", "린넨", "폴리"),
        BOTTOM_FITS,
        (35000, 79000),
        14,
        ("사계절", "여름", "간절기"),
        (350, 650),
        "waist_or_clothing",
    ),
    ItemType(
        "BS-JN",
        ("하의", "청바지"),
        ("데님 팬츠", "청바지"),
        ("데님",),
        BOTTOM_FITS,
        (39000, 89000),
        12,
        ("사계절",),
        (550, 850),
        "waist",
    ),
    ItemType(
        "BS-SL",
        ("하의", "슬랙스"),
        ("슬랙스", "핀턱 슬랙스"),
        ("울", "폴리", "린넨", "레이온"),
        BOTTOM_FITS,
        (39000, 89000),
        12,
        ("사계절", "간절기", "여름"),
        (350, 600),
        "waist",
    ),
    ItemType(
        "BS-SP",
        ("하의", "반바지"),
        ("쇼츠", "반바지", "버뮤다 팬츠"),
        ("코튼", "린넨", "나일론", "데님"),
        BOTTOM_FITS,
        (19000, 45000),
        10,
        ("여름",),
        (200, 400),
        "waist_or_clothing",
    ),
    ItemType(
        "BS-SK",
        ("하의", "스커트"),
        ("미니 스커트", "미디 스커트", "롱 스커트", "플리츠 스커트"),
        ("데님", "코튼", "울", "레이온", "폴리"),
        DRESS_FITS,
        (29000, 69000),
        12,
        ("사계절", "여름", "겨울"),
        (250, 500),
        "waist_or_clothing",
    ),
    ItemType(
        "BS-OP",
        ("원피스", "원피스"),
        ("원피스", "셔츠 원피스", "슬립 원피스", "니트 원피스"),
        ("린넨", "코튼", "레이온", "폴리"),
        DRESS_FITS,
        (39000, 129000),
        16,
        ("여름", "간절기", "사계절"),
        (250, 600),
    ),
    ItemType(
        "BS-JK",
        ("아우터", "자켓"),
        ("자켓", "블레이저", "트러커 자켓", "바람막이"),
        ("데님", "스웨이드", "울", "나일론", "코튼"),
        OUTER_FITS,
        (69000, 199000),
        12,
        ("간절기",),
        (500, 1100),
    ),
    ItemType(
        "BS-CT",
        ("아우터", "코트"),
        ("롱 코트", "하프 코트", "트렌치 코트", "발마칸 코트"),
        ("울", "캐시미어", "코튼"),
        OUTER_FITS,
        (129000, 349000),
        10,
        ("겨울", "간절기"),
        (900, 1800),
    ),
    ItemType(
        "BS-CD",
        ("아우터", "가디건"),
        ("가디건", "크롭 가디건", "브이넥 가디건"),
        ("울", "코튼", "캐시미어", "모헤어"),
        TOP_FITS,
        (39000, 109000),
        10,
        ("간절기",),
        (250, 550),
    ),
    ItemType(
        "BS-PD",
        ("아우터", "패딩"),
        ("숏 패딩", "롱 패딩", "경량 패딩", "패딩 조끼"),
        ("나일론", "폴리"),
        PADDING_FITS,
        (89000, 299000),
        10,
        ("겨울",),
        (400, 1500),
    ),
    ItemType(
        "BS-BG",
        ("잡화", "가방"),
        ("숄더백", "토트백", "크로스백", "백팩", "에코백"),
        ("나일론", "캔버스", "레더", "스웨이드"),
        ACC_FITS,
        (29000, 159000),
        10,
        ("사계절",),
        (250, 900),
        "free",
    ),
    ItemType(
        "BS-HT",
        ("잡화", "모자"),
        ("볼캡", "버킷햇", "비니"),
        ("코튼", "울", "나일론"),
        ACC_FITS,
        (19000, 45000),
        8,
        ("사계절", "겨울"),
        (60, 150),
        "free",
    ),
    ItemType(
        "BS-SC",
        ("잡화", "양말"),
        ("크루 삭스", "발목 양말", "니삭스", "골지 양말"),
        ("코튼", "울"),
        ACC_FITS,
        (5900, 12000),
        8,
        ("사계절",),
        (30, 70),
        "free",
    ),
]

MATERIAL_PHRASES = {
    "린넨": "통기성이 뛰어난 린넨 소재",
    "코튼": "부드러운 코튼 소재",
    "울": "보온성이 좋은 울 혼방 소재",
    "캐시미어": "가볍고 따뜻한 캐시미어 혼방 소재",
    "데님": "탄탄한 데님 원단",
    "폴리": "구김이 적은 폴리 소재",
    "레이온": "찰랑이는 레이온 소재",
    "나일론": "가볍고 생활 방수가 되는 나일론 소재",
    "스웨이드": "고급스러운 스웨이드 소재",
    "텐셀": "시원한 촉감의 텐셀 소재",
    "모달": "몸에 감기는 모달 소재",
    "실크": "은은한 광택의 실크 혼방 소재",
    "모헤어": "포근한 모헤어 혼방 소재",
    "기모": "안쪽을 기모 처리한 코튼 소재",
    "캔버스": "튼튼한 캔버스 원단",
    "레더": "매끈한 비건 레더 소재",
}
SEASON_SENTENCES = {
    "여름": [
        "더운 여름에도 몸에 달라붙지 않아 쾌적하게 입을 수 있습니다.",
        "땀이 많은 한여름에도 산뜻하게 착용하기 좋습니다.",
    ],
    "겨울": [
        "추운 겨울에도 따뜻하게 착용할 수 있습니다.",
        "한겨울 레이어드용으로 보온성을 챙겨 줍니다.",
    ],
    "간절기": [
        "일교차가 큰 간절기에 입기 좋은 두께감입니다.",
        "봄가을 간절기에 부담 없이 활용할 수 있습니다.",
    ],
    "사계절": [
        "계절에 상관없이 사계절 내내 손이 가는 아이템입니다.",
        "시즌을 가리지 않아 활용도가 높습니다.",
    ],
}
STYLING_SENTENCES = {
    "상의": [
        "데님이나 슬랙스와 매치하면 깔끔한 데일리룩이 완성됩니다.",
        "슬랙스와 함께 입으면 오피스룩으로도 손색없습니다.",
        "와이드 팬츠와 매치해 편안한 캐주얼룩을 연출해 보세요.",
    ],
    "하의": [
        "심플한 티셔츠나 셔츠와 매치하기 좋은 데일리 아이템입니다.",
        "블라우스와 함께 입으면 단정한 오피스룩이 됩니다.",
        "스니커즈부터 로퍼까지 어떤 신발과도 잘 어울립니다.",
    ],
    "원피스": [
        "단독으로 입어도 멋스럽고 가디건을 걸치면 오피스룩으로도 좋습니다.",
        "샌들이나 스니커즈와 매치해 데일리룩으로 즐겨 보세요.",
        "여행이나 데이트룩으로 추천드립니다.",
    ],
    "아우터": [
        "셔츠나 니트 위에 걸치면 세련된 오피스룩이 완성됩니다.",
        "후드티와 레이어드해 캐주얼한 데일리룩으로도 좋습니다.",
        "어떤 이너와도 잘 어울려 데일리 아우터로 추천드립니다.",
    ],
    "잡화": [
        "어떤 코디에도 포인트가 되는 데일리 아이템입니다.",
        "캐주얼룩과 오피스룩 모두에 무난하게 어울립니다.",
        "선물용으로도 많이 찾으시는 제품입니다.",
    ],
}
WASH = {
    "hand": "손세탁",
    "cold_water": "찬물 세탁",
    "machine": "세탁기 사용 가능",
    "wool_cycle": "울코스 세탁",
    "dry_clean": "드라이클리닝",
    "no_bleach": "표백제 사용 금지",
    "no_tumble_dry": "건조기 사용 금지",
    "shade_dry": "그늘 건조",
    "flat_dry": "뉘어서 건조",
    "low_iron": "저온 다림질",
    "inside_out": "뒤집어서 세탁",
    "wipe": "마른 천으로 닦기",
}
WASH_BY_MATERIAL = {
    "린넨": ["hand", "cold_water", "shade_dry", "low_iron"],
    "코튼": ["machine", "inside_out", "no_bleach"],
    "울": ["dry_clean", "wool_cycle", "flat_dry"],
    "캐시미어": ["dry_clean", "flat_dry", "no_tumble_dry"],
    "데님": ["machine", "inside_out", "cold_water", "no_tumble_dry"],
    "폴리": ["machine", "no_bleach"],
    "레이온": ["hand", "cold_water", "no_tumble_dry", "low_iron"],
    "나일론": ["machine", "cold_water", "no_tumble_dry"],
    "스웨이드": ["dry_clean", "wipe"],
    "텐셀": ["hand", "cold_water", "shade_dry"],
    "모달": ["machine", "inside_out", "no_tumble_dry"],
    "실크": ["dry_clean", "hand", "low_iron"],
    "모헤어": ["dry_clean", "flat_dry"],
    "기모": ["machine", "inside_out", "no_tumble_dry"],
    "캔버스": ["hand", "shade_dry"],
    "레더": ["wipe", "shade_dry"],
}

# Hand-placed products that guarantee the facts the assistant's tests and demos rely on:
# cheap tees, cheap and dearer linen shirts with L in stock, one unique cheapest and one
# unique most expensive product. Fields not given here are generated.
CURATED = [
    {"type": 1, "name": "코튼 베이직 반팔 티셔츠 (블랙)", "price": 19000},
    {"type": 1, "name": "코튼 베이직 반팔 티셔츠 (화이트)", "price": 19000},
    {"type": 1, "name": "린넨 루즈핏 반팔 티셔츠 (오트밀)", "price": 29900},
    {"type": 1, "name": "텐셀 오버핏 반팔 티셔츠 (네이비)", "price": 25900},
    {"type": 1, "name": "코튼 크롭 반팔 티 (라벤더)", "price": 17900},
    {"type": 0, "name": "코튼 레귤러핏 긴팔 티셔츠 (그레이)", "price": 22000},
    {"type": 0, "name": "모달 슬림핏 롱슬리브 티셔츠 (크림)", "price": 27000},
    {"type": 0, "name": "코튼 오버핏 긴팔 티셔츠 (차콜)", "price": 30000},
    {"type": 2, "name": "린넨 오버핏 셔츠 (아이보리)", "price": 29000, "material": "린넨"},
    {"type": 2, "name": "린넨 베이직 셔츠 (소라)", "price": 29900, "material": "린넨"},
    {"type": 2, "name": "린넨 루즈핏 셔츠 (베이지)", "price": 29000, "material": "린넨"},
    {
        "type": 2,
        "name": "린넨 레귤러핏 스트라이프 셔츠 (네이비)",
        "price": 49000,
        "material": "린넨",
    },
    {"type": 2, "name": "린넨 세미오버핏 셔츠 (화이트)", "price": 59000, "material": "린넨"},
    {"type": 19, "name": "코튼 베이직 발목 양말 (화이트)", "price": 5000},
    {
        "type": 14,
        "name": "캐시미어 핸드메이드 롱 코트 (카멜)",
        "price": 389000,
        "material": "캐시미어",
    },
]
GUARANTEED_SIZE = "L"

# Nouns that only make sense in some of their item type's materials.
NOUN_MATERIALS = {
    "바람막이": ("나일론",),
    "트러커 자켓": ("데님", "코튼", "스웨이드"),
    "블레이저": ("울", "코튼"),
    "트렌치 코트": ("코튼",),
    "니트 원피스": ("코튼",),
    "볼캡": ("코튼", "나일론"),
    "버킷햇": ("코튼", "나일론"),
    "비니": ("울", "코튼"),
    "에코백": ("캔버스", "코튼"),
    "옥스포드 셔츠": ("코튼",),
    "데님 팬츠": ("데님",),
    "청바지": ("데님",),
}


def rand_price(rng: random.Random, low: int, high: int, premium: bool) -> int:
    if premium:
        low = (low + high) // 2
    price = rng.randint(low // 1000, high // 1000) * 1000
    if rng.random() < 0.3 and price - 100 >= low:
        price -= 100
    return price


def size_labels(rng: random.Random, kind: str) -> list[str]:
    if kind == "free":
        return FREE
    if kind == "mens_or_clothing" and rng.random() < 0.35:
        return MENS_SIZES
    if kind == "waist" or (kind == "waist_or_clothing" and rng.random() < 0.5):
        step = rng.choice([1, 2])
        return WAIST_SIZES[::step]
    return CLOTHING_SIZES


def make_stock(rng: random.Random, labels: list[str], status: str) -> dict[str, int]:
    if status == "soldout":
        return {label: 0 for label in labels}
    stock = {label: (0 if rng.random() < 0.2 else rng.randint(1, 30)) for label in labels}
    if not any(stock.values()):
        stock[rng.choice(labels)] = rng.randint(1, 10)
    return stock


def pick_status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return "soldout"
    if roll < 0.11:
        return "inactive"
    return "active"


def make_name(rng: random.Random, item: ItemType) -> tuple[str, str]:
    noun = rng.choice(item.nouns)
    material = rng.choice(NOUN_MATERIALS.get(noun, item.materials))
    fit = rng.choice([fit for fit in item.fits if fit not in noun])
    if material == "데님":
        noun = noun if ("데님" in noun or noun == "청바지") else f"데님 {noun}"
        return f"{fit} {noun} ({rng.choice(DENIM_COLORS)})", material
    return f"{material} {fit} {noun} ({rng.choice(COLORS)})", material


def make_description(rng: random.Random, item: ItemType, material: str, name: str) -> str:
    noun = name.split(" (")[0].removeprefix(f"{material} ")
    phrase = MATERIAL_PHRASES[material]
    first = f"{phrase}{instrumental_particle(phrase)} 만든 {noun}입니다."
    extra = [
        rng.choice(SEASON_SENTENCES[season_for(rng, item, material)]),
        rng.choice(STYLING_SENTENCES[item.category[0]]),
    ]
    rng.shuffle(extra)
    return " ".join([first] + extra[: rng.choice((0, 1, 2, 2))])


def instrumental_particle(word: str) -> str:
    """Korean 으로/로: 로 after a vowel or a final ㄹ, 으로 after any other final consonant."""
    final = (ord(word[-1]) - 0xAC00) % 28
    return "로" if final in (0, 8) else "으로"


def season_for(rng: random.Random, item: ItemType, material: str) -> str:
    if material in ("린넨", "텐셀", "나일론") and "여름" in item.seasons:
        return "여름"
    if material in ("울", "캐시미어", "기모") and "겨울" in item.seasons:
        return "겨울"
    return rng.choice(item.seasons)


def wash_methods(material: str) -> list[dict[str, str]]:
    return [{"label": WASH[value], "value": value} for value in WASH_BY_MATERIAL[material]]


def timestamps(rng: random.Random) -> tuple[str, str]:
    start = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
    created = start + timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 9))
    updated = created + timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 8))
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    return created.strftime(fmt), updated.strftime(fmt)


def dimensions(rng: random.Random, item: ItemType) -> tuple[int | None, int | None]:
    height = None
    if item.category[0] == "잡화" and item.category[1] == "가방":
        height = rng.randint(18, 45)
    elif item.category[0] != "잡화" and rng.random() < 0.6:
        height = rng.randint(40, 120) if item.category[0] != "상의" else rng.randint(55, 78)
    weight = rng.randint(*item.weight) if rng.random() < 0.8 else None
    return height, weight


def make_product(rng: random.Random, item: ItemType, sku: str, spec: dict) -> dict:
    if spec:
        name = spec["name"]
        material = spec.get("material", name.split(" ")[0])
    else:
        name, material = make_name(rng, item)
    status = "active" if spec else pick_status(rng)
    labels = size_labels(rng, item.sizes)
    if spec and item.prefix == "BS-SH":
        labels = CLOTHING_SIZES
    stock = make_stock(rng, labels, status)
    if spec and GUARANTEED_SIZE in stock:
        stock[GUARANTEED_SIZE] = max(stock[GUARANTEED_SIZE], rng.randint(2, 12))
    price = spec.get("price") or rand_price(rng, *item.price, material in ("캐시미어", "실크"))
    height, weight = dimensions(rng, item)
    created, updated = timestamps(rng)
    return {
        "sku": sku,
        "name": name,
        "image": [] if (not spec and rng.random() < 0.1) else [f"/images/{sku}.jpg"],
        "category": list(item.category),
        "description": make_description(rng, item, material, name),
        "price": price,
        "stock": stock,
        "height": height,
        "weight": weight,
        "status": status,
        "isDeleted": False,
        "washMethods": wash_methods(material),
        "createdAt": created,
        "updatedAt": updated,
    }


def build_catalogue(rng: random.Random) -> list[dict]:
    counters: dict[str, int] = {}
    used_names: set[str] = set()
    products = []
    jobs = [(ITEM_TYPES[spec["type"]], spec) for spec in CURATED]
    jobs += [(item, {}) for item in ITEM_TYPES for _ in range(item.count)]
    for item, spec in jobs:
        product = unique_product(rng, item, spec, counters, used_names)
        products.append(product)
    mark_deleted(rng, products[len(CURATED) :])
    return sorted(products, key=lambda product: product["sku"])


def unique_product(rng, item, spec, counters, used_names) -> dict:
    counters[item.prefix] = counters.get(item.prefix, 0) + 1
    sku = f"{item.prefix}-{counters[item.prefix]:04d}"
    while True:
        product = make_product(rng, item, sku, spec)
        if product["name"] not in used_names:
            used_names.add(product["name"])
            return product


def mark_deleted(rng: random.Random, products: list[dict]) -> None:
    for product in rng.sample(products, 3):
        product["isDeleted"] = True


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    products = build_catalogue(random.Random(SEED))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(products, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(products)} products to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
