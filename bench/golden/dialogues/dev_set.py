"""Dev split: hand-written shopper dialogues (tune on these, never on heldout_set.py)."""
# ruff: noqa: F405

from author import *  # noqa: F403 - the helpers and vocabularies of the schema

# --- names used by the session-3 helper batches ---
NOT_SOLD = {"intent": "shop", "no_products": True, "answer_contains_any": ["취급", "판매하지"]}
F_KAKAO_REFUND = "카카오페이로 결제한 주문은 어떻게 환불되나요?"
F_BANK_REFUND = "무통장입금 환불은 어디로 들어오나요?"
F_OTHER_COURIER = "다른 택배로 직접 보내도 되나요?"
F_BODY = "키 165cm, 몸무게 55kg인데 어떤 사이즈가 맞을까요?"
F_BIGGER = "사이즈가 애매하면 큰 걸 사는 게 나을까요?"
F_MEASURE = "상세 페이지의 사이즈는 어떻게 잰 건가요?"
F_MODEL = "모델은 어떤 사이즈를 입었나요?"
F_PAYCHANGE = "결제 수단을 바꾸고 싶어요."
F_POINTS_WHEN = "적립금은 언제 들어오나요?"
F_POINTS_USE = "적립금은 언제부터 사용할 수 있나요?"
F_POINTS_RETURN = "반품하면 사용한 적립금은 어떻게 되나요?"
F_GUEST_LOOKUP = "비회원 주문 내역은 어떻게 확인하나요?"
F_SUEDE = "스웨이드 자켓은 어떻게 관리하나요?"
F_COAT_DRY = "코트는 얼마나 자주 드라이클리닝 해야 하나요?"
F_RAYON = "레이온 블라우스를 빨았더니 줄었어요."
F_NPAY_POINTS = "네이버페이 포인트로도 결제되나요?"
F_PREORDER = "예약 상품은 언제 발송되나요?"

