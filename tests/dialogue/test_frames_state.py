"""Frames read what a message says; the state merges follow-ups into the active query."""

import json
import unicodedata
from pathlib import Path

import pytest

from llm_server.dialogue.frames import interpret
from llm_server.dialogue.state import DialogueState, ProductQuery, ShownProduct, merge, remember
from llm_server.rag.colors import product_colors, read_colors

CATALOG = json.loads((Path(__file__).parents[2] / "data" / "products.json").read_text())


@pytest.mark.parametrize(
    ("text", "colors"),
    [
        ("흰색은요?", ["화이트"]),
        ("검은 반팔", ["블랙"]),
        ("까만 바지", ["블랙"]),
        ("navy coat", ["네이비"]),
        ("남색 니트", ["네이비"]),
        ("회색 맨투맨", ["그레이"]),
        ("하늘색 셔츠", ["소라"]),
        ("보라고 했잖아", []),
        ("선크림", []),
    ],
)
def test_colour_synonyms(text, colors):
    assert read_colors(text)[0] == colors


def test_colour_the_catalog_lacks_is_reported_as_unknown():
    assert read_colors("빨간색 원피스") == ([], ["빨간색"])


def test_every_catalog_product_has_a_colour():
    assert all(product_colors(p["name"], p["description"]) for p in CATALOG)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("상담원 연결", "handoff"),
        ("직원이랑 통화하고 싶어요", "handoff"),
        ("사람이랑 얘기할래요", "handoff"),
        ("주문한 거 어디쯤 왔어요?", "order_status"),
        ("M 사이즈로 담아줘", "cart_add"),
        ("이거 건조기 써도 돼요?", "product_question"),
        ("첫 번째 거 사이즈 뭐 있어요?", "product_question"),
        ("배송 며칠이면 와요?", "shop"),
        ("반바지 보여주세요", "shop"),
    ],
)
def test_intents(text, intent):
    assert interpret(text).intent == intent


def test_nfd_input_reads_like_nfc():
    nfd = unicodedata.normalize("NFD", "3만원 이하 반팔")
    assert interpret(nfd).price_max == 30000
    assert interpret(nfd).categories == ("반팔",)


def _shown(*prices, category="슬랙스", color="블랙"):
    return tuple(
        ShownProduct(f"S{i}", f"p{i}", price, ("하의", category), (color,))
        for i, price in enumerate(prices)
    )


def test_price_refinement_keeps_the_category():
    state = DialogueState(query=ProductQuery(categories=("반바지",)), shown=_shown(80000, category="반바지"))
    merged = merge(state, interpret("7만원 밑으로요"))
    assert merged.query.categories == ("반바지",) and merged.query.price_max == 70000
    assert merged.carried_over


def test_colour_refinement_keeps_the_category():
    state = DialogueState(query=ProductQuery(categories=("셔츠",)), shown=_shown(30000, category="셔츠"))
    merged = merge(state, interpret("흰색은요?"))
    assert merged.query.categories == ("셔츠",) and merged.query.colors == ("화이트",)


def test_cheaper_means_below_the_cheapest_shown():
    state = DialogueState(
        query=ProductQuery(categories=("슬랙스",), price_min=50000, price_max=59999),
        shown=_shown(52000, 55000),
    )
    query = merge(state, interpret("좀 더 싼 거요")).query
    assert query.categories == ("슬랙스",)
    assert query.price_max == 51999 and query.price_min is None


def test_size_refinement_keeps_the_category():
    state = DialogueState(query=ProductQuery(categories=("맨투맨",)), shown=_shown(39000, category="맨투맨"))
    query = merge(state, interpret("S 사이즈도 있나요?")).query
    assert query.categories == ("맨투맨",) and query.sizes == ("S",)


def test_new_category_replaces_the_query():
    state = DialogueState(query=ProductQuery(categories=("셔츠",), price_max=30000), shown=_shown(20000))
    merged = merge(state, interpret("코트 보여줘"))
    assert merged.query.categories == ("코트",) and merged.query.price_max is None
    assert not merged.carried_over


def test_instead_swaps_the_category_and_keeps_the_price():
    state = DialogueState(query=ProductQuery(categories=("셔츠",), price_max=50000), shown=_shown(40000))
    query = merge(state, interpret("셔츠 말고 니트요")).query
    assert query.categories == ("니트",) and query.price_max == 50000


