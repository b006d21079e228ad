"""One message -> a `Frame`: what the shopper wants (intent) and the slot values they named.

Deterministic and cheap (regular expressions and dictionary look-ups, no LLM): it runs on
every turn in every answer mode. Which messages belong to the shop at all is the topic
gate's job (`gate.py`); a frame only reads what the message says.

Slots: categories, price band, sizes, colours, in-stock, sort. Refinement cues: "더 싼/비싼
거" (`relative`), "다른 색" (`other_color`), "그 중에" / a bare slot (`new_request` False),
"새로 찾을래요" (`reset`), "X 말고 Y" (the category after 말고 wins). References to shown
products: "이거", "그거", "첫 번째 거", "아까 그 셔츠" (`reference`), with the field asked
about (`asks`: wash, size, stock, price, material, color, fit).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from llm_server.dialogue.prices import parse_prices
from llm_server.dialogue.typos import correct
from llm_server.dialogue.unsold import unsold_words
from llm_server.rag.colors import read_colors, with_shades
from llm_server.rag.filters import (
    CATEGORY_WORDS,
    LONGEST_FIRST,
    NARROW_WORDS,
    parse_query,
    word_pattern,
)

#: "새로 찾을래요", "처음부터", "다른 거 찾을래요", "초기화".
RESET = re.compile(
    r"새로\s*(?:찾|보|검색|시작)|처음부터|다른\s*(?:거|걸|것|상품)\s*(?:찾|볼|보여|보고)|"
    r"다시\s*찾|초기화|리셋|조건\s*(?:다\s*)?(?:빼|지우|없애)|start\s*over|reset",
    re.I,
)
CHEAPER = re.compile(
    r"(?:더|좀|조금|좀\s*더|훨씬)\s*(?:싼|싸|저렴|착한)|(?<!비)싼\s*(?:거|걸|것|걸로|거로)|저렴한\s*(?:거|걸|것)|"
    r"가격\s*(?:낮은|내려|낮춰)|cheaper|less expensive",
    re.I,
)
PRICIER = re.compile(
    r"(?:더|좀|조금|좀\s*더)\s*(?:비싼|비싸|고급|좋은)|비싼\s*(?:거|걸|것)|고급스러운\s*(?:거|걸)|"
    r"pricier|more expensive|higher end",
    re.I,
)
OTHER_COLOR = re.compile(r"다른\s*(?:색|컬러|색상|색깔)|other colou?rs?", re.I)
WITHIN = re.compile(r"그\s*중(?:에|에서)?|이\s*중(?:에|에서)?|거기서|여기서|방금\s*(?:거|것)\s*중")
#: "X 말고 Y", "X는 빼 주세요": what is named before it is dropped.
INSTEAD = re.compile(r"말고|대신(?:에)?|아니고|빼고|빼\s*(?:주세요|주시고|줘요|줘|줄래요|줄래|주)|제외(?:하고|해\s*(?:주세요|줘요|줘)?)|instead of|except", re.I)
#: "셔츠도 같은 가격대로": a new category at the price band already chosen.
SAME_PRICE = re.compile(
    r"(?:같은|비슷한|그|이)\s*(?:가격|금액|예산)|가격\s*(?:은|는|대는)?\s*(?:그대로|똑같이|같게|비슷하게)|same price"
)
#: Words before 말고 that are not product attributes ("이거 말고", "비싼 거 말고").
_NOT_ATTRIBUTE = frozenset(
    ["이거", "그거", "저거", "이것", "그것", "저것", "이건", "그건", "저건", "그럼", "그냥", "이런", "그런", "저런", "너무", "비싼", "저렴한", "다른", "아까", "방금", "혹시", "사이즈", "색깔", "색상", "컬러", "가격", "상품", "제품", "보여", "추천"]
)
#: Store-policy words: "결제한 거 카드 말고 계좌이체로" swaps a payment method, not a product.
POLICY_WORD = re.compile(r"결제|카드|계좌|이체|입금|주문|배송|택배|반품|교환|환불|쿠폰|적립|포인트|영수증")
_PARTICLE = re.compile(r"(?:으로|에서|이랑|은|는|이|가|을|를|도|로|요|만|랑)+$")
#: "반바지는요?", "그럼 가디건으로요", "양말도 보여줘요": a bare follow-up that only names a
#: category keeps the price band, sizes and stock condition of the active query.
BARE_FILLER = re.compile(
    r"그럼|그러면|혹시|이번엔|이번에는|근데|은요|는요|은|는|도|으로|로|이랑|랑|요|어때요|어때|어떤가요|"
    r"있어요|있나요|있어|보여\s*줘요|보여\s*주세요|보여\s*줘|볼게요|볼래요|추천|해\s*주세요|해\s*줘요|해\s*줘|\?|!|\.|~|,",
)
ORDINALS = {
    "첫": 0, "첫째": 0, "1": 0, "한": 0,
    "두": 1, "둘째": 1, "2": 1,
    "세": 2, "셋째": 2, "3": 2,
    "네": 3, "넷째": 3, "4": 3,
}
ORDINAL = re.compile(
    r"(첫|두|세|네|[1-4])\s*(?:번\s*째|번째|째)\s*(?:거|것|꺼|상품|제품|옷)?|"
    # "2번 얼마예요?", "1번 상품": a position; "2번 빨았는데", "한 번 입었어요" are counts
    r"(?<![\d.])([1-4])\s*번(?!\s*째)(?:\s*(?:거|것|꺼|상품|제품|옷))?"
    r"(?!\s*(?:빨|세탁|입|샀|사|주문|했|더|정도|이상|씩|교환|반품))|"
    r"(처음|맨\s*(?:처음|앞|위)|제일\s*(?:처음|앞|위))\s*(?:에\s*)?(?:거|것|꺼|상품|제품|옷|[가-힣]{1,4}(?:은|는)?\s)"
)
#: "마지막 거", "마지막 코트", "맨 끝에 거" ("마지막으로 하나만" is no reference).
LAST = re.compile(r"마지막(?!\s*(?:으로|에|이에요|입니다))|맨\s*(?:끝|아래|밑)|끝에\s*(?:거|것|꺼)")
#: A pronoun or "아까 그 X" pointing at a shown product.
#: "이 모자", "그 니트": 이/그 before a product word ("저 바지" is "I ... trousers": not one).
_SHOWN_NOUNS = "|".join(
    sorted({"상품", "제품", "옷", "티", *(w for w in CATEGORY_WORDS if re.fullmatch(r"[가-힣]+", w))}, key=len, reverse=True)
)
REFERENCE = re.compile(
    r"(?<![가-힣])(?:이거|이것|그거|그것|저거|저것|이건|그건|저건|요거|"
    rf"(?:이|그)\s*(?:{_SHOWN_NOUNS})(?![가-힣]*\s*중)|"
    r"방금\s*(?:거|그|본|보여)|아까\s*(?:거|그|본|보여)|위에\s*(?:거|꺼))"
    r"|\bthis one\b|\bthat one\b|\bit\b",
    re.I,
)
#: Field of a shown product a question asks about.
#: "세탁기로 빨아도 되는 니트", "손세탁 가능한 거": a wash method wanted of the products
#: (catalog washMethods values), only as a modifier of what is wanted: "니트 세탁기 돌려도
#: 되나요?" asks the FAQ.
WASH_WANTS: tuple[tuple[str, re.Pattern], ...] = (
    ("machine", re.compile(r"세탁기|물\s*세탁|machine[- ]?wash", re.I)),
    ("hand", re.compile(r"손\s*세탁|손\s*빨래|hand[- ]?wash", re.I)),
    ("wool_cycle", re.compile(r"울\s*코스", re.I)),
)
WASH_MODIFIER = re.compile(
    r"^[^?.!]{0,15}?(?:(?:되|돼)는|가능한|할\s*수\s*있는|괜찮은|ok인|able)\s*(?:[가-힣]{1,6}|\w+)", re.I
)

#: A gift request starts afresh: whatever was being looked at, a gift is a new search.
GIFT = re.compile(r"선물|gift|present for", re.I)

ASKS: tuple[tuple[str, re.Pattern], ...] = (
    ("wash", re.compile(r"세탁|빨아|빨래|빨면|건조기|드라이|손빨래|물빨래|다림|줄어|wash|dry", re.I)),
    ("stock", re.compile(r"재고|품절|남아|있어요\?*$|살 수|구매\s*가능|in stock", re.I)),
    ("size", re.compile(r"사이즈|치수|size|[SML]\s*(?:사이즈|있)|XL|프리", re.I)),
    ("price", re.compile(r"얼마|가격|price|how much", re.I)),
    ("material", re.compile(r"소재|재질|원단|성분|면\s*\d|두께|두꺼|얇|비치|신축|material|fabric", re.I)),
    ("color", re.compile(r"무슨\s*색|색(?:상|깔)?\s*(?:은|이|뭐)|colou?r", re.I)),
    ("fit", re.compile(r"핏|기장|길이|오버|슬림|크게|작게|fit", re.I)),
)
HANDOFF = re.compile(
    r"상담원|상담사|상담\s*(?:원|사|직원)?\s*(?:연결|전화|통화)|"
    r"(?:사람|직원|매니저|담당자|관리자)(?:\s*분|님)?\s*(?:이랑|하고|과|와|한테|에게)?\s*(?:직접|바로|좀)?\s*"
    r"(?:연결|통화|얘기|이야기|대화|말|상담)|"
    r"(?:직원|사람|담당자)\s*(?:불러|바꿔)|고객\s*센터\s*(?:연결|전화|번호)|콜\s*센터|전화\s*(?:상담|연결|번호)|"
    r"real person|human agent|talk to (?:a )?(?:human|person|agent|someone)|customer service|live agent",
    re.I,
)
ORDER_STATUS = re.compile(
    r"(?:주문|구매|결제|시킨|산)\s*(?:한|했던|하신|한\s*거|했던\s*거)?\s*(?:거|것|상품|옷|물건|내역)?\s*"
    r"(?:어디|언제\s*(?:와|오|도착|받)|조회|상태|배송\s*(?:상태|조회|현황)|도착|출발|발송)|"
    r"(?:어제|그제|그저께|지난주|저번\s*주|며칠\s*전|저번에|전에)\s*(?:산|시킨|주문한|구매한|샀던)\s*(?:[가-힣]+\s*){0,2}?"
    r"(?:언제|어디|도착|왔|와|오나|배송)|"
    # "제가 시킨 옷 아직 안 왔어요", "주문한 니트 배송 언제 돼요?": something bought, not yet here
    r"(?:주문한|주문했던|주문하신|구매한|결제한|(?<![가-힣])시킨|(?<![가-힣])산)\s+(?:[가-힣]+\s+){0,2}?"
    r"(?:(?:배송|택배)\s*(?:이|가|은|는)?\s*)?(?:아직\s*)?"
    r"(?:어디|언제\s*(?:와|오|도착|받|돼|되|올)|안\s*(?:왔|와|오|옴)|못\s*받|도착|출발|발송)|"
    r"(?:제|내|저희)\s*(?:주문|택배|배송)|배송\s*(?:조회|추적|현황)|운송장|송장\s*번호|주문\s*번호|"
    r"where(?:'s| is) my (?:order|package)|track(?:ing)? my|order status",
    re.I,
)
ORDER_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:BS-?)?(\d{8}-?\d{4,6}|\d{10,14})(?![\d])", re.I)
CART_ADD = re.compile(r"담아|담을게|담기|장바구니에?\s*(?:넣|담|추가)|카트에|add to (?:my )?cart", re.I)
#: Words that ask to see products ("보여줘", "추천", "있어요?").
PRODUCT_REQUEST = re.compile(r"추천|보여|찾아|찾고|있(?:어|나|을까|는지|나요|어요)|골라|사고\s*싶|살래|구경|recommend|show me", re.I)


@dataclass(frozen=True)
class Frame:
    """What one message says, before it is merged into the dialogue state."""

    text: str
    intent: str = "shop"  # shop | product_question | handoff | order_status | cart_add
    categories: tuple[str, ...] = ()
    excluded_categories: tuple[str, ...] = ()
    #: Name words to leave out: "백팩 말고", "니트 원피스 말고" (the head category stays).
    excluded_words: tuple[str, ...] = ()
    #: Kinds of product the shop may not sell at all ("수영복", "운동화"): checked against
    #: the catalog before saying so.
    unsold: tuple[str, ...] = ()
    same_price: bool = False  # "같은 가격대로": a new category keeps the price band
    price_min: int | None = None
    price_max: int | None = None
    sizes: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    excluded_colors: tuple[str, ...] = ()
    unknown_colors: tuple[str, ...] = ()
    wash: tuple[str, ...] = ()  # wash methods the products must allow ("세탁기 되는 니트")
    gift: bool = False  # "선물 추천": a new search across categories, not a refinement
    budget: bool = False  # the price is the shopper's budget: it outlives a category switch
    bare: bool = False  # only a category and filler words ("반바지는요?")
    in_stock: bool = False
    sort: str | None = None
    relative: str | None = None  # cheaper | pricier
    other_color: bool = False
    within: bool = False
    reset: bool = False
    reference: int | None = None  # index into the shown products (-1: the last one)
    refers: bool = False  # a pronoun points at something shown ("이거")
    asks: tuple[str, ...] = ()
    order_number: str | None = None
    words: str = ""  # what is left for ranking once the slots are taken out
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_slots(self) -> bool:
        return bool(
            self.categories
            or self.price_min is not None
            or self.price_max is not None
            or self.sizes
            or self.colors
            or self.excluded_colors
            or self.excluded_words
            or self.unknown_colors
            or self.wash
            or self.in_stock
            or self.sort
            or self.relative
            or self.other_color
        )

    @property
    def new_request(self) -> bool:
        """A complete request that replaces the active query: it names a category
        (and is not "그 중에 ..."), unless it only swaps one ("X 말고 Y" keeps the rest)."""
        return bool(self.categories) and not self.within and not self.excluded_categories and not self.excluded_words

    def slot_names(self) -> tuple[str, ...]:
        names = [
            ("categories", bool(self.categories)),
            ("price", self.price_min is not None or self.price_max is not None or bool(self.relative)),
            ("sizes", bool(self.sizes)),
            ("colors", bool(self.colors or self.other_color or self.excluded_colors)),
            ("exclude_words", bool(self.excluded_words)),
            ("wash", bool(self.wash)),
            ("in_stock", self.in_stock),
            ("sort", bool(self.sort)),
        ]
        return tuple(name for name, on in names if on)


def nfc(text: str) -> str:
    """The boundary normalisation: NFC (macOS may send decomposed Hangul), trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def interpret(message: str) -> Frame:
    """Read one (NFC) message into a frame; never raises on any text."""
    text = correct(nfc(message))
    parsed = parse_query(text)
    found = _filters_dict(parsed)
    band = _price_left_out(text, parse_prices(text))
    colors, unknown = read_colors(text)
    colors, excluded_colors = _colors(text, colors)
    categories, excluded, excluded_words = _exclusion(text, tuple(found.get("categories") or ()))
    categories = tuple(c for c in _families(_compound_head(text, categories)) if c not in excluded)
    reference = _reference(text)
    refers = reference is not None or bool(REFERENCE.search(text))
    asks = tuple(name for name, pattern in ASKS if pattern.search(text))
    return Frame(
        text=text,
        intent=_intent(text, refers, asks),
        categories=categories,
        excluded_categories=excluded,
        excluded_words=excluded_words,
        unsold=unsold_words(text) if not categories else (),
        same_price=bool(SAME_PRICE.search(text)),
        price_min=band.low,
        price_max=band.high,
        sizes=tuple(found.get("sizes") or ()),
        colors=tuple(colors),
        excluded_colors=tuple(excluded_colors),
        unknown_colors=tuple(unknown),
        wash=_wash(text),
        gift=bool(GIFT.search(text)),
        budget=band.budget,
        bare=_bare(text, categories),
        in_stock=bool(found.get("in_stock")),
        sort=found.get("sort"),
        relative=None if found.get("sort") else _relative(text),
        other_color=bool(OTHER_COLOR.search(text)),
        within=bool(WITHIN.search(text)),
        reset=bool(RESET.search(text)),
        reference=reference,
        refers=refers,
        asks=asks,
        order_number=_order_number(text),
        words=_with_english_attributes(_kept_words(_ranking_words(text, band.spans)), text),
        notes=tuple(dict.fromkeys([*band.notes, *getattr(parsed, "notes", [])])),
    )