DIALOGUES = [
    # --- refinements carried over (the issue's own examples) ---
    D(
        T("반바지 보여주세요", "product_search", **shop(SHORTS)),
        T("7만원 밑으로요", "refine_price", **shop(SHORTS, price_max=70000)),
    ),
    D(
        T("셔츠 추천해 주세요", "product_search", **shop(SHIRT)),
        T("흰색은요?", "refine_color", **shop(SHIRT, colors_any=WHITE)),
        T("M 사이즈 있는 걸로요", "refine_size", **shop(SHIRT, colors_any=WHITE, size_in_stock="M")),
    ),
    D(
        T("8만원대 슬랙스", "price_expression", **shop(SLACKS, n=2, price_min=80000, price_max=89999)),
        T("좀 더 싼 거요", "refine_price", **shop(SLACKS, cheaper_than_previous=True)),
    ),
    D(
        T("맨투맨 있어요?", "product_search", **shop(MTM)),
        T("S 사이즈도 있나요?", "refine_size", **shop(MTM, size_in_stock="S")),
    ),
    D(
        T("린넨 셔츠 있어요?", "product_search", **shop(SHIRT, name_any=["린넨"])),
        T("이거 건조기 써도 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("원피스 구경할래요", "product_search", **shop(DRESS)),
        T("10만원대로요", "refine_price", **shop(DRESS, price_min=100000, price_max=199999)),
        T("더 싼 건 없어요?", "refine_price", **shop(DRESS, cheaper_than_previous=True)),
    ),
    D(
        T("니트 6만원 이하로 보여줘", "price_expression", **shop(KNIT, price_max=60000)),
        T("더 비싼 거", "refine_price", **shop(KNIT, pricier_than_previous=True)),
    ),
    D(
        T("스커트 찾고 있어요", "product_search", **shop(SKIRT)),
        T("5만원 이하로만요", "refine_price", **shop(SKIRT, price_max=50000)),
        T("검정색 있어요?", "refine_color", **none(SKIRT, because={"colors_any": BLACK, "price_max": 50000})),
    ),
    D(
        T("후드티 추천 좀", "product_search", **shop(HOOD)),
        T("카키색으로", "refine_color", **shop(HOOD, colors_any=KHAKI)),
        T("XL 재고 있는 거만요", "refine_stock", **shop(HOOD, colors_any=KHAKI, size_in_stock="XL")),
    ),
    D(
        T("가디건 있나요", "product_search", **shop(CARDI)),
        T("다른 색은요? 민트 말고", "refine_color", **shop(CARDI, colors_none=MINT)),
    ),
    D(
        T("화이트 셔츠 보여주세요", "product_search", **shop(SHIRT, colors_any=WHITE)),
        T("다른 색은요?", "refine_color", **shop(SHIRT, colors_disjoint_previous=True)),
    ),
    D(
        T("청바지 보여주세요", "product_search", **shop(JEANS)),
        T("연청으로요", "refine_color", **shop(JEANS, colors_any=LIGHT_DENIM)),
        T("30 사이즈 있는 거", "refine_size", **shop(JEANS, colors_any=LIGHT_DENIM, size_in_stock="30")),
    ),
    D(
        T("코트 보고 싶어요", "product_search", **shop(COAT)),
        T("20만원 안쪽으로요", "refine_price", **shop(COAT, price_max=200000)),
        T("회색 있어요?", "refine_color", **shop(COAT, price_max=200000, colors_any=GRAY)),
    ),
    D(
        T("블라우스 보여주세요", "product_search", **shop(BLOUSE)),
        T("그 중에 제일 싼 거", "sort", **sorted_shop(BLOUSE, "price_asc")),
    ),
    D(
        T("반팔티 추천해줘", "product_search", **shop(SS)),
        T("L 사이즈로", "refine_size", **shop(SS, size_in_stock="L")),
        T("검은색만", "refine_color", **shop(SS, size_in_stock="L", colors_any=BLACK)),
    ),
    D(
        T("자켓 있어요?", "product_search", **shop(JACKET)),
        T("재고 있는 걸로만 보여주세요", "refine_stock", **shop(JACKET, in_stock=True)),
        T("M 사이즈 바로 살 수 있는 거요", "refine_stock", **shop(JACKET, size_in_stock="M")),
    ),
    # --- sorting ---
    D(
        T("제일 싼 양말 뭐예요?", "sort", **sorted_shop(SOCKS, "price_asc")),
        T("고마워요", "thanks", **THANKS),
    ),
    D(
        T("패딩 중에 가장 비싼 거", "sort", **sorted_shop(PAD, "price_desc")),
        T("그거 사이즈 뭐 남았어요?", "reference_question", **about("stock")),
    ),
    D(
        T("가방 싼 순으로 보여줘", "sort", **sorted_shop(BAG, "price_asc")),
        T("블랙만요", "refine_color", **shop(BAG, colors_any=BLACK)),
    ),
    D(
        T("원피스 가격 높은 순", "sort", **sorted_shop(DRESS, "price_desc")),
        T("10만원 이하에서 다시요", "refine_price", **shop(DRESS, price_max=100000)),
    ),
    # --- switching category, keeping or dropping conditions ---
    D(
        T("3만원 이하 반팔티 있어요?", "price_expression", **shop(SS, price_max=30000)),
        T("반바지는요?", "switch_category", **shop(SHORTS, price_max=30000)),
    ),
    D(
        T("베이지 니트 있어요?", "none", **none(KNIT, because={"colors_any": BEIGE})),
        T("그럼 가디건으로 보여줘요", "switch_category", **shop(CARDI)),
    ),
    D(
        T("모자 보여주세요", "product_search", **shop(HAT)),
        T("양말도 보여줘요", "switch_category", **shop(SOCKS)),
        T("만원 이하로", "price_expression", **shop(SOCKS, n=3, price_max=10000)),
    ),
    D(
        T("셔츠 5만원 이하", "price_expression", **shop(SHIRT, price_max=50000)),
        T("블라우스는 어때요?", "switch_category", **shop(BLOUSE, price_max=50000)),
    ),
    # --- reset ---
    D(
        T("흰 티셔츠 보여줘", "product_search", **shop(TEE, colors_any=WHITE)),
        T("새로 찾을래요. 코트 보여주세요", "reset", **shop(COAT)),
    ),
    D(
        T("2만원 이하 맨투맨", "price_expression", **none(MTM, because={"price_max": 20000})),
        T("처음부터 다시요, 청바지요", "reset", **shop(JEANS)),
    ),
    D(
        T("XL 사이즈 슬랙스", "refine_size", **none(SLACKS, because={"size_in_stock": "XL"})),
        T("다른 거 찾을래요. 스커트 M 사이즈", "reset", **shop(SKIRT, size_in_stock="M")),
    ),
    # --- exclusion ---
    D(
        T("바지 보여주세요", "product_search", **shop(PANTS)),
        T("청바지 말고 슬랙스요", "exclusion", **shop(SLACKS)),
    ),
    D(
        T("아우터 추천해줘", "product_search", **shop(OUTER)),
        T("패딩 말고 코트로", "exclusion", **shop(COAT)),
    ),
    D(
        T("반팔티 말고 셔츠 보여주세요", "exclusion", **shop(SHIRT)),
        T("린넨 말고 옥스포드로요", "exclusion", **shop(SHIRT, name_any=["옥스포드"])),
    ),
    # --- reference questions ---
    D(
        T("슬랙스 보여주세요", "product_search", **shop(SLACKS)),
        T("첫 번째 거 사이즈 뭐 있어요?", "reference_question", **about("stock", ref_index=0)),
        T("두 번째 거는 얼마예요?", "reference_question", **about("price", ref_index=1, ref_turn=0)),
    ),
    D(
        T("옥스포드 셔츠 있어요?", "product_search", **shop(SHIRT, name_any=["옥스포드"])),
        T("바지도 볼래요", "switch_category", **shop(PANTS)),
        T("아까 그 셔츠 얼마예요?", "reference_question", **about("price", ref_turn=0)),
    ),
    D(
        T("니트 원피스 보여줘", "product_search", **shop(DRESS, name_any=["니트"])),
        T("이거 세탁 어떻게 해요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("울 코트 있어요?", "product_search", **shop(COAT, name_any=["울"])),
        T("그거 집에서 빨아도 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("청바지 추천해 주세요", "product_search", **shop(JEANS)),
        T("첫번째 청바지 사이즈 뭐 남았어요?", "reference_question", **about("stock")),
    ),
    D(
        T("에코백 보여주세요", "product_search", **shop(BAG, name_any=["에코백"])),
        T("이거 가격이 어떻게 돼요?", "reference_question", **about("price")),
    ),
    # --- budgets ---
    D(
        T("예산은 5만원이에요, 선물 추천해 주세요", "budget", **shop(None, price_max=50000)),
        T("여자친구 선물이면 뭐가 좋을까요", "budget", **shop(None, price_max=50000)),
    ),
    D(
        T("3만원 정도로 부모님 양말 선물하려고요", "budget", **shop(SOCKS, price_max=30000)),
        T("감사합니다", "thanks", **THANKS),
    ),
    D(
        T("10만원으로 코트 살 수 있어요?", "budget", **none(COAT, because={"price_max": 100000})),
        T("그럼 자켓은 10만원 이하 있어요?", "switch_category", **shop(JACKET, price_max=100000)),
    ),
    D(
        T("7만원 예산으로 니트 하나 사고 싶어요", "budget", **shop(KNIT, price_max=70000)),
        T("흰색으로 부탁해요", "refine_color", **shop(KNIT, price_max=70000, colors_any=WHITE)),
    ),
    # --- price expressions ---
    D(
        T("1만5000원 이하 양말", "price_expression", **shop(SOCKS, n=3, price_max=15000)),
        T("검정 있어요?", "refine_color", **shop(SOCKS, price_max=15000, colors_any=BLACK)),
    ),
    D(
        T("2~3만원대 셔츠", "price_expression", **shop(SHIRT, n=3, price_min=20000, price_max=39999)),
        T("그 중에 제일 싼 거요", "sort", **sorted_shop(SHIRT, "price_asc", price_min=20000, price_max=39999)),
    ),
    D(
        T("₩30,000 이하 반팔티", "price_expression", **shop(SS, price_max=30000)),
        T("흰색으로요", "refine_color", **shop(SS, price_max=30000, colors_any=WHITE)),
    ),
    D(
        T("５만원 미만 후드티 있어요?", "price_expression", **shop(HOOD, price_max=49999)),
        T("버건디 색 있나요?", "refine_color", **shop(HOOD, price_max=49999, colors_any=BURGUNDY)),
    ),
    D(T("4만원 넘지 않는 스커트", "price_expression", **shop(SKIRT, price_max=40000))),
    D(
        T("20만원 초과 패딩", "price_expression", **shop(PAD, price_min=200001)),
        T("L 사이즈로", "refine_size", **shop(PAD, price_min=200001, size_in_stock="L")),
    ),
    D(
        T("10만원 이상 가방 보여줘", "price_expression", **shop(BAG, price_min=100000)),
        T("이거 어떻게 세탁해요?", "reference_question", **about("washMethods")),
    ),
    D(T("3만~5만원 사이 블라우스", "price_expression", **shop(BLOUSE, price_min=30000, price_max=50000))),
    D(
        T("6만원 아래 원피스", "price_expression", **shop(DRESS, price_max=60000)),
        T("좀 더 비싼 것도 보여줘요", "refine_price", **shop(DRESS, pricier_than_previous=True)),
    ),
    D(T("맨투맨 4만 5천원 이하로", "price_expression", **shop(MTM, price_max=45000))),
    D(
        T("15만원대 코트", "price_expression", **shop(COAT, price_min=150000, price_max=159999)),
        T("첫 번째 코트 사이즈 뭐 있어요?", "reference_question", **about("stock")),
    ),
    D(
        T("2만원 미만 티셔츠 추천", "price_expression", **shop(TEE, price_max=19999)),
        T("반팔 말고 긴팔로요", "exclusion", **shop(TEE, price_max=19999, categories_none=SS)),
    ),
    # --- FAQ paraphrases ---
    D(
        T("배송 며칠이면 와요?", "faq", **faq(F_DAYS)),
        T("제주도도 보내줘요?", "faq", **faq(F_JEJU)),
    ),
    D(
        T("옷 빨았는데 반품 가능해요?", "faq", **faq(F_WASHED)),
        T("그럼 돈 언제 돌려받아요?", "faq", **faq(F_REFUND_WHEN)),
    ),
    D(
        T("배송 오래 걸려요?", "faq", **faq(F_DAYS)),
        T("반팔티 보여주세요", "product_search", **shop(SS)),
        T("이거 건조기 돌려도 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("택배비 따로 내요?", "faq", **faq(F_SHIPFEE, F_FREESHIP)),
        T("몇 만원 넘게 사면 무료예요?", "faq", **faq(F_FREESHIP)),
    ),
    D(
        T("지금 시키면 오늘 나가요?", "faq", **faq(F_TODAY)),
        T("그럼 오늘 입을 반바지 2만원대로", "price_expression", **shop(SHORTS, price_min=20000, price_max=29999)),
    ),
    D(
        T("카톡페이 돼요?", "faq", **faq(F_PAY)),
        T("할부는요?", "faq", **faq(F_INSTALL)),
    ),
    D(
        T("니트 세탁기 돌려도 되나요", "faq", **faq(F_KNIT_HOME)),
        T("그럼 세탁기로 빨아도 되는 니트 있어요?", "product_search", **shop(KNIT, wash_any=["세탁기 사용 가능"])),
    ),
    D(
        T("린넨은 어떻게 빨아요?", "faq", **faq(F_LINEN_WASH)),
        T("린넨 반바지 있어요?", "product_search", **shop(SHORTS, name_any=["린넨"])),
    ),
    D(
        T("청바지 물 빠져요?", "faq", **faq(F_DENIM_DYE)),
        T("연청 청바지 보여주세요", "product_search", **shop(JEANS, colors_any=LIGHT_DENIM)),
    ),
    D(
        T("주문한 거랑 다른 옷이 왔어요", "faq", **faq(F_WRONG)),
        T("그냥 상담원 연결해줘요", "handoff", **HANDOFF),
    ),
    D(
        T("사이즈 안 맞으면 바꿀 수 있어요?", "faq", **faq(F_SIZE_EX)),
        T("교환하면 배송비 얼마예요?", "faq", **faq(F_SIZE_EX, F_CHANGE_MIND)),
    ),
    D(
        T("적립금 몇 퍼센트 쌓여요?", "faq", **faq(F_POINTS_RATE)),
        T("리뷰 쓰면 뭐 줘요?", "faq", **faq(F_REVIEW)),
    ),
    D(
        T("무통장 입금 기한이 언제까지예요?", "faq", **faq(F_DEPOSIT)),
        T("입금했는데 확인이 안 되면요?", "faq", **faq("입금했는데 확인이 안 돼요.")),
    ),
    D(
        T("결제 취소하고 싶어요", "faq", **faq(F_CANCEL)),
        T("상담원 연결 가능해요?", "handoff", **HANDOFF),
    ),
    D(
        T("가입하면 뭐 좋은 거 있어요?", "faq", **faq(F_SIGNUP)),
        T("비회원도 살 수 있어요?", "faq", **faq("비회원으로도 주문할 수 있나요?")),
    ),
    D(
        T("패딩 세탁기에 넣어도 돼요?", "faq", **faq(F_PADDING_WASH)),
        T("경량 패딩 보여줘", "product_search", **shop(PAD, name_any=["경량"])),
    ),
    # --- English ---
    D(
        T("How long does delivery take?", "faq_english", **faq(F_DAYS)),
        T("And how much is shipping?", "faq_english", **faq(F_SHIPFEE, F_FREESHIP)),
    ),
    D(
        T("Can I return socks?", "faq_english", **faq(F_SOCKS_RETURN)),
        T("ok show me socks then", "product_search", **shop(SOCKS)),
    ),
    D(
        T("Do you ship abroad?", "faq_english", **faq(F_INTL)),
        T("thanks", "thanks", **THANKS),
    ),
    D(
        T("Show me shirts under 40000 won", "price_expression", **shop(SHIRT, price_max=40000)),
        T("What payment methods do you accept?", "faq_english", **faq(F_PAY)),
    ),
    # --- handoff ---
    D(
        T("상담원 연결해 주세요", "handoff", **HANDOFF),
        T("아 됐어요 그냥 배송비 얼마예요?", "faq", **faq(F_SHIPFEE)),
    ),
    D(
        T("코트 보여주세요", "product_search", **shop(COAT)),
        T("직원이랑 통화하고 싶어요", "handoff", **HANDOFF),
    ),
    D(
        T("불량이 왔는데 사람이랑 얘기할래요", "handoff", **HANDOFF),
        T("불량이면 반품비 내야 돼요?", "faq", **faq(F_DEFECT)),
    ),
    D(
        T("챗봇 말고 진짜 사람 바꿔줘", "handoff", **HANDOFF),
        T("사람 연결 안 되면 전화번호라도 알려줘요", "handoff", **HANDOFF),
    ),
    # --- order status without a number ---
    D(
        T("주문한 거 어디쯤 왔어요?", "order_status_no_number", **ORDER_STATUS),
        T("알겠어요 감사합니다", "thanks", **THANKS),
    ),
    D(
        T("어제 산 바지 언제 와요?", "order_status_no_number", **ORDER_STATUS),
        T("배송 조회 어디서 해요?", "faq", **faq(F_TRACK)),
    ),
    # --- off-topic inside a shopping conversation ---
    D(
        T("셔츠 보여주세요", "product_search", **shop(SHIRT)),
        T("근데 오늘 주식 어때요?", "off_topic_in_shop", **OFF_TOPIC),
        T("아 네, 그럼 셔츠 M 사이즈요", "refine_size", **shop(SHIRT, size_in_stock="M")),
    ),
    D(
        T("원피스 추천해줘", "product_search", **shop(DRESS)),
        T("파이썬 코드 좀 짜줄래?", "off_topic_in_shop", **OFF_TOPIC),
    ),
    D(
        T("반바지 있어요?", "product_search", **shop(SHORTS)),
        T("내일 서울 날씨 알려줘", "off_topic_in_shop", **OFF_TOPIC),
    ),
    # --- greetings and thanks ---
    D(
        T("안녕하세요", "greeting", **GREETING),
        T("니트 좀 보려고요", "product_search", **shop(KNIT)),
        T("감사해요!", "thanks", **THANKS),
    ),
    D(
        T("하이~", "greeting", **GREETING),
        T("가방 보여줘", "product_search", **shop(BAG)),
    ),
    # --- nothing in the catalog: honest none with alternatives ---
    D(
        T("핑크 원피스 있어요?", "none", **none(DRESS, because={"colors_any": PINK})),
        T("그럼 라벤더는요?", "refine_color", **none(DRESS, because={"colors_any": PURPLE})),
        T("아 그냥 원피스 제일 싼 거", "sort", **sorted_shop(DRESS, "price_asc")),
    ),
    D(
        T("검정 패딩 보여주세요", "none", **none(PAD, because={"colors_any": BLACK})),
        T("브라운은 있어요?", "refine_color", **shop(PAD, colors_any=BROWN)),
    ),
    D(
        T("10만원 넘는 반팔티", "none", **none(SS, because={"price_min": 100000})),
        T("그럼 제일 비싼 반팔티요", "sort", **sorted_shop(SS, "price_desc")),
    ),
    D(
        T("노란색 모자 있나요?", "none", **none(HAT, because={"colors_any": YELLOW})),
        T("베이지는요?", "refine_color", **shop(HAT, colors_any=BEIGE)),
    ),
    # --- typos ---
    D(
        T("티셔쯔 보여줘", "typo", **shop(TEE)),
        T("3만원 이하루", "typo", **shop(TEE, price_max=30000)),
    ),
    D(
        T("교한 신청은 어케 해요?", "typo", **faq(F_RETURN_WHEN, F_SIZE_EX)),
        T("교환 배송비 얼마에요", "faq", **faq(F_CHANGE_MIND, F_SIZE_EX)),
    ),
    D(
        T("원피쓰 추천해주세여", "typo", **shop(DRESS)),
        T("S사이즈 있는걸루", "refine_size", **shop(DRESS, size_in_stock="S")),
    ),
    D(
        T("슬렉스 잇어요?", "typo", **shop(SLACKS)),
        T("검정으로", "refine_color", **shop(SLACKS, colors_any=BLACK)),
    ),
    D(
        T("환뷸 언제 돼요", "typo", **faq(F_REFUND_WHEN)),
        T("카드로 결제했으면요?", "faq", **faq(F_REFUND_WHEN)),
    ),
    # --- longer mixed conversations ---
    D(
        T("안녕하세요 여름 옷 보러 왔어요", "greeting", **GREETING),
        T("린넨 셔츠 3만원 이하로", "price_expression", **shop(SHIRT, price_max=30000, name_any=["린넨"])),
        T("첫 번째 거 무슨 사이즈 있어요?", "reference_question", **about("stock")),
        T("린넨 세탁은 어떻게 해요?", "faq", **faq(F_LINEN_WASH)),
        T("고맙습니다", "thanks", **THANKS),
    ),
    D(
        T("회사 출근룩 블라우스 찾아요", "product_search", **shop(BLOUSE)),
        T("라벤더 색 있어요?", "refine_color", **shop(BLOUSE, colors_any=PURPLE)),
        T("그럼 스커트도 같이 볼게요", "switch_category", **shop(SKIRT)),
        T("6만원 밑으로요", "refine_price", **shop(SKIRT, price_max=60000)),
    ),
    D(
        T("겨울 아우터 보여주세요", "product_search", **shop(OUTER)),
        T("패딩으로요", "switch_category", **shop(PAD)),
        T("20만원 이하", "refine_price", **shop(PAD, price_max=200000)),
        T("이거 세탁기 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("모자 2만원 이하 있어요?", "price_expression", **shop(HAT, price_max=20000)),
        T("FREE 사이즈면 머리 큰 사람도 맞아요?", "faq", **faq(F_FREE)),
    ),
    D(
        T("맨투맨 회색 있어요?", "product_search", **shop(MTM, colors_any=GRAY)),
        T("L 사이즈는요", "refine_size", **shop(MTM, colors_any=GRAY, size_in_stock="L")),
        T("상담원이랑 얘기하고 싶어요", "handoff", **HANDOFF),
    ),
    D(
        T("청바지 허리 28이면 몇 인치예요?", "faq", **faq(F_INCH)),
        T("28 재고 있는 청바지 보여줘", "refine_size", **shop(JEANS, size_in_stock="28")),
    ),
    D(
        T("오버핏은 한 치수 작게 사요?", "faq", **faq(F_OVERFIT)),
        T("오버핏 셔츠 보여주세요", "product_search", **shop(SHIRT, name_any=["오버핏"])),
    ),
    D(
        T("민트색 원피스", "product_search", **shop(DRESS, colors_any=MINT)),
        T("다른 색은요?", "refine_color", **shop(DRESS, colors_disjoint_previous=True)),
    ),
    # --- more order status, stock, reset, off-topic, greetings ---
    D(
        T("배송 조회하고 싶은데요", "order_status_no_number", **ORDER_STATUS),
        T("주문번호 몰라요", "order_status_no_number", **ORDER_STATUS),
    ),
    D(
        T("반바지 L 사이즈", "refine_size", **shop(SHORTS, size_in_stock="L")),
        T("재고 남은 것만 보여줘", "refine_stock", **shop(SHORTS, size_in_stock="L", in_stock=True)),
    ),
    D(
        T("원피스 있어요?", "product_search", **shop(DRESS)),
        T("품절 빼고요", "refine_stock", **shop(DRESS, in_stock=True)),
        T("그 중 XL 재고요", "refine_stock", **shop(DRESS, size_in_stock="XL")),
    ),
    D(
        T("린넨 반팔티 보여줘", "product_search", **shop(SS, name_any=["린넨"])),
        T("아니다 다 취소하고 가디건 볼게요", "reset", **shop(CARDI)),
    ),
    D(
        T("5만원 이하 검정 바지", "product_search", **shop(PANTS, price_max=50000, colors_any=BLACK)),
        T("다시 검색할게요. 코트 추천해 주세요", "reset", **shop(COAT)),
    ),
    D(
        T("슬랙스 있어요?", "product_search", **shop(SLACKS)),
        T("로또 번호 추천해줘", "off_topic_in_shop", **OFF_TOPIC),
    ),
    D(
        T("가방 추천해 주세요", "product_search", **shop(BAG)),
        T("요즘 환율 얼마예요?", "off_topic_in_shop", **OFF_TOPIC),
        T("그럼 5만원 이하 가방은요?", "price_expression", **shop(BAG, price_max=50000)),
    ),
    D(
        T("안녕!", "greeting", **GREETING),
        T("배송비 얼마야", "faq", **faq(F_SHIPFEE)),
    ),
    D(
        T("좋은 아침이에요", "greeting", **GREETING),
        T("카디건 보여주세요", "product_search", **shop(CARDI)),
    ),
    # --- session 2 probes (written fresh to test generalisation; dev from now on) ---
    D(
        T("여름에 입을 반바지 좀 골라주세요", "product_search", **shop(SHORTS)),
        T("남색으로 보여줘요", "none", **none(SHORTS, because={"colors_any": NAVY})),
    ),
    D(
        T("코트 구경하고 싶어요", "product_search", **shop(COAT)),
        T("10만원 안으로 있어요?", "none", **none(COAT, because={"price_max": 100000})),
    ),
    D(
        T("블라우스 있나요", "product_search", **shop(BLOUSE)),
        T("L 사이즈로 보여주세요", "refine_size", **shop(BLOUSE, size_in_stock="L")),
    ),
    D(
        T("가디건 보여줘", "product_search", **shop(CARDI)),
        T("그 중에 제일 저렴한 걸로", "sort", **sorted_shop(CARDI, "price_asc")),
    ),
    D(
        T("청바지 찾는데요", "product_search", **shop(JEANS)),
        T("연청 있어요?", "refine_color", **shop(JEANS, colors_any=LIGHT_DENIM)),
    ),
    D(
        T("후드 추천 좀 해줘요", "product_search", **shop(HOOD)),
        T("회색으로 된 거는요?", "refine_color", **shop(HOOD, colors_any=GRAY)),
        T("M 되나요", "refine_size", **shop(HOOD, colors_any=GRAY, size_in_stock="M")),
    ),
    D(
        T("원피스 좀 보여주세요", "product_search", **shop(DRESS)),
        T("좀 더 싼 것도 있어요?", "none", **none(DRESS, because={"price_max": 55999})),
    ),
    D(
        T("패딩 있어요?", "product_search", **shop(PAD)),
        T("검은색 말고 다른 색은요?", "refine_color", **shop(PAD, colors_none=BLACK)),
    ),
    D(
        T("모자 뭐 있어요", "product_search", **shop(HAT)),
        T("그럼 양말은요?", "switch_category", **shop(SOCKS)),
    ),
    D(
        T("3만원 이하 티셔츠", "price_expression", **shop(TEE + SS, price_max=30000)),
        T("맨투맨도 보여줘요", "switch_category", **shop(MTM)),
    ),
    D(T("10만원 넘지 않는 자켓", "price_expression", **shop(JACKET, price_max=100000))),
    D(T("4만원에서 6만원 사이 니트", "price_expression", **shop(KNIT, price_min=40000, price_max=60000))),
    D(
        T("스커트 찾아요", "product_search", **shop(SKIRT)),
        T("이거 얼마예요?", "reference_question", **about("price")),
    ),
    D(
        T("슬랙스 좀 보여주실래요", "product_search", **shop(SLACKS, n=2)),
        T("두 번째 거 사이즈 뭐 있어요?", "reference_question", **about("stock", ref_index=1)),
    ),
    D(
        T("셔츠 보여줘", "product_search", **shop(SHIRT)),
        T("처음부터 다시 할게요. 가방 보여주세요", "reset", **shop(BAG)),
    ),
    D(T("교환하고 싶은데 어떻게 해요?", "faq", **faq(F_RETURN_WHEN))),
    D(T("환불 얼마나 걸려요", "faq", **faq(F_REFUND_WHEN))),
    D(T("무료배송 기준이 뭐예요?", "faq", **faq(F_FREESHIP))),
    D(T("제주도 배송비 추가돼요?", "faq", **faq(F_JEJU))),
    D(T("적립금 언제 소멸돼요?", "faq", **faq(F_POINTS_EXPIRE))),
    D(T("비밀번호가 생각이 안 나요", "faq", **faq(F_PASSWORD))),
    D(T("린넨 셔츠 어떻게 빨아요?", "faq", **faq(F_LINEN_WASH))),
    D(T("현금영수증 되나요", "faq", **faq(F_RECEIPT))),
    D(T("Do you ship overseas?", "faq_english", **faq(F_INTL))),
    D(T("I want to cancel my order", "faq_english", **faq(F_CANCEL))),
    D(T("배송지 변경 가능해요?", "faq", **faq(F_ADDR))),
    D(T("할부 돼요?", "faq", **faq(F_INSTALL))),
    D(
        T("니트 추천해 주세요", "product_search", **shop(KNIT)),
        T("근데 배송비는 얼마예요?", "faq", **faq(F_SHIPFEE)),
        T("아까 니트 중에 M 있는 거요", "refine_size", **shop(KNIT, size_in_stock="M")),
    ),
    D(T("사람이랑 얘기하고 싶어요", "handoff", **HANDOFF)),
    D(
        T("자켓 보여줘요", "product_search", **shop(JACKET)),
        T("오늘 날씨 진짜 좋네요", "off_topic_in_shop", **OFF_TOPIC),
        T("8만원 이하로요", "refine_price", **shop(JACKET, price_max=80000)),
    ),
    D(
        T("맨투맨 5만원 이하", "price_expression", **shop(MTM, price_max=50000)),
        T("감사합니다", "thanks", **THANKS),
    ),
    D(T("핑크 코트 있어요?", "none", **none(COAT, because={"colors_any": PINK}))),
    D(
        T("반팔 티 보여주세요", "product_search", **shop(SS + TEE)),
        T("흰 거요", "refine_color", **shop(SS + TEE, colors_any=WHITE)),
    ),
    # --- session 2 probes, batch 2 ---
    D(T("검정 슬랙스 있어?", "product_search", **shop(SLACKS, colors_any=BLACK)), T("28 사이즈는?", "none", **none(SLACKS, because={"colors_any": BLACK, "size_in_stock": "28"}))),
    D(T("여자친구 선물로 가디건 사려는데 추천해줄래요?", "product_search", **shop(CARDI)), T("베이지색 있나요?", "refine_color", **shop(CARDI, colors_any=BEIGE))),
    D(T("블라우스 보여주세요", "product_search", **shop(BLOUSE)), T("제일 비싼 건 뭐예요?", "sort", **sorted_shop(BLOUSE, "price_desc"))),
    D(T("니트 조끼 말고 그냥 니트요", "product_search", **shop(KNIT))),
    D(T("show me white shirts", "product_search", **shop(SHIRT, colors_any=WHITE))),
    D(T("jeans under 50000 won", "price_expression", **shop(JEANS, price_max=50000))),
    D(T("코트 추천해줘", "product_search", **shop(COAT)), T("울 소재로요", "product_search", **shop(COAT, name_any=["울"]))),
    D(T("청바지 보여줘요", "product_search", **shop(JEANS)), T("첫 번째 거 세탁 어떻게 해요?", "reference_question", **about("washMethods"))),
    D(T("모자 보여줘", "product_search", **shop(HAT)), T("이거 재고 있어요?", "reference_question", **about("stock"))),
    D(T("맨투맨 보여주세요", "product_search", **shop(MTM)), T("다른 거 더 보여줘", "product_search", **shop(MTM))),
    D(T("가방 5만원 미만", "price_expression", **shop(BAG, price_max=49999)), T("고마워", "thanks", **THANKS)),
    D(T("셔츠 2만원대", "price_expression", **shop(SHIRT, price_min=20000, price_max=29999)), T("스트라이프는요?", "none", **none(SHIRT, because={"price_min": 20000, "price_max": 29999, "name_any": ["스트라이프"]}, name_any=["스트라이프"])) ),
    D(T("패딩 20만원 이하로 보여줘", "price_expression", **shop(PAD, price_max=200000))),
    D(T("원피쓰 추천", "typo", **shop(DRESS))),
    D(T("가디간 있어요?", "typo", **shop(CARDI))),
    D(T("반품 신청 어케함", "typo", **faq(F_RETURN_WHEN, F_RETURN_SHIP))),
    D(T("주문 취소 되나요?", "faq", **faq(F_CANCEL))),
    D(T("주말에 시키면 언제 와요?", "faq", **faq(F_WEEKEND))),
    D(T("해외배송 돼요?", "faq", **faq(F_INTL))),
    D(T("쿠폰이랑 적립금 같이 돼요?", "faq", **faq(F_COUPON_POINTS))),
    D(T("회원가입 혜택 뭐 있어요?", "faq", **faq(F_SIGNUP))),
    D(T("How do I return an item?", "faq_english", **faq(F_RETURN_SHIP, F_RETURN_WHEN))),
    D(T("Is there free shipping?", "faq_english", **faq(F_FREESHIP, F_SHIPFEE))),
    D(T("청바지 물 빠져요?", "faq", **faq(F_DENIM_DYE))),
    D(T("니트 보풀 생기면 어떻게 해요", "faq", **faq(F_PILLING))),
    D(T("셔츠 보여주세요", "product_search", **shop(SHIRT)), T("상담원이랑 통화 가능해요?", "handoff", **HANDOFF)),
    D(T("제 주문 언제 와요?", "order_status_no_number", **ORDER_STATUS)),
    D(T("반바지 3만원 이하", "price_expression", **shop(SHORTS, price_max=30000)), T("슬랙스는요?", "none", **none(SLACKS, because={"price_max": 30000}))),
    D(T("스커트 보여줘", "product_search", **shop(SKIRT)), T("다 필요 없고 새로 찾을게요", "reset", **{"intent_any": ["shop"]})),
    D(T("안녕하세요~ 티셔츠 보러 왔어요", "greeting", **shop(TEE + SS))),
    D(T("후드티 검정이랑 네이비 있어요?", "product_search", **shop(HOOD, colors_any=BLACK + NAVY))),
    D(T("양말 보여줘", "product_search", **shop(SOCKS)), T("만원 이하만", "refine_price", **shop(SOCKS, price_max=10000))),
    # --- session 2 probes, batch 3 ---
 D(T("니트 카디건 보여줘", "product_search", **shop(CARDI + KNIT)), T("크림색 있어?", "refine_color", **shop(CARDI + KNIT, colors_any=IVORY + WHITE))),
 D(T("캐시미어 니트 있나요?", "product_search", **shop(KNIT, name_any=["캐시미어"])), T("제일 싼 거 보여줘", "sort", **sorted_shop(KNIT, "price_asc", name_any=["캐시미어"]))),
 D(T("코트 보여주세요", "product_search", **shop(COAT)), T("이거 M 있어요?", "reference_question", **about("stock"))),
 D(T("맨투맨 보여줘", "product_search", **shop(MTM)), T("세 번째 거 얼마예요", "reference_question", **about("price", ref_index=2))),
 D(T("청바지 5만원 이하", "price_expression", **shop(JEANS, price_max=50000)), T("그 중에 진청", "none", **none(JEANS, because={"price_max": 50000, "colors_any": ["dark_denim"]}))),
 D(T("반팔티 2만원 이하", "price_expression", **shop(SS, price_max=20000)), T("블랙으로", "refine_color", **shop(SS, price_max=20000, colors_any=BLACK))),
 D(T("티셔츠 보여줘요", "product_search", **shop(TEE + SS)), T("L 사이즈 재고 있는 것만", "refine_stock", **shop(TEE + SS, size_in_stock="L"))),
 D(T("바지 추천해 주세요", "product_search", **shop(PANTS)), T("와이드 핏으로요", "product_search", **shop(PANTS, name_any=["와이드"]))),
 D(T("슬랙스 7만원대", "price_expression", **shop(SLACKS, price_min=70000, price_max=79999))),
 D(T("아우터 추천해줘", "product_search", **shop(OUTER + JACKET + COAT + CARDI + PAD))),
 D(T("원피스 8만원 이상", "price_expression", **shop(DRESS, price_min=80000))),
 D(T("양말 세트 같은 거 있어요?", "product_search", **shop(SOCKS))),
 D(T("백팩 보여줘", "product_search", **shop(BAG, name_any=["백팩"]))),
 D(T("가방 보여줘", "product_search", **shop(BAG)), T("토트백만요", "product_search", **shop(BAG, name_any=["토트"]))),
 D(T("셔츠 보여줘", "product_search", **shop(SHIRT)), T("옥스포드 셔츠는요?", "product_search", **shop(SHIRT, name_any=["옥스포드"]))),
 D(T("반바지 있어요?", "product_search", **shop(SHORTS)), T("린넨 소재는요?", "product_search", **shop(SHORTS, name_any=["린넨"]))),
 D(T("상담사 연결 부탁드려요", "handoff", **HANDOFF)),
 D(T("고객센터 전화번호 알려주세요", "handoff", **HANDOFF)),
 D(T("배송 언제 출발해요?", "faq", **faq(F_TODAY))),
 D(T("택배 안 왔는데 배송완료래요", "faq", **faq(F_NOTRECV))),
 D(T("불량품 왔어요", "faq", **faq(F_DEFECT))),
 D(T("세일하는 것도 반품 돼요?", "faq", **faq(F_SALE_RETURN))),
 D(T("적립금 얼마나 쌓여요?", "faq", **faq(F_POINTS_RATE))),
 D(T("리뷰 쓰면 뭐 줘요?", "faq", **faq(F_REVIEW))),
 D(T("생일 쿠폰 있어요?", "faq", **faq(F_BIRTHDAY))),
 D(T("회원탈퇴 어떻게 해요", "faq", **faq(F_WITHDRAW))),
 D(T("비회원 주문 가능?", "faq", **faq(F_GUEST))),
 D(T("흰티 누래지는 거 어떻게 막아요", "faq", **faq(F_YELLOWING))),
 D(T("What sizes do your pants come in? are they inches?", "faq_english", **faq(F_INCH))),
 D(T("Can I pay with Kakao Pay?", "faq_english", **faq(F_PAY, "카카오페이로 결제한 주문은 어떻게 환불되나요?"))),
 D(T("운세 봐줘", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("니트 보여줘", "product_search", **shop(KNIT)), T("파이썬 코드 짜줘", "off_topic_in_shop", **OFF_TOPIC)),
    # --- session 2 probes, batch 4 ---
 # reference questions
 D(T("린넨 바지 보여줘", "product_search", **shop(PANTS, name_any=["린넨"])), T("그거 무슨 소재예요?", "reference_question", **{"intent": "product_question", "products": {"shown_in_referenced_turn": True}})),
 D(T("블라우스 추천", "product_search", **shop(BLOUSE)), T("첫번째꺼 손세탁 해야 돼요?", "reference_question", **about("washMethods"))),
 D(T("패딩 보여주세요", "product_search", **shop(PAD)), T("맨 마지막 거 가격이요", "reference_question", **about("price", ref_index=-1))),
 D(T("스커트 있어요?", "product_search", **shop(SKIRT)), T("저거 S 사이즈 남았어요?", "reference_question", **about("stock"))),
 D(T("가디건 보여줘", "product_search", **shop(CARDI)), T("두번째 건 세탁기 돌려도 돼?", "reference_question", **about("washMethods", ref_index=1))),
 D(T("셔츠 3만원 이하", "price_expression", **shop(SHIRT, price_max=30000)), T("방금 보여준 거 재고 있어요?", "reference_question", **about("stock"))),
 D(T("모자 보여줘요", "product_search", **shop(HAT)), T("이 모자 얼마예요?", "reference_question", **about("price"))),
 # off topic inside shop
 D(T("니트 구경할게요", "product_search", **shop(KNIT)), T("근데 점심 뭐 먹지", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("원피스 추천해줘", "product_search", **shop(DRESS)), T("오늘 야구 누가 이겼어요?", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("청바지 보여줘", "product_search", **shop(JEANS)), T("영어 번역 좀 해줄래요?", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("코트 보여줘", "product_search", **shop(COAT)), T("너 이름이 뭐야?", "off_topic_in_shop", **{"intent_any": ["off_topic", "shop"], "no_products": True})),
 D(T("가방 보여주세요", "product_search", **shop(BAG)), T("주말에 여행 어디 갈까요", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("후드티 보여줘", "product_search", **shop(HOOD)), T("감기 걸렸는데 약 추천해줘", "off_topic_in_shop", **OFF_TOPIC)),
 # switch category
 D(T("반바지 3만원 밑으로 보여줘", "price_expression", **shop(SHORTS, price_max=30000)), T("티셔츠도 볼래요", "switch_category", **shop(TEE + SS))),
 D(T("검정 가디건", "none", **none(CARDI, because={"colors_any": BLACK})), T("코트는 어때요?", "switch_category", **shop(COAT))),
 D(T("니트 보여줘", "product_search", **shop(KNIT)), T("그럼 맨투맨으로", "switch_category", **shop(MTM))),
 D(T("모자 보여줘", "product_search", **shop(HAT)), T("가방도 있어요?", "switch_category", **shop(BAG))),
 D(T("블라우스 보여주세요", "product_search", **shop(BLOUSE)), T("스커트랑 같이 입을 건데 스커트도요", "switch_category", **shop(SKIRT))),
 # budget
 D(T("예산 10만원으로 코디 추천", "budget", **shop(None, price_max=100000))),
 D(T("3만원 안에서 선물할 만한 거", "budget", **shop(None, price_max=30000))),
 D(T("5만원 넘으면 안 돼요. 니트 있어요?", "budget", **shop(KNIT, price_max=50000))),
 D(T("예산은 4만원이요", "budget", **{"intent": "shop"}), T("셔츠 보여주세요", "switch_category", **shop(SHIRT, price_max=40000))),
 # exclusion
 D(T("코트 말고 자켓 보여줘", "exclusion", **shop(JACKET))),
 D(T("청바지 빼고 바지 보여줘", "exclusion", **shop(PANTS, categories_none=["청바지"]))),
 D(T("셔츠 보여줘", "product_search", **shop(SHIRT)), T("린넨 말고 코튼으로", "exclusion", **shop(SHIRT, name_any=["코튼"]))),
 # order status
 D(T("배송 어디까지 왔는지 알고 싶어요", "order_status_no_number", **ORDER_STATUS)),
 D(T("내 택배 언제 와?", "order_status_no_number", **ORDER_STATUS)),
 # typo
 D(T("맨투멘 보여줘", "typo", **shop(MTM))),
 D(T("슬렉스 추천해주세여", "typo", **shop(SLACKS))),
 D(T("환뷸 언제 되나여", "typo", **faq(F_REFUND_WHEN))),
 # none
 D(T("빨간 패딩 있어요?", "none", **none(PAD, because={"colors_any": ["red"]}))),
 D(T("1만원 이하 코트", "none", **none(COAT, because={"price_max": 10000}))),
    # --- session 3 probes, batch 5 (written fresh before any fix; dev from now on) ---
 # switch category, keeping the price
 D(T("4만원 이하 맨투맨 보여줘", "price_expression", **shop(MTM, price_max=40000)), T("후드티는요?", "switch_category", **shop(HOOD, price_max=40000))),
 D(T("원피스 10만원 이하", "price_expression", **shop(DRESS, price_max=100000)), T("스커트로 바꿔서요", "switch_category", **shop(SKIRT, price_max=100000))),
 D(T("니트 보여줘요", "product_search", **shop(KNIT)), T("가디건 쪽도 보여주세요", "switch_category", **shop(CARDI))),
 D(T("청바지 좀 볼게요", "product_search", **shop(JEANS)), T("슬랙스로 볼게요", "switch_category", **shop(SLACKS))),
 D(T("5만원대 블라우스", "price_expression", **shop(BLOUSE, price_min=50000, price_max=59999)), T("셔츠도 같은 가격대로", "switch_category", **shop(SHIRT, price_min=50000, price_max=59999))),
 D(T("모자 있나요", "product_search", **shop(HAT)), T("그럼 양말은?", "switch_category", **shop(SOCKS))),
 D(T("코트 20만원 이하", "price_expression", **shop(COAT, price_max=200000)), T("자켓은 어때요", "switch_category", **shop(JACKET, price_max=200000))),
 D(T("반팔티 검정으로", "refine_color", **shop(SS + TEE, colors_any=BLACK)), T("셔츠도 검정 있어요?", "switch_category", **none(SHIRT, because={"colors_any": BLACK}))),
 # exclusion
 D(T("아우터 보여줘", "product_search", **shop(OUTER)), T("코트 빼고요", "exclusion", **shop(OUTER, categories_none=COAT))),
 D(T("니트 말고 맨투맨 보여줄래요?", "exclusion", **shop(MTM))),
 D(T("가방 보여주세요", "product_search", **shop(BAG)), T("백팩 말고 다른 거", "exclusion", **shop(BAG, name_none=["백팩"]))),
 D(T("바지 추천해줄래", "product_search", **shop(PANTS)), T("반바지는 빼주세요", "exclusion", **shop(PANTS, categories_none=SHORTS))),
 D(T("원피스 보여줄래?", "product_search", **shop(DRESS)), T("니트 원피스 말고요", "exclusion", **shop(DRESS, name_none=["니트"]))),
 D(T("셔츠 보여줄래요", "product_search", **shop(SHIRT)), T("흰색 말고 다른 색", "exclusion", **shop(SHIRT, colors_none=WHITE))),
 D(T("후드티 말고 집업으로", "exclusion", **shop(HOOD, name_any=["집업"]))),
 # reference questions
 D(T("니트 보여줘", "product_search", **shop(KNIT)), T("두 번째 니트 얼마예요?", "reference_question", **about("price", ref_index=1))),
 D(T("원피스 보여줘요", "product_search", **shop(DRESS)), T("첫 번째 원피스 드라이해야 돼요?", "reference_question", **about("washMethods"))),
 D(T("자켓 보여줘", "product_search", **shop(JACKET)), T("그거 L 사이즈 있어요?", "reference_question", **about("stock"))),
 D(T("가디건 구경할게요", "product_search", **shop(CARDI)), T("마지막 거 세탁은요?", "reference_question", **about("washMethods", ref_index=-1))),
 D(T("맨투맨 보여줘", "product_search", **shop(MTM)), T("양말도 보여줘", "switch_category", **shop(SOCKS)), T("아까 맨투맨 첫 번째 거 가격", "reference_question", **about("price", ref_turn=0))),
 D(T("코트 추천해줘", "product_search", **shop(COAT)), T("이 코트 재고 있어요?", "reference_question", **about("stock"))),
 D(T("셔츠 보여줘", "product_search", **shop(SHIRT)), T("방금 거 얼마였죠?", "reference_question", **about("price"))),
 # FAQ paraphrases
 D(T("배송비 따로 내야 돼요?", "faq", **faq(F_SHIPFEE))),
 D(T("몇 만원 사야 배송비 무료예요?", "faq", **faq(F_FREESHIP))),
 D(T("지금 주문하면 오늘 보내줘요?", "faq", **faq(F_TODAY))),
 D(T("반품하면 환불 며칠 걸려요", "faq", **faq(F_REFUND_WHEN))),
 D(T("사이즈 안 맞으면 바꿀 수 있어요?", "faq", **faq(F_SIZE_EX))),
 D(T("무통장 입금 기한이 언제예요", "faq", **faq(F_DEPOSIT))),
 D(T("할부 돼요?", "faq", **faq(F_INSTALL))),
 D(T("적립금 언제 소멸돼요?", "faq", **faq(F_POINTS_EXPIRE))),
 D(T("비번이 생각 안 나요", "faq", **faq(F_PASSWORD))),
 D(T("제주 배송비 추가돼요?", "faq", **faq(F_JEJU))),
 D(T("주소 잘못 적었어요", "faq", **faq(F_ADDR))),
 D(T("택배가 두 개로 나눠서 왔어요", "faq", **faq(F_SPLIT))),
 D(T("Do you ship overseas?", "faq_english", **faq(F_INTL))),
 D(T("How do I cancel my order?", "faq_english", **faq(F_CANCEL))),
 D(T("패딩 빨래 어떻게 해요", "faq", **faq(F_PADDING_WASH))),
 D(T("니트 빨면 작아져요?", "faq", **faq(F_KNIT_SHRINK))),
 # mixed
 D(T("슬랙스 보여줘", "product_search", **shop(SLACKS)), T("검정으로", "refine_color", **shop(SLACKS, colors_any=BLACK)), T("허리 사이즈는 인치예요?", "faq", **faq(F_INCH))),
 D(T("셔츠 보여줘요", "product_search", **shop(SHIRT)), T("고마워요", "thanks", **THANKS)),
 D(T("패딩 보여줘", "product_search", **shop(PAD)), T("사람이랑 얘기하고 싶어요", "handoff", **HANDOFF)),
 D(T("가방 보여줘", "product_search", **shop(BAG)), T("비싼 순으로", "sort", **sorted_shop(BAG, "price_desc"))),
 D(T("청바지 싼 거부터", "sort", **sorted_shop(JEANS, "price_asc"))),
 # categories the shop does not sell: an honest answer, no unrelated cards
 D(T("수영복 있어요?", "none", **{"intent": "shop", "no_products": True, "answer_contains_any": ["취급", "판매하지"]})),
 D(T("구두도 팔아요?", "none", **{"intent": "shop", "no_products": True, "answer_contains_any": ["취급", "판매하지"]})),
    # --- session 3 probes, batch 6 (references and category switches, written fresh) ---
 D(T("바지 5만원 이하", "price_expression", **shop(PANTS, price_max=50000)), T("치마는?", "switch_category", **shop(SKIRT, price_max=50000))),
 D(T("셔츠 6만원 이하로", "price_expression", **shop(SHIRT, price_max=60000)), T("니트도 보여주실래요?", "switch_category", **shop(KNIT, price_max=60000))),
 D(T("코트 30만원 이하", "price_expression", **shop(COAT, price_max=300000)), T("그럼 패딩 보여줘", "switch_category", **shop(PAD, price_max=300000))),
 D(T("블라우스 5만원 이하", "price_expression", **shop(BLOUSE, price_max=50000)), T("원피스는 없어요?", "switch_category", **none(DRESS, because={"price_max": 50000}))),
 D(T("모자 2만5천원 이하", "price_expression", **shop(HAT, price_max=25000)), T("양말 쪽은요?", "switch_category", **shop(SOCKS, price_max=25000))),
 D(T("4만원 이하 셔츠", "price_expression", **shop(SHIRT, price_max=40000)), T("바지도 좀 찾아줘", "switch_category", **shop(PANTS, price_max=40000))),
 D(T("티셔츠 2만원 이하", "price_expression", **shop(TEE + SS, price_max=20000)), T("이번엔 양말", "switch_category", **shop(SOCKS, price_max=20000))),
 D(T("맨투맨 5만원 이하", "price_expression", **shop(MTM, price_max=50000)), T("후드티로 바꿀게요", "switch_category", **shop(HOOD, price_max=50000))),
 D(T("니트 7만원 이하", "price_expression", **shop(KNIT, price_max=70000)), T("가디건도 있나?", "switch_category", **shop(CARDI, price_max=70000))),
 D(T("반바지 3만원 이하", "price_expression", **shop(SHORTS, price_max=30000)), T("티셔츠는 어떤 거 있어요?", "switch_category", **shop(TEE + SS, price_max=30000))),
 # references
 D(T("자켓 보여줘", "product_search", **shop(JACKET)), T("저거 사이즈 몇까지 나와요?", "reference_question", **about("stock"))),
 D(T("슬랙스 보여주세요", "product_search", **shop(SLACKS)), T("그 바지 M 있어요?", "reference_question", **about("stock"))),
 D(T("니트 추천해줘", "product_search", **shop(KNIT)), T("두번째꺼 얼마에요", "reference_question", **about("price", ref_index=1))),
 D(T("블라우스 보여줘요", "product_search", **shop(BLOUSE)), T("첫 번째 상품 빨래는 어떻게 해요", "reference_question", **about("washMethods"))),
 D(T("청바지 보여줘", "product_search", **shop(JEANS)), T("위에 거 재고 있나요", "reference_question", **about("stock"))),
 D(T("가방 추천해 주세요", "product_search", **shop(BAG)), T("이 가방 가격 얼마?", "reference_question", **about("price"))),
 D(T("셔츠 보여줘", "product_search", **shop(SHIRT)), T("방금 보여준 셔츠 세탁기 돼요?", "reference_question", **about("washMethods"))),
 D(T("코트 보여줘요", "product_search", **shop(COAT)), T("그 코트 드라이클리닝만 돼요?", "reference_question", **about("washMethods"))),
 D(T("원피스 추천", "product_search", **shop(DRESS)), T("3번째 거 가격 알려줘", "reference_question", **about("price", ref_index=2))),
 D(T("니트 좀 보여 주실래요", "product_search", **shop(KNIT)), T("이 니트 손빨래 해도 돼요?", "reference_question", **about("washMethods"))),
 D(T("후드티 보여줘", "product_search", **shop(HOOD)), T("이건 얼마예요?", "reference_question", **about("price"))),
 D(T("맨투맨 추천해줘", "product_search", **shop(MTM)), T("그건 세탁 어떻게 해?", "reference_question", **about("washMethods"))),
 D(T("반바지 보여줘", "product_search", **shop(SHORTS)), T("그거 XL도 나와요?", "reference_question", **about("stock"))),
 D(T("가디건 보여줘", "product_search", **shop(CARDI)), T("모자도 보여줘", "switch_category", **shop(HAT)), T("아까 본 가디건 얼마였지?", "reference_question", **about("price", ref_turn=0))),
 D(T("스커트 보여줘요", "product_search", **shop(SKIRT)), T("처음 거 가격이요", "reference_question", **about("price"))),
 D(T("패딩 추천해 주세요", "product_search", **shop(PAD)), T("2번 얼마예요?", "reference_question", **about("price", ref_index=1))),
 D(T("셔츠 보여주세요", "product_search", **shop(SHIRT)), T("1번 상품 사이즈 뭐 있어요", "reference_question", **about("stock"))),
 D(T("양말 보여줘", "product_search", **shop(SOCKS)), T("맨 위에 거 얼마야", "reference_question", **about("price"))),
 D(T("바지 보여줘", "product_search", **shop(PANTS)), T("이거 몇 사이즈까지 있어요", "reference_question", **about("stock"))),
 D(T("코트 보여줘", "product_search", **shop(COAT)), T("마지막 코트 가격은요?", "reference_question", **about("price", ref_index=-1))),
    # --- session 3 probes, batch 7 (budgets, none, off-topic, order status, typos, FAQ; written fresh) ---
 D(T("6만원 안으로 니트 있을까요", "budget", **shop(KNIT, price_max=60000))),
 D(T("엄마 선물로 5만원 이내 뭐 없을까요?", "budget", **shop(None, price_max=50000))),
 D(T("돈이 4만원밖에 없는데 바지 살 수 있어요?", "budget", **shop(PANTS, price_max=40000))),
 D(T("예산 3만원 선에서 셔츠", "budget", **shop(SHIRT, price_max=30000))),
 D(T("남자친구 생일 선물 추천해줘요 7만원까지", "budget", **shop(None, price_max=70000))),
 D(T("2만원으로 살 수 있는 가방", "budget", **none(BAG, because={"price_max": 20000}))),
 D(T("초록색 니트 있나요?", "none", **none(KNIT, because={"colors_any": GREEN}))),
 D(T("핑크 가방 있어요?", "none", **none(BAG, because={"colors_any": PINK}))),
 D(T("50만원 넘는 코트 있어요?", "none", **none(COAT, because={"price_min": 500000}))),
 D(T("노란 셔츠 보여줘", "none", **none(SHIRT, because={"colors_any": YELLOW}))),
 D(T("5천원 이하 모자", "none", **none(HAT, because={"price_max": 5000}))),
 D(T("스커트 보여줘", "product_search", **shop(SKIRT)), T("요즘 부동산 어때요?", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("가디건 보여줘", "product_search", **shop(CARDI)), T("수학 숙제 좀 도와줘", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("패딩 보여줘요", "product_search", **shop(PAD)), T("비트코인 사야 돼요?", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("후드티 있어요?", "product_search", **shop(HOOD)), T("재밌는 영화 추천해줘", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("청바지 보여주세요", "product_search", **shop(JEANS)), T("시 한 편 써줘", "off_topic_in_shop", **OFF_TOPIC)),
 D(T("제가 시킨 옷 아직 안 왔어요", "order_status_no_number", **ORDER_STATUS)),
 D(T("주문한 니트 배송 언제 돼요?", "order_status_no_number", **ORDER_STATUS)),
 D(T("지난주에 결제한 거 어디쯤이에요", "order_status_no_number", **ORDER_STATUS)),
 D(T("택배 조회하고 싶어요", "order_status_no_number", **ORDER_STATUS)),
 D(T("블라우스 보여줘용", "typo", **shop(BLOUSE))),
 D(T("가디겅 있어요?", "typo", **shop(CARDI))),
 D(T("청바지 추쳔해주세요", "typo", **shop(JEANS))),
 D(T("배숑비 얼마에요", "typo", **faq(F_SHIPFEE))),
 D(T("반품 하구 싶어여", "typo", **faq(F_RETURN_WHEN, F_RETURN_SHIP, F_CHANGE_MIND))),
 D(T("출근할 때 입을 셔츠 추천", "product_search", **shop(SHIRT))),
 D(T("여름에 입기 좋은 반바지", "product_search", **shop(SHORTS))),
 D(T("겨울 아우터 보여줘", "product_search", **shop(OUTER + JACKET + COAT + CARDI + PAD))),
 D(T("캔버스 가방 있어요?", "product_search", **shop(BAG, name_any=["캔버스"]))),
 D(T("울 스커트 보여줘", "product_search", **shop(SKIRT, name_any=["울"]))),
 D(T("데님 스커트 있나요", "product_search", **shop(SKIRT, name_any=["데님"]))),
 D(T("헨리넥 티셔츠 보여주세요", "product_search", **shop(TEE, name_any=["헨리넥"]))),
 D(T("Is there a cash receipt?", "faq_english", **faq(F_RECEIPT))),
 D(T("Can I change my delivery address?", "faq_english", **faq(F_ADDR))),
 D(T("Do points expire?", "faq_english", **faq(F_POINTS_EXPIRE))),
 D(T("How much is shipping?", "faq_english", **faq(F_SHIPFEE))),
 D(T("입금 기한 있어요?", "faq", **faq(F_DEPOSIT))),
 D(T("쿠폰이랑 포인트 같이 돼요?", "faq", **faq(F_COUPON_POINTS))),
 D(T("물건이 불량이에요", "faq", **faq(F_DEFECT))),
 D(T("옷이 다른 게 왔어요", "faq", **faq(F_WRONG))),
 D(T("주문 취소 어떻게 해요", "faq", **faq(F_CANCEL))),
 D(T("사이즈 어떻게 골라요?", "faq", **faq(F_SIZE_PICK))),
 D(T("오버핏은 작게 입어야 해요?", "faq", **faq(F_OVERFIT))),
 D(T("프리사이즈 누구나 맞아요?", "faq", **faq(F_FREE))),
 D(T("회원가입 혜택 뭐 있어요", "faq", **faq(F_SIGNUP))),
 D(T("리뷰 적립금 있어요?", "faq", **faq(F_REVIEW))),
 D(T("해외 카드 돼요?", "faq", **faq(F_FOREIGN_CARD))),
 D(T("린넨 구김 어떻게 해요", "faq", **faq(F_LINEN_WRINKLE))),
 D(T("보풀 제거 어떻게 해요", "faq", **faq(F_PILLING))),
 D(T("옷 보관 팁 있어요?", "faq", **faq(F_STORAGE))),
    # --- session 3 probes, batch 8 (helper A: product conversations); written fresh by a helper who never saw the held-out split ---

    # 1 material + budget
    D(T("린넨 소재 셔츠 찾는데요", "product_search", **shop(SHIRT, name_any=["린넨"])),
      T("3만원 안쪽으로 있나요?", "refine_price", **shop(SHIRT, name_any=["린넨"], price_max=30000))),
    # 2 wool knit, colour exclusion, stock of shown
    D(T("울 니트 보여줘", "product_search", **shop(KNIT, name_any=["울"])),
      T("버건디 말고 다른 색", "exclusion", **shop(KNIT, name_any=["울"], colors_none=BURGUNDY)),
      T("그거 사이즈 뭐 남았어?", "reference_question", **about("stock"))),
    # 3 crop sweatshirt + wash
    D(T("크롭 맨투맨 있어?", "product_search", **shop(MTM, name_any=["크롭"])),
      T("이거 세탁기 돌려도 돼요?", "reference_question", **about("washMethods"))),
    # 4 oversize shirt, white, size
    D(T("오버핏 셔츠 추천해주세요", "product_search", **shop(SHIRT, name_any=["오버핏"])),
      T("화이트나 아이보리로", "refine_color", **shop(SHIRT, name_any=["오버핏"], colors_any=WHITE)),
      T("L 재고 있는 걸로요", "refine_size", **shop(SHIRT, name_any=["오버핏"], colors_any=WHITE, size_in_stock="L"))),
    # 5 wide pants, price, exclusion of shorts
    D(T("와이드 팬츠 있나요", "product_search", **shop(PANTS, name_any=["와이드"])),
      T("5만원 이하만", "refine_price", **shop(PANTS, name_any=["와이드"], price_max=50000)),
      T("긴 바지로요, 반바지 빼고", "exclusion", **shop(PANTS, name_any=["와이드"], price_max=50000, categories_none=SHORTS))),
    # 6 price band then cheaper
    D(T("반팔티 2만원대 보여주세요", "price_expression", **shop(SS, price_min=20000, price_max=29999)),
      T("더 싼 거는?", "refine_price", **shop(SS, cheaper_than_previous=True))),
    # 7 switch keeps price
    D(T("3만원 아래 반바지", "price_expression", **shop(SHORTS, price_max=30000)),
      T("스커트도 있어요?", "switch_category", **shop(SKIRT, price_max=30000))),
    # 8 switch keeps price
    D(T("니트 7만원 아래로", "price_expression", **shop(KNIT, price_max=70000)),
      T("가디건은요?", "switch_category", **shop(CARDI, price_max=70000))),
    # 9 exclusion of a style, sort, wash
    D(T("코트 보고 있는데 트렌치 말고요", "exclusion", **shop(COAT, name_none=["트렌치"])),
      T("그 중 제일 저렴한 거", "sort", **sorted_shop(COAT, "price_asc", name_none=["트렌치"])),
      T("이거 드라이 맡겨야 돼요?", "reference_question", **about("washMethods"))),
    # 10 second card price
    D(T("블라우스 구경 좀 할게요", "product_search", **shop(BLOUSE, n=2)),
      T("두 번째 거 얼마예요?", "reference_question", **about("price", ref_index=1))),
    # 11 black denim, size, price
    D(T("흑청 청바지 있어요?", "product_search", **shop(JEANS, colors_any=["black_denim"])),
      T("32 사이즈 되는 거", "refine_size", **shop(JEANS, colors_any=["black_denim"], size_in_stock="32")),
      T("그거 가격이?", "reference_question", **about("price"))),
    # 12 none colour then lavender
    D(T("핑크 블라우스 있나요?", "none", **none(BLOUSE, because={"colors_any": PINK})),
      T("그럼 라벤더로 보여줘요", "refine_color", **shop(BLOUSE, colors_any=PURPLE))),
    # 13 none price then cheapest
    D(T("패딩 10만원 이하로 있어?", "none", **none(PAD, because={"price_max": 100000})),
      T("그럼 제일 싼 패딩은 얼마야", "sort", **sorted_shop(PAD, "price_asc"))),
    # 14 budget hat, colour
    D(T("예산 3만원인데 모자 살 수 있을까요", "budget", **shop(HAT, price_max=30000)),
      T("베이지 있어요?", "refine_color", **shop(HAT, price_max=30000, colors_any=BEIGE))),
    # 15 budget bag, first card wash
    D(T("5만원 안에서 가방 추천", "budget", **shop(BAG, price_max=50000)),
      T("첫 번째 거 세탁은 어떻게 해요?", "reference_question", **about("washMethods"))),
    # 16 slacks waist size then navy
    D(T("슬랙스 29 사이즈 있어요?", "refine_size", **shop(SLACKS, size_in_stock="29")),
      T("네이비로", "refine_color", **shop(SLACKS, size_in_stock="29", colors_any=NAVY))),
    # 17 sort desc then honest none above 200k
    D(T("자켓 비싼 순으로 정렬해줘", "sort", **sorted_shop(JACKET, "price_desc")),
      T("20만원 넘는 것도 있어?", "none", **none(JACKET, because={"price_min": 200001}))),
    # 18 English style word, none colour
    D(T("oversize hoodie 있나요", "product_search", **shop(HOOD, name_any=["오버핏"])),
      T("black 있어요?", "none", **none(HOOD, because={"colors_any": BLACK}))),
    # 19 typo + style, price cap
    D(T("가디간 크롭으로 보여주세여", "typo", **shop(CARDI, name_any=["크롭"])),
      T("10만원 넘는건 빼고", "refine_price", **shop(CARDI, name_any=["크롭"], price_max=100000))),
    # 20 trench, camel, stock of it
    D(T("트렌치코트 있어요?", "product_search", **shop(COAT, name_any=["트렌치"])),
      T("카멜색 있나요?", "refine_color", **shop(COAT, name_any=["트렌치"], colors_any=["camel"])),
      T("그거 사이즈 어떤 거 남았어요?", "reference_question", **about("stock"))),
    # 21 back-reference two turns up
    D(T("니트 보여주세요~", "product_search", **shop(KNIT)),
      T("바지도 좀 보여줘", "switch_category", **shop(PANTS)),
      T("아까 그 니트 얼마였죠?", "reference_question", **about("price", ref_turn=0))),
    # 22 price band, sort asc
    D(T("셔츠 5만원대", "price_expression", **shop(SHIRT, price_min=50000, price_max=59999)),
      T("가격 낮은 순으로", "sort", **sorted_shop(SHIRT, "price_asc", price_min=50000, price_max=59999))),
    # 23 gray sweatshirt, oversize, sizes
    D(T("맨투맨 회색", "product_search", **shop(MTM, colors_any=GRAY)),
      T("오버핏으로만", "product_search", **shop(MTM, colors_any=GRAY, name_any=["오버핏"])),
      T("이거 사이즈 뭐뭐 있어?", "reference_question", **about("stock"))),
    # 24 exclusion in the first turn, midi
    D(T("스커트 보여줘, 데님은 빼고", "exclusion", **shop(SKIRT, name_none=["데님"])),
      T("미디 길이로", "product_search", **shop(SKIRT, name_none=["데님"], name_any=["미디"]))),
    # 25 white tee -> black -> cheapest
    D(T("반팔 티셔츠 흰색 있나요", "product_search", **shop(SS, colors_any=WHITE)),
      T("그럼 검정은요?", "refine_color", **shop(SS, colors_any=BLACK)),
      T("그 중 제일 싼 거 보여줘", "sort", **sorted_shop(SS, "price_asc", colors_any=BLACK))),
    # 26 jeans under 70k, wide, stock
    D(T("청바지 7만원 미만", "price_expression", **shop(JEANS, price_max=69999)),
      T("와이드핏으로", "product_search", **shop(JEANS, price_max=69999, name_any=["와이드"])),
      T("재고 사이즈 알려줘", "reference_question", **about("stock"))),
    # 27 padding styles, sort
    D(T("패딩 조끼 있어요?", "product_search", **shop(PAD, name_any=["조끼"])),
      T("경량 패딩도 보여줘요", "product_search", **shop(PAD, name_any=["경량"])),
      T("그 중 제일 싼 거", "sort", **sorted_shop(PAD, "price_asc", name_any=["경량"]))),
    # 28 socks under 10k, wool
    D(T("양말 만원 이하", "price_expression", **shop(SOCKS, price_max=10000)),
      T("울 소재로만", "product_search", **shop(SOCKS, price_max=10000, name_any=["울"]))),
    # 29 price bands for coats
    D(T("20만원대 코트 있나요?", "price_expression", **shop(COAT, price_min=200000, price_max=299999)),
      T("30만원대는요?", "refine_price", **shop(COAT, price_min=300000, price_max=399999))),
    # 30 switch keeps price -> none
    D(T("슬랙스 살래요 4만원 이하", "price_expression", **shop(SLACKS, price_max=40000)),
      T("청바지는?", "switch_category", **none(JEANS, because={"price_max": 40000}))),
    # 31 English query, exclusion
    D(T("linen pants under 50000", "product_search", **shop(PANTS, name_any=["린넨"], price_max=50000)),
      T("반바지 빼고", "exclusion", **shop(PANTS, name_any=["린넨"], price_max=50000, categories_none=SHORTS))),
    # 32 fragments, 반말
    D(T("후드집업", "product_search", **shop(HOOD, name_any=["집업"])),
      T("네이비", "refine_color", **shop(HOOD, name_any=["집업"], colors_any=NAVY)),
      T("얼마?", "reference_question", **about("price"))),
    # 33 dress under 70k, knit dress, second card stock
    D(T("원피스 7만원 이하 있어요?", "price_expression", **shop(DRESS, price_max=70000)),
      T("니트 원피스로", "product_search", **shop(DRESS, n=2, price_max=70000, name_any=["니트"])),
      T("두 번째 거 사이즈 있어요?", "reference_question", **about("stock", ref_index=1))),
    # 34 none colour then mint
    D(T("노란 가디건 있나요", "none", **none(CARDI, because={"colors_any": YELLOW})),
      T("민트는?", "refine_color", **shop(CARDI, colors_any=MINT))),
    # 35 windbreaker, price, white
    D(T("바람막이 찾아요", "product_search", **shop(JACKET, name_any=["바람막이"])),
      T("10만원 이하로", "refine_price", **shop(JACKET, name_any=["바람막이"], price_max=100000)),
      T("흰색 있으면 그걸로", "refine_color", **shop(JACKET, name_any=["바람막이"], price_max=100000, colors_any=WHITE))),
    # 36 cashmere then cheaper
    D(T("캐시미어 니트 있나요", "product_search", **shop(KNIT, name_any=["캐시미어"])),
      T("소재 상관없이 더 싼 니트 보여줘", "refine_price", **shop(KNIT, cheaper_than_previous=True))),
    # 37 oxford, S stock, dearest
    D(T("옥스포드 셔츠 보여줘", "product_search", **shop(SHIRT, name_any=["옥스포드"])),
      T("S 사이즈 재고 있는 것만", "refine_stock", **shop(SHIRT, name_any=["옥스포드"], size_in_stock="S")),
      T("그 중에 제일 비싼 거", "sort", **sorted_shop(SHIRT, "price_desc", name_any=["옥스포드"], size_in_stock="S"))),
    # 38 linen tee, first card wash (typo-ish 반말)
    D(T("린넨 반팔티 있어?", "product_search", **shop(SS, name_any=["린넨"])),
      T("첫번째꺼 빨래 어떻게 해", "reference_question", **about("washMethods"))),
    # 39 bags over 100k, eco bag, not navy
    D(T("가방 10만원 이상", "price_expression", **shop(BAG, price_min=100000)),
      T("에코백만", "product_search", **shop(BAG, price_min=100000, name_any=["에코백"])),
      T("네이비 말고 다른 색", "exclusion", **shop(BAG, price_min=100000, name_any=["에코백"], colors_none=NAVY))),
    # 40 치마 synonym, pleats
    D(T("치마 3만원대", "price_expression", **shop(SKIRT, price_min=30000, price_max=39999)),
      T("플리츠로만", "product_search", **shop(SKIRT, price_min=30000, price_max=39999, name_any=["플리츠"]))),
    # 41 mohair knit -> mohair cardigan -> ivory
    D(T("모헤어 니트 있어요?", "product_search", **shop(KNIT, name_any=["모헤어"])),
      T("모헤어 가디건도 있나요?", "switch_category", **shop(CARDI, name_any=["모헤어"])),
      T("아이보리색으로", "refine_color", **shop(CARDI, name_any=["모헤어"], colors_any=IVORY))),
    # 42 bootcut pants, no jeans, waist 28
    D(T("부츠컷 바지 보여주세요", "product_search", **shop(PANTS, name_any=["부츠컷"])),
      T("청바지 말고", "exclusion", **shop(PANTS, name_any=["부츠컷"], categories_none=JEANS)),
      T("28 사이즈", "refine_size", **shop(PANTS, name_any=["부츠컷"], categories_none=JEANS, size_in_stock="28"))),
    # 43 blazer, black, wash
    D(T("블레이저 있어요?", "product_search", **shop(JACKET, name_any=["블레이저"])),
      T("블랙으로요", "refine_color", **shop(JACKET, name_any=["블레이저"], colors_any=BLACK)),
      T("세탁 방법 알려주세요", "reference_question", **about("washMethods"))),
    # 44 price range, sort desc
    D(T("4만~6만원 사이 블라우스", "price_expression", **shop(BLOUSE, price_min=40000, price_max=60000)),
      T("가격 높은 순으로 보여줘", "sort", **sorted_shop(BLOUSE, "price_desc", price_min=40000, price_max=60000))),
    # 45 Korean numeral price, switch keeps price
    D(T("후드티 오만원 이하", "price_expression", **shop(HOOD, price_max=50000)),
      T("맨투맨은 어때?", "switch_category", **shop(MTM, price_max=50000))),
    # 46 long sleeve, M stock, not navy
    D(T("롱슬리브 티 있어요?", "product_search", **shop(TEE, name_any=["롱슬리브"])),
      T("M 있는 것만 보여줘요", "refine_size", **shop(TEE, name_any=["롱슬리브"], size_in_stock="M")),
      T("네이비 말고", "exclusion", **shop(TEE, name_any=["롱슬리브"], size_in_stock="M", colors_none=NAVY))),
    # 47 honest none price then relax
    D(T("만원 이하 반팔 있어요?", "none", **none(SS, because={"price_max": 10000})),
      T("그럼 2만원 이하로는?", "refine_price", **shop(SS, price_max=20000))),
    # 48 bucket hat -> beanie -> wash
    D(T("버킷햇 보여줘", "product_search", **shop(HAT, name_any=["버킷햇"])),
      T("비니도 있어?", "switch_category", **shop(HAT, name_any=["비니"])),
      T("이거 손빨래 돼요?", "reference_question", **about("washMethods"))),
    # 49 English budget, second card stock
    D(T("budget 60000, looking for a dress", "budget", **shop(DRESS, n=2, price_max=60000)),
      T("두번째 거 재고 있어요?", "reference_question", **about("stock", ref_index=1))),
    # 50 sky-blue shirt, cap
    D(T("소라색 셔츠", "product_search", **shop(SHIRT, colors_any=SKY)),
      T("6만원 넘는 건 빼줘", "refine_price", **shop(SHIRT, colors_any=SKY, price_max=60000))),
    # --- session 3 probes, batch 9 (helper B: FAQ wording, follow-ups, handoff, off-topic); written fresh by a helper who never saw the held-out split ---

    # --- delivery ---
    D(T("택배비 붙어요?", "faq", **faq(F_SHIPFEE, F_FREESHIP)),
      T("5만원 넘게 사면요?", "faq", **faq(F_FREESHIP, F_SHIPFEE))),
    D(T("토요일에 시키면 월요일에 받을 수 있어요?", "faq", **faq(F_WEEKEND))),
    D(T("한 번에 주문했는데 박스가 두 번 나눠서 왔어요", "faq", **faq(F_SPLIT)),
      T("그럼 배송비 두 번 내는 거예요?", "faq", **faq(F_SPLIT))),
    D(T("이사가서 받는 주소 바꿔야 돼요", "faq", **faq(F_ADDR))),
    D(T("배송완료 떴는데 물건이 없어요ㅠ", "faq", **faq(F_NOTRECV)),
      T("그냥 상담원이랑 얘기할게요", "handoff", **HANDOFF)),
    # --- returns / exchanges / refunds ---
    D(T("맘에 안 들어서 돌려보내면 택배비 제가 내요?", "faq", **faq(F_CHANGE_MIND)),
      T("무료배송으로 받은 거면요?", "faq", **faq(F_CHANGE_MIND))),
    D(T("받은 옷에 구멍이 나 있어요", "faq", **faq(F_DEFECT)),
      T("사람이랑 직접 통화할 수 있어요?", "handoff", **HANDOFF)),
    D(T("M 샀는데 L로 바꿀 수 있나요", "faq", **faq(F_SIZE_EX))),
    D(T("환불은 보통 언제쯤 들어와요?", "faq", **faq(F_REFUND_WHEN)),
      T("카카오페이로 샀으면요?", "faq", **faq(F_KAKAO_REFUND)),
      T("무통장으로 입금했던 건요?", "faq", **faq(F_BANK_REFUND))),
    D(T("반품 기한 며칠이에요?", "faq", **faq(F_RETURN_WHEN)),
      T("택 뗐는데 반품 돼요?", "faq", **faq(F_WASHED))),
    D(T("반품할 때 택배는 제가 불러야 돼요?", "faq", **faq(F_RETURN_SHIP)),
      T("우체국으로 부쳐도 되나요?", "faq", **faq(F_OTHER_COURIER))),
    D(T("할인받아서 산 것도 환불 돼요?", "faq", **faq(F_SALE_RETURN)),
      T("양말 포장 뜯었는데 반품 되나여", "typo", **faq(F_SOCKS_RETURN))),
    # --- sizes ---
    D(T("사이즈 뭘로 사야 할지 모르겠어요", "faq", **faq(F_SIZE_PICK, F_SIZE_ASK, F_BIGGER))),
    D(T("키 170에 65키로면 상의 무슨 사이즈요?", "faq", **faq(F_BODY, F_SIZE_ASK, F_SIZE_PICK))),
    D(T("바지 30이면 cm로 몇이에요?", "faq", **faq(F_INCH)),
      T("셔츠 100 사이즈는 L이에요?", "faq", **faq(F_NUMSIZE))),
    D(T("상세페이지 실측은 어떻게 잰 거예요?", "faq", **faq(F_MEASURE)),
      T("모델 몇 사이즈 입은 거예요?", "faq", **faq(F_MODEL))),
    # --- payment ---
    D(T("네이버페이 돼요?", "faq", **faq(F_PAY, F_NPAY_POINTS)),
      T("할부 몇 개월까지 돼요?", "faq", **faq(F_INSTALL))),
    D(T("현영 되나요?", "faq", **faq(F_RECEIPT)),
      T("결제 실패 떴는데 카드값은 빠져나갔어요", "faq", **faq(F_PAYERR))),
    D(T("결제한 거 카드 말고 계좌이체로 바꾸고 싶어요", "faq", **faq(F_PAYCHANGE))),
    # --- points / membership ---
    D(T("적립금 언제 들어와요?", "faq", **faq(F_POINTS_WHEN)),
      T("얼마부터 쓸 수 있어요?", "faq", **faq(F_POINTS_USE))),
    D(T("생일이면 할인해 주나요?", "faq", **faq(F_BIRTHDAY)),
      T("반품하면 썼던 적립금 돌려줘요?", "faq", **faq(F_POINTS_RETURN))),
    D(T("비회원으로 산 거 주문내역 어디서 봐요", "faq", **faq(F_GUEST_LOOKUP))),
    # --- care ---
    D(T("니트 세탁하면 작아지나요?", "faq", **faq(F_KNIT_SHRINK)),
      T("보풀 생겼는데 이거 불량 아니에요?", "faq", **faq(F_PILLING))),
    D(T("스웨이드 자켓 관리법 알려주세요", "faq", **faq(F_SUEDE)),
      T("코트는 드라이 얼마나 자주 맡겨요?", "faq", **faq(F_COAT_DRY))),
    D(T("흰티 누래지는거 어케 막아요", "typo", **faq(F_YELLOWING)),
      T("레이온 블라우스 빨았더니 쪼그라들었어요ㅠ", "faq", **faq(F_RAYON))),
    D(T("여름옷 넣어둘 때 뭐 조심해야 돼요?", "faq", **faq(F_STORAGE))),
    # --- English ---
    D(T("Is shipping free if I spend enough?", "faq_english", **faq(F_FREESHIP, F_SHIPFEE)),
      T("Can I exchange for a different size?", "faq_english", **faq(F_SIZE_EX))),
    D(T("When will I get my refund?", "faq_english", **faq(F_REFUND_WHEN)),
      T("Can I pay with a card issued overseas?", "faq_english", **faq(F_FOREIGN_CARD))),
    D(T("How should I wash linen clothes?", "faq_english", **faq(F_LINEN_WASH)),
      T("Do you deliver to Jeju island?", "faq_english", **faq(F_JEJU))),
    D(T("I forgot my password", "faq_english", **faq(F_PASSWORD)),
      T("Can I talk to a real person?", "handoff", **HANDOFF)),
    D(T("Do you sell swimsuits?", "none", **NOT_SOLD)),
    # --- policy question in the middle of a product search ---
    D(T("니트 좀 볼게요", "product_search", **shop(KNIT)),
      T("근데 니트는 원래 집에서 빨아도 돼요?", "faq", **faq(F_KNIT_HOME, F_KNIT_SHRINK))),
    D(T("청바지 찾고 있어요", "product_search", **shop(JEANS)),
      T("근데 반품하면 배송비 들어요?", "faq", **faq(F_CHANGE_MIND)),
      T("진청으로 보여줘요", "refine_color", **shop(JEANS, colors_any=DARK_DENIM))),
    D(T("슬랙스 5만원 이하로 있어요?", "product_search", **shop(SLACKS, price_max=50000)),
      T("오늘 시키면 언제 받아요?", "faq", **faq(F_TODAY, F_DAYS, F_WEEKEND))),
    D(T("패딩 구경할래요", "product_search", **shop(PAD)),
      T("패딩 물빨래 가능해?", "faq", **faq(F_PADDING_WASH))),
    D(T("원피스 보여줄 수 있어요?", "product_search", **shop(DRESS)),
      T("결제는 뭐로 할 수 있어요?", "faq", **faq(F_PAY))),
    D(T("가디건 추천해줘", "product_search", **shop(CARDI)),
      T("적립금 몇 프로 쌓여?", "faq", **faq(F_POINTS_RATE))),
    D(T("맨투맨 있나요?", "product_search", **shop(MTM)),
      T("사이즈 안 맞으면 교환 되죠?", "faq", **faq(F_SIZE_EX, F_RETURN_WHEN))),
    # --- handoff ---
    D(T("상담원", "handoff", **HANDOFF)),
    D(T("고객센터 직원분 연결 부탁드려요", "handoff", **HANDOFF)),
    # --- order status without a number ---
    D(T("제 주문 어디쯤 왔어요?", "order_status_no_number", **ORDER_STATUS)),
    D(T("어제 주문한 거 언제 와요?", "order_status_no_number", **ORDER_STATUS)),
    # --- greetings / thanks ---
    D(T("안녕하세요~", "greeting", **GREETING),
      T("반품 신청 기한이 어떻게 돼요?", "faq", **faq(F_RETURN_WHEN)),
      T("감사합니다!", "thanks", **THANKS)),
    D(T("하이", "greeting", **GREETING),
      T("후드티 뭐 있어?", "product_search", **shop(HOOD)),
      T("ㄱㅅㄱㅅ", "thanks", **THANKS)),
    # --- off-topic in the middle of shopping ---
    D(T("반팔티 좀 구경할게요", "product_search", **shop(SS)),
      T("오늘 비 와요?", "off_topic_in_shop", **OFF_TOPIC)),
    D(T("스커트 찾는데요", "product_search", **shop(SKIRT)),
      T("영어 숙제 대신 해줄 수 있어?", "off_topic_in_shop", **OFF_TOPIC),
      T("아 그럼 검정 스커트 있어요?", "refine_color", **shop(SKIRT, colors_any=BLACK))),
    D(T("모자 뭐 있어요", "product_search", **shop(HAT)),
      T("오늘 점심 메뉴 골라줘", "off_topic_in_shop", **OFF_TOPIC)),
    # --- kinds the shop does not sell ---
    D(T("수영복 팔아요?", "none", **NOT_SOLD)),
    D(T("운동화 보여주세요", "none", **NOT_SOLD)),
    D(T("가방 구경할래", "product_search", **shop(BAG)),
      T("지갑도 팔아요?", "none", **NOT_SOLD)),
]