def test_reset_clears_the_query():
    state = DialogueState(query=ProductQuery(categories=("셔츠",), price_max=50000), shown=_shown(40000))
    merged = merge(state, interpret("새로 찾을래요"))
    assert merged.query.is_empty and not merged.carried_over


def test_other_colour_excludes_the_colours_shown():
    state = DialogueState(query=ProductQuery(categories=("셔츠",)), shown=_shown(30000, color="화이트"))
    query = merge(state, interpret("다른 색은요?")).query
    assert query.exclude_colors == ("화이트",) and not query.colors


def test_state_round_trips_through_json():
    state = remember(DialogueState(), ProductQuery(categories=("셔츠",), price_max=30000), list(_shown(20000)), "배송비는 얼마인가요?")
    assert DialogueState.from_json(json.loads(json.dumps(state.to_json()))) == state


def test_corrupt_state_starts_afresh():
    assert DialogueState.from_json({"query": {"nonsense": 1}}) == DialogueState()


def test_bare_category_follow_up_keeps_the_price():
    state = DialogueState(query=ProductQuery(categories=("반팔",), price_max=30000), shown=_shown(20000))
    query = merge(state, interpret("반바지는요?")).query
    assert query.categories == ("반바지",) and query.price_max == 30000


def test_budget_outlives_a_new_request():
    state = DialogueState()
    first = merge(state, interpret("예산은 5만원이에요, 선물 추천해 주세요")).query
    state = DialogueState(query=first, shown=_shown(40000))
    assert merge(state, interpret("니트 보여주세요")).query.price_max == 50000


def test_colour_before_instead_is_excluded():
    frame = interpret("민트 말고 다른 색이요")
    assert frame.excluded_colors == ("민트",) and not frame.colors


def test_pricier_is_not_cheaper():
    assert interpret("더 비싼 거").relative == "pricier"
    assert interpret("좀 더 싼 거요").relative == "cheaper"


def test_reference_by_category_reaches_earlier_turns():
    from llm_server.dialogue.plan import plan_turn

    shirt = ShownProduct("SH1", "린넨 셔츠", 56000, ("상의", "셔츠"), ("화이트",))
    pants = ShownProduct("PT1", "슬랙스", 37000, ("하의", "바지"), ("차콜",))
    state = DialogueState(query=ProductQuery(categories=("바지",)), shown=(pants,), seen=(shirt,))
    plan = plan_turn(interpret("아까 그 셔츠 얼마예요?"), state, None)
    assert plan.intent == "product_question" and plan.referenced == (shirt,)


def test_shipped_gate_model_matches_a_retrain_on_the_labels():
    """Editing gate_labels.tsv without `python -m llm_server.dialogue.gate` fails here."""
    from llm_server.dialogue.gate import TopicGate, load_labels

    shipped, retrained = TopicGate(), TopicGate(load_labels())
    for _, text in load_labels():
        assert abs(shipped.shop_probability(text) - retrained.shop_probability(text)) < 1e-3, text


def test_gate_refuses_clear_off_topic_and_keeps_follow_ups():
    from llm_server.dialogue.gate import TopicGate

    gate = TopicGate()
    assert gate.classify(interpret("오늘 주식 어때요?"), in_conversation=True).intent == "off_topic"
    assert gate.classify(interpret("흰색은요?"), in_conversation=True).intent == "shop"
    # a price question is a shop question mid-conversation, unless it prices something else
    assert gate.classify(interpret("요즘 환율 얼마예요?"), in_conversation=True).intent == "off_topic"
    assert gate.classify(interpret("그거 얼마예요?"), in_conversation=True).intent == "shop"
    assert gate.classify(interpret("교한 신청은 어케 해요?")).intent == "shop"
    assert gate.classify(interpret("안녕하세요")).intent == "greeting"


def test_a_conditional_follow_up_carries_the_last_faq_question():
    from llm_server.dialogue.plan import plan_turn

    after_faq = DialogueState(last_faq="반품한 상품은 언제 환불되나요?")
    plan = plan_turn(interpret("카드로 결제했으면요?"), after_faq, None)
    assert plan.faq_query == "반품한 상품은 언제 환불되나요? 카드로 결제했으면요?"
    # a new question, or one with slots of its own, stands alone
    assert plan_turn(interpret("교환은 어떻게 해요?"), after_faq, None).faq_query == "교환은 어떻게 해요?"
    assert plan_turn(interpret("카드로 결제했으면요?"), DialogueState(), None).faq_query == "카드로 결제했으면요?"


