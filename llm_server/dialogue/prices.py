"""Korean price and budget expressions -> a price band in KRW.

"7만원 밑으로", "1만5000원 이하", "2~3만원대", "만원 이하", "₩30,000 이하", "예산은 5만원",
"10만원대", "3만 원 넘지 않는", "오만원 안쪽", "under 30000" -> `PriceBand(low, high)`.
Amounts may be digits (commas, full-width), with 만/천/k units, with Sino-Korean numerals
(오만원, 십만원대), or units alone (만원 = 10,000). Bounds are inclusive; "미만" and "초과"
exclude the amount itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Above this a "price" is a typo or a probe, not a budget (1억원).
MAX_SANE_PRICE = 100_000_000

_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1_000}
_NUMERAL = r"(?:[일이삼사오육칠팔구]?[십백천])*[일이삼사오육칠팔구]?"
#: One amount: digits or Sino-Korean numerals, an optional 만/천/k unit and an optional
#: trailing "N천"/"N000" (1만5000, 1만 5천, 오만 오천), then an optional 원.
_AMOUNT = (
    r"(?P<neg>-\s*)?(?P<won_sign>[₩￦]\s*)?"
    r"(?P<num>\d+(?:\.\d+)?|" + _NUMERAL + r")\s*(?P<unit>억|만|천|k|K)?"
    r"(?:\s*(?P<rest>\d{1,4}|[일이삼사오육칠팔구]?천(?:[일이삼사오육칠팔구]?백)?)(?P<rest_unit>천)?)?"
    r"\s*(?P<won>원|won|krw|KRW)?"
)


@dataclass
class PriceBand:
    """Inclusive KRW bounds (None = open) and notes on expressions that were ignored."""

    low: int | None = None
    high: int | None = None
    notes: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: True when the amount is the shopper's budget ("예산은 5만원", "3만원 정도로"): it holds
    #: for the rest of the conversation, across categories.
    budget: bool = False

    @property
    def empty(self) -> bool:
        return self.low is None and self.high is None


def _numeral(text: str) -> int | None:
    """Sino-Korean numerals below 10,000: "오" 5, "십" 10, "이십오" 25, "삼천" 3000."""
    if not text:
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (digit or 1) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(raw: str) -> float | None:
    if not raw:
        return None
    if raw[0].isdigit():
        return float(raw)
    value = _numeral(raw)
    return float(value) if value is not None else None


def _rest_value(rest: str | None, rest_unit: str | None) -> int:
    if not rest:
        return 0
    if rest[0].isdigit():
        return int(rest) * (1_000 if rest_unit else 1)
    return _numeral(rest) or 0


@dataclass(frozen=True)
class Amount:
    value: int | None  # None: negative or unreadable
    is_price: bool  # has 원/₩/만/천: certainly money, not a size or a count
    unit: str
    leading: float
    span: tuple[int, int]
    has_rest: bool


def _amount(match: re.Match, prefix: str = "") -> Amount | None:
    g = lambda name: match.group(prefix + name)  # noqa: E731 - named-group accessor
    num, unit = g("num"), (g("unit") or "").lower()
    if not num and not unit:
        return None
    number = _number(num) if num else 1.0  # "만원" = 1만원
    if number is None:
        return None
    scale = {"억": 100_000_000, "만": 10_000, "천": 1_000, "k": 1_000}.get(unit, 1)
    value = int(round(number * scale)) + _rest_value(g("rest"), g("rest_unit"))
    if g("rest") and not unit:
        return None  # "3 5000" is two numbers, not one amount
    is_price = bool(unit or g("won") or g("won_sign"))
    if num and not num[0].isdigit() and not (unit or g("won")):
        return None  # a bare Korean numeral word ("이", "오") is not an amount
    return Amount(
        None if g("neg") else value, is_price, unit, number, match.span(), bool(g("rest"))
    )


def _named(prefix: str) -> str:
    return re.sub(r"\(\?P<", f"(?P<{prefix}", _AMOUNT)


_A, _B = _named("a_"), _named("b_")
_RANGE = re.compile(
    rf"{_A}\s*(?:~|-|–|〜|에서|부터)\s*{_B}\s*(?P<band>대(?![학회표신출비여략충]))?(?:\s*(?:사이|까지|정도))?", re.I
)
_MAX_WORDS = (
    r"이하|미만|아래|밑|까지|이내|안쪽|안으로|안에서|안\b|내로|내에서|언더|"
    r"넘지\s*않|안\s*넘|넘으면\s*안|보다\s*(?:싼|싸|저렴|적)|를?\s*넘기지"
)
_MIN_WORDS = r"이상|초과|넘는|넘게|넘어|넘은|부터|보다\s*(?:비싼|비싸|많)|위로|위"
_AFTER = re.compile(rf"{_A}\s*(?:짜리\s*)?(?P<word>{_MAX_WORDS}|{_MIN_WORDS})", re.I)
_BAND = re.compile(rf"{_A}\s*(?:짜리\s*)?대(?![학회표신출비여략충])", re.I)
_BUDGET = re.compile(rf"(?:예산|budget)\s*(?:은|는|이|이요|:)?\s*(?:한|약|대략|최대)?\s*{_A}", re.I)
#: "5만원 예산", "4만원밖에 없는데", "3만원뿐이에요": the most that can be spent.
_BUDGET_AFTER = re.compile(rf"{_A}\s*(?:예산|안에서|한도|내에서|밖에\s*(?:없|안)|뿐)", re.I)
_AROUND = re.compile(rf"{_A}\s*(?:정도|쯤|내외|안팎|선에서|선으로|전후|언저리)", re.I)
#: "10만원으로 코트 살 수 있어요?", "3만원으로 사려고요": the amount is what can be spent.
_SPEND = re.compile(rf"{_A}\s*(?:으로|로)\s*(?:[가-힣]+\s*){{0,2}}?(?:살|사려|사고|사도|구매|구입|장만)", re.I)
_BEFORE = re.compile(
    rf"(?P<word>under|below|less than|up to|max|최대|over|above|more than|at least|min|최소)\s*{_A}",
    re.I,
)
_ANY = re.compile(_A, re.I)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def parse_prices(text: str) -> PriceBand:
    """All price conditions in `text` (already NFC or not), merged into one band.

    Later, more specific phrases do not widen earlier ones: a range or band sets both
    bounds; "이하/미만/..." sets the upper; "이상/초과/..." the lower.
    """
    text = _normalize(text)
    band = PriceBand()
    _drop_vague(text, band)
    _ranges(text, band)
    _bands(text, band)
    _bounded(text, band)
    _budget(text, band)
    _around(text, band)
    _check(text, band)
    return band


def _free(band: PriceBand, span: tuple[int, int]) -> bool:
    return not any(s < span[1] and span[0] < e for s, e in band.spans)




def _drop_vague(text: str, band: PriceBand) -> None:
    """ "몇 만원 넘게 사면 무료예요?": "몇 만원" is no amount; its span is taken so nothing reads it."""
    for m in re.finditer(r"몇\s*(?:십|백|천)?\s*(?:만|천)\s*원?", text):
        band.spans.append(m.span())


def _ranges(text: str, band: PriceBand) -> None:
    for m in _RANGE.finditer(text):
        first, second = _amount(m, "a_"), _amount(m, "b_")
        if not first or not second or not (first.is_price or second.is_price or m.group("band")):
            continue
        if first.value is None or second.value is None:
            continue
        low, high = first.value, second.value
        if second.unit and not first.unit and not first.has_rest:
            low = _scaled(first.leading, second.unit)  # "2~3만원" = 2만~3만
        if m.group("band"):
            high = _band_bounds(second)[1]
        band.low, band.high = low, high
        band.spans.append(m.span())


def _scaled(leading: float, unit: str) -> int:
    return int(round(leading * {"억": 100_000_000, "만": 10_000, "천": 1_000, "k": 1_000}.get(unit, 1)))


def _band_bounds(amount: Amount) -> tuple[int, int]:
    """ "3만원대" 30,000..39,999; "10만원대" 100,000..199,999; "5천원대" 5,000..5,999."""
    value = amount.value or 0
    leading = int(amount.leading)
    if amount.has_rest or not leading:
        width = 1_000
    elif amount.unit:
        # "3만원대" 3만~3만9999, "10만원대" 10만~19만9999, "15만원대" 15만~15만9999
        width = _scaled(1, amount.unit) * 10 ** _trailing_zeros(leading)
    else:
        width = 10 ** (len(str(value)) - 1)
    return value, value + width - 1


def _trailing_zeros(number: int) -> int:
    text = str(number)
    return len(text) - len(text.rstrip("0"))


def _bands(text: str, band: PriceBand) -> None:
    for m in _BAND.finditer(text):
        amount = _amount(m, "a_")
        if not amount or not amount.is_price or not _free(band, m.span()):
            continue
        if amount.value is None:
            _note(band, m.group(0))
            continue
        band.low, band.high = _band_bounds(amount)
        band.spans.append(m.span())


def _bounded(text: str, band: PriceBand) -> None:
    for m in _AFTER.finditer(text):
        amount = _amount(m, "a_")
        if not amount or not amount.is_price or not _free(band, m.span()):
            continue
        band.spans.append(m.span())
        if amount.value is None:
            _note(band, m.group(0))
            continue
        word = m.group("word")
        if re.match(_MIN_WORDS, word) and not re.match(r"넘지|넘으면|넘기지", word):
            band.low = amount.value + 1 if word == "초과" else amount.value
        else:
            band.high = amount.value - 1 if word == "미만" else amount.value
    for m in _BEFORE.finditer(text):
        amount = _amount(m, "a_")
        if not amount or amount.value is None or not _free(band, m.span()):
            continue
        band.spans.append(m.span())
        if m.group("word").lower() in ("under", "below", "less than", "up to", "max", "최대"):
            band.high = amount.value
        else:
            band.low = amount.value


def _budget(text: str, band: PriceBand) -> None:
    for pattern in (_BUDGET, _BUDGET_AFTER):
        for m in pattern.finditer(text):
            amount = _amount(m, "a_")
            if not amount or amount.value is None or not _free(band, m.span()):
                continue
            if pattern is _BUDGET_AFTER and not amount.is_price:
                continue
            band.spans.append(m.span())
            band.high = amount.value
            band.budget = True


def _around(text: str, band: PriceBand) -> None:
    """ "5만원 정도", "3만원 선에서", "10만원으로 살 수 있는": a budget, so at most that much
    (a shop clerk never shows a shopper something over the amount they named)."""
    for pattern in (_AROUND, _SPEND):
        for m in pattern.finditer(text):
            amount = _amount(m, "a_")
            if not amount or not amount.is_price or amount.value is None or not _free(band, m.span()):
                continue
            band.spans.append(m.span())
            band.high = amount.value
            band.budget = True


def _note(band: PriceBand, phrase: str) -> None:
    band.notes.append(f"가격 조건 '{phrase.strip()}'은(는) 올바른 금액이 아니어서 무시했어요.")


def _check(text: str, band: PriceBand) -> None:
    for m in _ANY.finditer(text):
        amount = _amount(m, "a_")
        if not amount or not amount.is_price or not _free(band, m.span()):
            continue
        if amount.value is None or amount.value <= 0 or amount.value > MAX_SANE_PRICE:
            band.notes.append(f"가격 '{m.group(0).strip()}'은(는) 올바른 금액이 아니어서 무시했어요.")
    for name in ("low", "high"):
        value = getattr(band, name)
        if value is not None and (value <= 0 or value > MAX_SANE_PRICE):
            word = "이상" if name == "low" else "이하"
            band.notes.append(f"가격 조건({value:,}원 {word})은 올바른 금액이 아니어서 무시했어요.")
            setattr(band, name, None)
    if band.low is not None and band.high is not None and band.low > band.high:
        band.notes.append(
            f"가격 범위({band.low:,}원 이상, {band.high:,}원 이하)가 맞지 않아 가격 조건을 무시했어요."
        )
        band.low = band.high = None


def price_text_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the price phrases in NFKC-normalised `text` (to blank them before ranking)."""
    return parse_prices(text).spans
