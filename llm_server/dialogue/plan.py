"""A turn's plan: the frame, read in the light of the dialogue state, and what to do with it.

`plan_turn(frame, state, gate)` decides the turn's intent (greeting, thanks, off_topic,
handoff, order_status, cart_add, product_question, shop), the effective product query
(merged with the state's, see `state.merge`), whether products are certainly wanted, and
which shown products a reference points at. Pure and fast: no I/O, no model call beyond
the gate's linear model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from llm_server.dialogue.frames import INSTEAD, POLICY_WORD, PRODUCT_REQUEST, Frame
from llm_server.dialogue.gate import TopicGate
from llm_server.dialogue.state import DialogueState, ProductQuery, ShownProduct, merge

SOCIAL = ("greeting", "thanks", "off_topic")
MORE = re.compile(r"더\s*보여|또\s*(?:뭐|다른)|비슷한|다른\s*(?:거|것|상품)")


@dataclass(frozen=True)
class TurnPlan:
    frame: Frame
    intent: str
    query: ProductQuery
    carried_over: bool = False
    #: True: the message is about products (slots, refinements); None: let retrieval decide
    #: between products and the FAQ from the text.
    wants_products: bool | None = None
    referenced: tuple[ShownProduct, ...] = ()
    gate_score: float = 1.0
    #: What the FAQ is searched with: the message, or after an FAQ answer a conditional
    #: follow-up joined to that question ("카드로 결제했으면요?" after the refund FAQ).
    faq_query: str = ""
    #: The LLM's standalone rewrite of a follow-up (dialogue/rewrite.py), when one was made.
    rewritten: str | None = None

    def with_rewrite(self, query: str) -> TurnPlan:
        """Search with `query` (products and FAQ); the merged filters stay as they are."""
        return replace(self, rewritten=query, faq_query=query, query=replace(self.query, words=query))


def plan_turn(frame: Frame, state: DialogueState, gate: TopicGate | None) -> TurnPlan:
    decision = gate.classify(frame, in_conversation=state.active) if gate else None
    if decision is not None and decision.intent == "off_topic" and frame.unsold:
        decision = replace(decision, intent="shop")  # "운동화 추천해 줘": a shop question, answered honestly
    if decision is not None and decision.intent in SOCIAL:
        return TurnPlan(frame, decision.intent, state.query, gate_score=decision.score)
    score = decision.score if decision else 1.0
    if frame.intent in ("handoff", "order_status"):
        return TurnPlan(frame, frame.intent, state.query, gate_score=score)
    referenced = _referenced(frame, state)
    if frame.intent == "cart_add":
        return TurnPlan(frame, "cart_add", state.query, referenced=referenced, gate_score=score)
    if frame.intent == "product_question" and referenced and CARE_FAQ_ONLY.search(frame.text):
        # "이거 물빠짐 있어요?": no catalog field says; the care FAQ does
        return TurnPlan(frame, "shop", state.query, False, False, gate_score=score, faq_query=frame.text)
    if frame.intent == "product_question" and referenced:
        return TurnPlan(frame, "product_question", state.query, referenced=referenced, gate_score=score)
    if _about_the_one_shown(frame, state):
        # "얼마?", "세탁 방법 알려주세요" right after one product was shown: that product
        return TurnPlan(frame, "product_question", state.query, referenced=state.shown[:1], gate_score=score)
    if _faq_condition(frame, state):
        # "5만원 넘게 사면요?" after the shipping-fee answer: the same FAQ topic, not products
        faq_query = f"{state.last_faq} {frame.text}"
        return TurnPlan(frame, "shop", state.query, False, False, gate_score=score, faq_query=faq_query)
    merged = merge(state, frame)
    wants = _asks_for_products(frame, state)  # "Can I return socks?" -> False: the FAQ
    carried = merged.carried_over and wants is True
    faq_query = _faq_query(frame, state)
    return TurnPlan(frame, "shop", merged.query, carried, wants, gate_score=score, faq_query=faq_query)


#: "카드로 결제했으면요?", "해외라면요?", "세일 상품인 경우는요?": the same question under a
#: condition, not a new topic.
CONDITIONAL_FOLLOW_UP = re.compile(r"(?:면|경우(?:에)?는?|때는?)\s*(?:요|용)?\s*[?？]*$")


def _faq_condition(frame: Frame, state: DialogueState) -> bool:
    """A short conditional follow-up right after an FAQ answer, even with a price in it."""
    return (
        state.last_answer == "faq"
        and state.last_faq is not None
        and not frame.categories
        and not frame.refers
        and len(frame.text) <= 30
        and bool(CONDITIONAL_FOLLOW_UP.search(frame.text))
    )


#: Questions about choosing or measuring, which the size FAQ answers even after one product.
CHOOSING = re.compile(r"골라|고르|추천|기준|재는|재요|측정|어울|인치|cm|센치|센티|뜻|의미|누구나", re.I)


def _about_the_one_shown(frame: Frame, state: DialogueState) -> bool:
    """A short field question with no pronoun right after exactly one product was shown."""
    return (
        len(state.shown) == 1
        and state.last_answer == "products"
        and bool(frame.asks)
        and not frame.categories
        and not frame.has_slots
        and len(frame.text) <= 20
        and not POLICY_WORD.search(frame.text)
        and not CARE_FAQ_ONLY.search(frame.text)
        and not CHOOSING.search(frame.text)
    )


def _faq_query(frame: Frame, state: DialogueState) -> str:
    """The FAQ search text: a short conditional follow-up to the last FAQ answer carries
    that question along; anything else stands on its own."""
    follow_up = (
        state.last_faq is not None
        and not frame.has_slots
        and len(frame.text) <= 30
        and CONDITIONAL_FOLLOW_UP.search(frame.text)
    )
    return f"{state.last_faq} {frame.text}" if follow_up else frame.text


#: Care and policy questions that name a category ("니트 세탁기 돌려도 되나요", "청바지 물 빠져요?")
#: ask the FAQ, not for product cards: a care or policy topic, or a generic "is it OK" ending.
CARE_TOPIC = re.compile(
    r"세탁|빨아|빨면|빨래|물\s*빠|물빠짐|건조|드라이|다림|보풀|줄어|늘어나|교환|반품|환불|배송|"
    r"관리|손질|보관|바꿀\s*수|바꿔\s*(?:주|줄)\s*수|(?:cm|센치|센티)\s*(?:로|으로)?\s*(?:몇|얼마)|"
    r"(?:는|은)\s*(?:XS|S|M|L|XL|XXL|FREE)\s*(?:이에요|예요|인가요|에요|이죠|죠|랑\s*같)|"
    r"어떻게|방법|맞아요|맞나요|맞을까|인치|몇\s*(?:cm|센치|인치|호)|기준|뜻|의미|누구나|"
    r"\b(?:return|refund|exchange|shipping|deliver|delivery|payment|pay|wash|dry|how|inch(?:es)?|measured?)\b",
    re.I,
)
#: Care questions no product field answers (the catalog has wash methods, not dye or pilling).
CARE_FAQ_ONLY = re.compile(r"물\s*빠|물빠짐|이염|보풀|줄어|늘어나|변색|누렇|구김")
GENERIC_ASK = re.compile(r"되나요|돼요\?|될까요|가능한가요|가능해요|괜찮(?:아|나)")


#: Something the shopper already bought or wore ("M 샀는데", "빨았더니 쪼그라들었어요"): an
#: after-sales question for the FAQ, unless products are asked for outright.
OWNED = re.compile(
    r"샀는데|샀어요|샀더니|구매했는데|주문했는데|받았는데|받은\s*(?:옷|거|상품)|빨았더니|빨았는데|"
    r"세탁했더니|세탁했는데|입었는데|입어\s*봤는데|쪼그라|줄었|늘어났|찢어졌|구멍"
)
#: Body measurements ("키 170에 65키로면"): the size-advice FAQ.
BODY = re.compile(r"키\s*(?:가\s*)?\d{3}|\d{3}\s*(?:cm|센치|센티)|\d{2,3}\s*(?:kg|키로|킬로)|몸무게|체중")
#: A one-word style refinement right after products ("오버핏으로만", "린넨으로요").
STYLE_REFINE = re.compile(r"[가-힣A-Za-z]{2,8}\s*(?:으로|로)?\s*(?:만|요|만요)?\s*[.!?~]*")


def _asks_for_products(frame: Frame, state: DialogueState) -> bool | None:
    """True: certainly products; False: a care or policy question (FAQ); None: undecided."""
    if (OWNED.search(frame.text) or BODY.search(frame.text)) and not re.search(r"추천|보여", frame.text):
        return False
    descriptive = set(frame.slot_names()) <= {"categories", "sizes"}
    topic = CARE_TOPIC.search(frame.text)
    if frame.has_slots and descriptive and (topic or GENERIC_ASK.search(frame.text)) and not frame.refers:
        if not topic and not frame.categories and state.shown:
            return True  # "M 되나요?" right after products: that size of them
        return None if PRODUCT_REQUEST.search(frame.text) else False
    if frame.has_slots or frame.within or frame.excluded_categories:
        return True
    if state.shown and INSTEAD.search(frame.text) and not topic:
        return True  # "린넨 말고 코튼으로" right after products: other ones of them
    if state.active and bool(state.shown) and not frame.reset and _more(frame):
        return True
    if state.last_answer == "products" and not topic and _style_refinement(frame):
        return True
    return None


def _style_refinement(frame: Frame) -> bool:
    text = frame.text.strip()
    fit_only = set(frame.asks) <= {"fit"}  # "오버핏으로만" names a fit, it does not ask about one
    return bool(STYLE_REFINE.fullmatch(text)) and not POLICY_WORD.search(text) and fit_only


def _more(frame: Frame) -> bool:
    """ "더 보여줘", "또 뭐 있어요?", "비슷한 거" after products were shown."""
    return bool(MORE.search(frame.text))



def _referenced(frame: Frame, state: DialogueState) -> tuple[ShownProduct, ...]:
    """The shown product(s) a reference points at: ordinal, "아까 그 셔츠", or the first."""
    shown = state.shown
    if not shown:
        return ()
    if frame.reference is not None:
        pool = shown
        if frame.categories and not any(_named(p, frame) for p in shown):
            # "아까 맨투맨 첫 번째 거": the ordinal counts that category's products, shown earlier
            pool = tuple(p for p in state.seen if _named(p, frame))
        index = frame.reference
        if -len(pool) <= index < len(pool):
            return (pool[index],)
        return ()
    if frame.categories:
        named = [p for p in (*shown, *state.seen) if _named(p, frame)]
        if named:
            return (named[0],)
    if frame.refers or frame.intent == "cart_add":
        return (shown[0],)
    return ()


def _named(product: ShownProduct, frame: Frame) -> bool:
    return bool(set(frame.categories) & set(product.categories))