def test_a_bare_size_question_after_products_refines_them():
    """ "M 되나요" right after hoodies: hoodies in M; without shown products it is an FAQ
    question, and a care topic stays one ("S 사이즈 교환 되나요")."""
    from llm_server.dialogue.plan import plan_turn

    shown = DialogueState(
        query=ProductQuery(categories=("후드티",)), shown=(ShownProduct("BS-HD-1", "후드티", 58000, ("상의", "후드티")),)
    )
    assert plan_turn(interpret("M 되나요"), shown, None).wants_products is True
    assert plan_turn(interpret("M 되나요"), DialogueState(), None).wants_products is False
    assert plan_turn(interpret("S 사이즈 교환 되나요"), shown, None).wants_products is False


@pytest.mark.parametrize(
    ("text", "refers"),
    [("이 모자 얼마예요?", True), ("그 니트 세탁 어떻게 해요", True), ("저 청바지 찾고 있어요", False), ("그 중에 진청", False)],
)
def test_this_or_that_before_a_product_word_is_a_reference(text, refers):
    assert interpret(text).refers is refers


def test_instead_reads_what_to_drop_for_categories_and_words():
    frame = interpret("청바지 빼고 바지 보여줘")
    assert "청바지" not in frame.categories and frame.excluded_categories == ("청바지",)
    assert merge(DialogueState(), frame).query.to_filters().exclude_categories == ("청바지",)
    assert interpret("린넨 말고 코튼으로").words == "코튼으로"


def test_instead_of_a_material_after_products_asks_for_products():
    from llm_server.dialogue.plan import plan_turn

    shown = DialogueState(query=ProductQuery(categories=("셔츠",)), shown=(ShownProduct("BS-SH-1", "린넨 셔츠", 29000, ("상의", "셔츠")),))
    plan = plan_turn(interpret("린넨 말고 코튼으로"), shown, None)
    assert plan.wants_products is True and plan.query.categories == ("셔츠",)


def test_a_care_question_no_product_field_answers_goes_to_the_faq():
    from llm_server.dialogue.plan import plan_turn

    shown = DialogueState(query=ProductQuery(categories=("청바지",)), shown=(ShownProduct("BS-JN-1", "청바지", 49000, ("하의", "청바지")),))
    plan = plan_turn(interpret("이거 물빠짐 있어요?"), shown, None)
    assert plan.intent == "shop" and plan.wants_products is False
    assert plan_turn(interpret("이거 세탁기 돌려도 돼요?"), shown, None).intent == "product_question"


def test_a_gift_request_is_a_new_search():
    """ "3만원 이하 선물 추천" after long-sleeve T-shirts: gifts under 30,000 of any kind."""
    looking = DialogueState(
        query=ProductQuery(categories=("티셔츠",), exclude_categories=("반팔",)),
        shown=(ShownProduct("BS-TS-1", "긴팔 티셔츠", 15900, ("상의", "티셔츠")),),
    )
    merged = merge(looking, interpret("3만원 이하 선물 추천"))
    assert merged.query.to_filters().as_dict() == {"price_max": 30000} and not merged.carried_over


# --- "X 말고 Y" beyond categories, same price band, unsold kinds (session 3) ---
@pytest.mark.parametrize(
    ("text", "categories", "excluded", "words"),
    [
        ("셔츠 말고 니트", ("니트",), ("셔츠",), ()),
        ("백팩 말고 다른 거", ("가방",), (), ("백팩",)),
        ("니트 원피스 말고요", ("원피스",), (), ("니트",)),
        ("린넨 셔츠 말고 옥스포드로", ("셔츠",), (), ("린넨",)),
        ("린넨 말고 코튼으로", (), (), ("린넨",)),
        ("반바지는 빼주세요", (), ("반바지",), ()),
        ("코트 제외해 주세요", (), ("코트",), ()),
        ("후드티 말고 집업으로", ("후드티",), (), ()),
        ("이거 말고 다른 거", (), (), ()),
    ],
)
def test_what_comes_before_malgo_is_dropped_as_a_category_or_as_name_words(text, categories, excluded, words):
    frame = interpret(text)
    assert (frame.categories, frame.excluded_categories, frame.excluded_words) == (categories, excluded, words)


def test_a_colour_left_out_takes_its_near_shades_along():
    assert interpret("흰색 말고 다른 색").excluded_colors == ("화이트", "아이보리", "크림")