def _filters_dict(parsed) -> dict:
    filters = parsed.filters
    if hasattr(filters, "model_dump"):
        return filters.model_dump()
    return dict(filters)


def _exclusion(
    text: str, found: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """What "X 말고 Y" keeps and drops: (categories, excluded categories, excluded name words).

    "셔츠 말고 니트" -> (("니트",), ("셔츠",), ()): a category before 말고 is dropped.
    "백팩 말고 다른 거" -> (("가방",), (), ("백팩",)): a narrower kind is dropped by name.
    "니트 원피스 말고요" -> (("원피스",), (), ("니트",)) and "린넨 셔츠 말고" -> (("셔츠",), (),
    ("린넨",)): the last category word is the head noun and stays; its modifiers are dropped.
    """
    match = INSTEAD.search(text)
    if not match:
        return found, (), ()
    start = _clause_start(text, match.start())
    before_text = _without_prices(text[start : match.start()])
    before = tuple(_filters_dict(parse_query(before_text)).get("categories") or ())
    # "긴 바지로요, 반바지 빼고": what is kept is named anywhere outside the dropped clause
    after = tuple(_filters_dict(parse_query(text[:start] + " " + text[match.end() :])).get("categories") or ())
    if match.group(0).startswith("대신") and not after:
        return before, (), ()
    head, words = _head_and_modifiers(before_text)
    if words:
        return after or head, (), words
    if not found:
        return found, (), ()
    return after, tuple(c for c in before if c not in after), ()


def _price_left_out(text: str, band):
    """ "10만원 넘는 건 빼고" keeps what costs at most 10만원; "5만원 이하는 빼 주세요" what
    costs more: a price band named before 빼고/말고 is the part left out."""
    match = INSTEAD.search(text)
    if not match or match.group(0).startswith("대신") or (band.low is None) == (band.high is None):
        return band
    after = parse_prices(text[match.end() :])
    named = _filters_dict(parse_query(text[: match.start()])).get("categories")
    if named or after.low is not None or after.high is not None:
        return band  # "3만원 이하 셔츠 말고 니트": the price goes with the request
    if band.low is not None:
        inclusive = re.search(r"이상|부터", text[: match.start()]) is not None
        return replace(band, low=None, high=band.low - 1 if inclusive else band.low)
    return replace(band, low=band.high + 1, high=None)


#: "니트 원피스", "셔츠 원피스": a kind of dress, not knits and dresses; the modifier narrows
#: the dresses by name (the retriever keeps category words outside the filter as name words).
_DRESS_COMPOUND = re.compile(r"(니트|셔츠|스웨터|데님)\s*(?=원피스|드레스)")


def _compound_head(text: str, categories: tuple[str, ...]) -> tuple[str, ...]:
    match = _DRESS_COMPOUND.search(text)
    if not match or "원피스" not in categories:
        return categories
    modifier = CATEGORY_WORDS.get(match.group(1))
    return tuple(c for c in categories if c != modifier)


#: English style and material words -> the catalog's Korean name words, so "linen pants"
#: and "oversize hoodie" narrow by name like "린넨 바지" and "오버핏 후드티".
ENGLISH_ATTRIBUTES = {
    "linen": "린넨", "wool": "울", "cotton": "코튼", "cashmere": "캐시미어", "mohair": "모헤어",
    "nylon": "나일론", "rayon": "레이온", "suede": "스웨이드", "leather": "레더", "canvas": "캔버스",
    "denim": "데님", "oversize": "오버핏", "oversized": "오버핏", "crop": "크롭", "cropped": "크롭",
    "wide": "와이드", "slim": "슬림", "loose": "루즈핏", "stripe": "스트라이프", "striped": "스트라이프",
    "oxford": "옥스포드", "pleated": "플리츠", "zip": "집업", "turtleneck": "터틀넥", "cable": "케이블",
    "trench": "트렌치", "midi": "미디", "mini": "미니", "long": "롱", "short": "숏", "fleece": "기모",
}


def _with_english_attributes(words: str, text: str) -> str:
    found = [ENGLISH_ATTRIBUTES[w] for w in re.findall(r"[a-z]+", text.lower()) if w in ENGLISH_ATTRIBUTES]
    extra = [w for w in dict.fromkeys(found) if w not in words]
    return f"{words} {' '.join(extra)}".strip() if extra else words


def _clause_start(text: str, end: int) -> int:
    """Where the clause ending at `end` starts: after the last , . ! ? before it."""
    cut = max(text.rfind(mark, 0, end) for mark in ",.!?;")
    return cut + 1 if cut >= 0 else 0


def _without_prices(text: str) -> str:
    """`text` with its price phrases blanked ("10만원 넘는 건" names no product)."""
    plain = unicodedata.normalize("NFKC", text)
    for start, stop in sorted(parse_prices(plain).spans, reverse=True):
        plain = plain[:start] + " " + plain[stop:]
    return plain


def _head_and_modifiers(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ "니트 원피스" -> (("원피스",), ("니트",)); "백팩" -> (("가방",), ("백팩",)); "린넨" ->
    ((), ("린넨",)). The head is the last category word; a narrower kind is a name word."""
    rest = phrase.lower()
    spots: list[tuple[int, str]] = []
    for word in LONGEST_FIRST:
        pattern = word_pattern(word)
        spots += [(hit.start(), word) for hit in pattern.finditer(rest)]
        rest = pattern.sub(lambda hit: " " * len(hit.group(0)), rest)
    spots.sort()
    modifiers = [w for _, w in spots[:-1] if re.fullmatch(r"[가-힣]{2,}", w)]
    head = spots[-1][1] if spots else None
    if head in NARROW_WORDS:
        modifiers.append(head)
    modifiers += _attribute_words(rest)
    categories = (CATEGORY_WORDS[head],) if head else ()
    return categories, tuple(dict.fromkeys(modifiers))


def _attribute_words(rest: str) -> list[str]:
    """Material and style words left in a phrase ("린넨", "스트라이프"): Hangul, two
    syllables or more, not a colour, size, price or filler word."""
    found = []
    for token in re.findall(r"[가-힣]+", rest):
        word = _PARTICLE.sub("", token)
        colours, unknown = read_colors(token)
        if len(word) >= 2 and word not in _NOT_ATTRIBUTE and not colours and not unknown:
            found.append(word)
    return [] if any(POLICY_WORD.search(w) for w in found) else found


def _wash(text: str) -> tuple[str, ...]:
    """Wash methods named as a wanted property: "세탁기로 빨아도 되는 니트" -> ("machine",)."""
    wanted = []
    for value, pattern in WASH_WANTS:
        match = pattern.search(text)
        if match and WASH_MODIFIER.search(text[match.end() :]):
            wanted.append(value)
    return tuple(wanted)


def _kept_words(words: str) -> str:
    """ "반팔 말고 긴팔", "린넨 말고 코튼으로" rank by what comes after 말고: what comes
    before it is what the shopper drops."""
    match = INSTEAD.search(words)
    if match is None or match.group(0).startswith("대신"):
        return words
    start = _clause_start(words, match.start())
    return (words[:start] + " " + words[match.end() :]).strip(" ,")


def _colors(text: str, colors: list[str]) -> tuple[list[str], list[str]]:
    """ "민트 말고 다른 색" -> ([], ["민트"]): colours named before 말고/빼고 are left out."""
    match = INSTEAD.search(text)
    if not match or not colors:
        return colors, []
    before, _ = read_colors(text[: match.start()])
    after, _ = read_colors(text[match.end() :])
    if match.group(0).startswith("대신"):
        return before or after, []
    return after, [c for c in with_shades(before) if c not in after]


FOLLOW_MARK = re.compile(r"(?:은|는)\s*요|(?:은|는)\s*어때|(?:은|는)\s*어떤|(?:으로|로)\s*요")
#: A particle right after the category word that marks a switch ("치마는?", "니트도", "후드티로").
SWITCH_PARTICLE = re.compile(r"\s*(?:쪽\s*)?(?:은|는|도|으로|로)(?![가-힣])|\s*쪽")
SWITCH_OPENER = re.compile(r"^(?:그럼|그러면|이번엔|이번에는|그렇다면)")
#: Words of a bare switch besides the category: requests and fillers only.
REQUEST_TOKEN = re.compile(
    r"^(?:좀|그럼|그러면|혹시|이번엔|이번에는|근데|그리고|어떤|무슨|거|것|걸|뭐|뭐가|쪽|요|다른|한번|한\s*번)$|"
    r"^(?:보여|보이|찾|있|없|추천|볼|보고|봐|바꾸|바꿀|바꿔|구경|골라|알려|어때|어떤가|어떻|될까|되나|돼|"
    r"주세|줘|주실|해\s*주|해줘|할게|할래|갈게|가볼|살펴)"
)


#: Shopper words for a family of catalog categories: "바지" is any pair of trousers.
FAMILIES = {"바지": ("바지", "청바지", "슬랙스", "반바지")}


def _families(categories: tuple[str, ...]) -> tuple[str, ...]:
    expanded = [member for c in categories for member in FAMILIES.get(c, (c,))]
    return tuple(dict.fromkeys(expanded))


def _bare(text: str, categories: tuple[str, ...]) -> bool:
    """A category switch that keeps the other conditions: "반바지는요?", "치마는?", "니트도
    보여주실래요?", "후드티로 바꿀게요", "이번엔 양말": a category word with a topic, "also"
    or direction particle (or 그럼/이번엔 before it) and nothing else but request words."""
    if not categories:
        return False
    lowered = text.lower()
    rest = lowered
    marked = bool(FOLLOW_MARK.search(text) or SWITCH_OPENER.search(text))
    for word in LONGEST_FIRST:
        pattern = word_pattern(word)
        for hit in pattern.finditer(rest):
            marked = marked or bool(SWITCH_PARTICLE.match(rest, hit.end()))
        rest = pattern.sub(" ", rest)
    if not marked:
        return False
    if BARE_FILLER.sub(" ", rest).strip() == "":
        return True
    leftover = re.sub(r"[?!.~,…]", " ", rest)
    return all(REQUEST_TOKEN.match(_PARTICLE.sub("", token) or "요") for token in leftover.split())


def _reference(text: str) -> int | None:
    if LAST.search(text):
        return -1
    match = ORDINAL.search(text)
    if not match:
        return None
    if match.group(3):
        return 0  # "처음 거", "맨 위에 거"
    return ORDINALS.get(match.group(1) or match.group(2))


def _relative(text: str) -> str | None:
    if CHEAPER.search(text):
        return "cheaper"
    if PRICIER.search(text):
        return "pricier"
    return None


#: "배송 조회 어디서 해요?": how to do it oneself is an FAQ question, not a request to look up.
HOW_TO_SELF = re.compile(r"어디서|어떻게|방법|how do i|how can i", re.I)


def _intent(text: str, refers: bool, asks: tuple[str, ...]) -> str:
    if HANDOFF.search(text):
        return "handoff"
    if CART_ADD.search(text):
        return "cart_add"
    if ORDER_NUMBER.search(text):
        return "order_status"
    if ORDER_STATUS.search(text) and not HOW_TO_SELF.search(text):
        return "order_status"
    if refers and asks:
        return "product_question"
    return "shop"


def _order_number(text: str) -> str | None:
    match = ORDER_NUMBER.search(text)
    return match.group(0) if match else None


def _ranking_words(text: str, spans: list[tuple[int, int]]) -> str:
    """The message without its price phrases (spans are on the NFKC, comma-free text)."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", unicodedata.normalize("NFKC", text))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    text = re.sub(r"(?<![가-힣])(?:(?:으로|로)요?|요)(?![가-힣])", " ", text)
    return re.sub(r"\s+", " ", text).strip()