def test_name_words_left_out_keep_the_category_and_stop_ranking():
    shown = (ShownProduct("BS-BG-0001", "캔버스 캐주얼 백팩 (화이트)", 125000, ("잡화", "가방")),)
    state = DialogueState(query=ProductQuery(categories=("가방",), words="백팩 보여줘"), shown=shown)
    merged = merge(state, interpret("백팩 말고 다른 거"))
    assert merged.query.categories == ("가방",)
    assert merged.query.exclude_words == ("백팩",)
    assert "백팩" not in merged.query.words
    assert merged.query.to_filters().as_dict()["exclude_words"] == ["백팩"]


def test_same_price_band_carries_over_to_a_new_category():
    state = DialogueState(query=ProductQuery(categories=("블라우스",), price_min=50000, price_max=59999))
    merged = merge(state, interpret("셔츠도 같은 가격대로"))
    assert (merged.query.categories, merged.query.price_min, merged.query.price_max) == (("셔츠",), 50000, 59999)
    assert merged.carried_over
    fresh = merge(state, interpret("셔츠 보여줘"))
    assert fresh.query.price_min is None and not fresh.carried_over


@pytest.mark.parametrize(
    ("text", "unsold"),
    [
        ("수영복 있어요?", ("수영복",)),
        ("구두도 팔아요?", ("구두",)),
        ("운동화 추천해 주세요", ("운동화",)),
        ("부츠컷 청바지 있어요?", ()),  # a trouser cut, and a category is named
        ("반바지 보여줘", ()),
        ("브라운 니트", ()),
    ],
)
def test_kinds_a_clothing_shop_may_not_sell_are_read(text, unsold):
    assert interpret(text).unsold == unsold


def test_an_ordinal_with_a_category_counts_that_categorys_earlier_products():
    from llm_server.dialogue.plan import plan_turn

    mtm = tuple(ShownProduct(f"BS-MT-000{i}", f"맨투맨 {i}", 40000 + i, ("상의", "맨투맨")) for i in (1, 2))
    socks = (ShownProduct("BS-SC-0001", "양말", 9000, ("잡화", "양말")),)
    state = DialogueState(shown=socks, seen=mtm)
    plan = plan_turn(interpret("아까 맨투맨 두 번째 거 가격"), state, None)
    assert plan.intent == "product_question"
    assert [p.sku for p in plan.referenced] == ["BS-MT-0002"]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("치마는?", True),
        ("니트도 보여주실래요?", True),
        ("후드티로 바꿀게요", True),
        ("이번엔 양말", True),
        ("양말 쪽은요?", True),
        ("니트 보여줘", False),  # a fresh request: no switch particle
        ("셔츠는 세탁 어떻게 해요?", False),  # more than a switch
        ("반바지는 M으로요", False),  # a size too: merged as a refinement
        ("린넨 셔츠는요?", False),
    ],
)
def test_a_bare_category_switch_is_a_category_with_a_switch_particle_and_request_words(text, bare):
    assert interpret(text).bare is bare


def test_a_bare_switch_keeps_the_price_band():
    state = DialogueState(query=ProductQuery(categories=("바지",), price_max=50000))
    merged = merge(state, interpret("치마는?"))
    assert merged.query.categories == ("스커트",) and merged.query.price_max == 50000


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("처음 거 가격이요", 0),
        ("맨 위에 거 얼마야", 0),
        ("2번 얼마예요?", 1),
        ("1번 상품 사이즈 뭐 있어요", 0),
        ("마지막 코트 가격은요?", -1),
        ("마지막으로 배송비 얼마예요?", None),
        ("2번 빨았는데 줄었어요", None),
        ("한 번 입었는데 반품돼요?", None),
    ],
)
def test_positions_of_shown_products_and_counts_that_are_not(text, index):
    assert interpret(text).reference == index


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("제가 시킨 옷 아직 안 왔어요", "order_status"),
        ("주문한 니트 배송 언제 돼요?", "order_status"),
        ("오늘 주문하면 언제 출고되나요?", "shop"),  # before buying: the FAQ
        ("택배 안 왔는데 배송완료래요", "shop"),  # the not-received FAQ
        ("산 지 일주일 됐는데 반품 돼요?", "shop"),
    ],
)
def test_something_bought_and_not_yet_here_is_an_order_status_question(text, intent):
    assert interpret(text).intent == intent
