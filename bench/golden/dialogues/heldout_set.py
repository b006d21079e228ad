"""Held-out split: written apart from the dev split, with different wordings.

NEVER tune on these (README.md): read the failures of the dev split, not of this one.
"""
# ruff: noqa: F405

from author import *  # noqa: F403 - the helpers and vocabularies of the schema

DIALOGUES = [
    # --- refinements ---
    D(
        T("치마 보여줄래요?", "product_search", **shop(SKIRT)),
        T("6만원 밑으로만", "refine_price", **shop(SKIRT, price_max=60000)),
        T("M 사이즈 있는 거", "refine_size", **shop(SKIRT, price_max=60000, size_in_stock="M")),
    ),
    D(
        T("블라우스 추천 부탁드려요", "product_search", **shop(BLOUSE)),
        T("아이보리 있나요?", "refine_color", **shop(BLOUSE, colors_any=IVORY)),
    ),
    D(
        T("9만원대 니트 있어요?", "price_expression", **shop(KNIT, n=2, price_min=90000, price_max=99999)),
        T("이것보다 저렴한 거요", "refine_price", **shop(KNIT, cheaper_than_previous=True)),
    ),
    D(
        T("후드 집업 찾아요", "product_search", **shop(HOOD, name_any=["집업"])),
        T("M 사이즈도 돼요?", "refine_size", **shop(HOOD, size_in_stock="M")),
        T("그 중에 네이비", "refine_color", **shop(HOOD, size_in_stock="M", colors_any=NAVY)),
    ),
    D(
        T("면 셔츠 있나요?", "product_search", **shop(SHIRT, name_any=["코튼"])),
        T("방금 거 건조기 돌려도 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("자켓 구경 중이에요", "product_search", **shop(JACKET)),
        T("10만원 넘는 걸로요", "refine_price", **shop(JACKET, price_min=100000)),
        T("좀 더 저렴한 건요?", "refine_price", **shop(JACKET, cheaper_than_previous=True)),
    ),
    D(
        T("가방 5만원 이하로 보여주세요", "price_expression", **shop(BAG, price_max=50000)),
        T("더 고급스러운 거, 더 비싼 걸로요", "refine_price", **shop(BAG, pricier_than_previous=True)),
    ),
    D(
        T("바지 추천해주세요", "product_search", **shop(PANTS)),
        T("5만원 이하로요", "refine_price", **shop(PANTS, price_max=50000)),
        T("차콜색 있어요?", "refine_color", **shop(PANTS, price_max=50000, colors_any=CHARCOAL)),
    ),
    D(
        T("맨투맨 보고 싶어요", "product_search", **shop(MTM)),
        T("하늘색 있어요?", "refine_color", **shop(MTM, colors_any=SKY)),
        T("XL 있는 걸로", "refine_size", **none(MTM, because={"colors_any": SKY, "size_in_stock": "XL"})),
    ),
    D(
        T("원피스 보여줘", "product_search", **shop(DRESS)),
        T("카키 말고 다른 색으로", "refine_color", **shop(DRESS, colors_none=KHAKI)),
    ),
    D(
        T("블랙 자켓 있어요?", "product_search", **shop(JACKET, colors_any=BLACK)),
        T("딴 색은?", "refine_color", **shop(JACKET, colors_disjoint_previous=True)),
    ),
    D(
        T("데님 팬츠 보여주세요", "product_search", **shop(JEANS)),
        T("진한 청으로요, 진청이나 생지", "refine_color", **shop(JEANS, colors_any=DARK_DENIM)),
        T("34 있는 걸로", "refine_size", **shop(JEANS, colors_any=DARK_DENIM, size_in_stock="34")),
    ),
    D(
        T("가디건 보여주세요", "product_search", **shop(CARDI)),
        T("8만원 안쪽으로", "refine_price", **shop(CARDI, price_max=80000)),
        T("아이보리 있으면 그걸로", "refine_color", **shop(CARDI, price_max=80000, colors_any=IVORY)),
    ),
    D(
        T("스커트 보여주세요", "product_search", **shop(SKIRT)),
        T("그 중에 최저가", "sort", **sorted_shop(SKIRT, "price_asc")),
    ),
    D(
        T("티셔츠 보여주세요", "product_search", **shop(TEE)),
        T("XL 사이즈요", "refine_size", **shop(TEE, size_in_stock="XL")),
        T("네이비 있어요?", "refine_color", **shop(TEE, size_in_stock="XL", colors_any=NAVY)),
    ),
    D(
        T("코트 있어요?", "product_search", **shop(COAT)),
        T("품절 아닌 거로만요", "refine_stock", **shop(COAT, in_stock=True)),
        T("S 사이즈 재고 있는 거", "refine_stock", **shop(COAT, size_in_stock="S")),
    ),
    # --- sorting ---
    D(
        T("젤 싼 모자 보여줘", "sort", **sorted_shop(HAT, "price_asc")),
        T("땡큐", "thanks", **THANKS),
    ),
    D(
        T("코트 최고가 순으로 보여주세요", "sort", **sorted_shop(COAT, "price_desc")),
        T("첫 번째 거 가격 얼마예요?", "reference_question", **about("price")),
    ),
    D(
        T("니트 저렴한 순으로요", "sort", **sorted_shop(KNIT, "price_asc")),
        T("화이트만", "refine_color", **shop(KNIT, colors_any=WHITE)),
    ),
    D(
        T("슬랙스 중에 제일 비싼 거", "sort", **sorted_shop(SLACKS, "price_desc")),
        T("7만원 이하에서요", "refine_price", **shop(SLACKS, price_max=70000)),
    ),
    # --- switching category ---
    D(
        T("4만원 이하 셔츠 있나요", "price_expression", **shop(SHIRT, price_max=40000)),
        T("블라우스도요", "switch_category", **shop(BLOUSE, price_max=40000)),
    ),
    D(
        T("네이비 가디건", "product_search", **shop(CARDI, colors_any=NAVY)),
        T("니트로 바꿔서 볼게요", "switch_category", **shop(KNIT)),
    ),
    D(
        T("비니 보여주세요", "product_search", **shop(HAT, name_any=["비니"])),
        T("가방은요?", "switch_category", **shop(BAG)),
        T("5만원 이하로", "price_expression", **shop(BAG, price_max=50000)),
    ),
    D(
        T("3만원 이하 반바지", "price_expression", **shop(SHORTS, price_max=30000)),
        T("티셔츠도 보여줘", "switch_category", **shop(TEE, price_max=30000)),
    ),
    # --- reset ---
    D(
        T("검정 슬랙스 보여줘요", "product_search", **shop(SLACKS, colors_any=BLACK)),
        T("됐고 새로 찾을게요, 원피스 보여주세요", "reset", **shop(DRESS)),
    ),
    D(
        T("5천원 이하 니트", "price_expression", **none(KNIT, because={"price_max": 5000})),
        T("아까 조건 다 지우고 가방 보여줘", "reset", **shop(BAG)),
    ),
    D(
        T("XL 청바지", "refine_size", **none(JEANS, because={"size_in_stock": "XL"})),
        T("다시 처음부터요, 후드티 L 사이즈", "reset", **shop(HOOD, size_in_stock="L")),
    ),
    # --- exclusion ---
    D(
        T("하의 보여주세요", "product_search", **shop(BOTTOM)),
        T("스커트 말고 바지로요", "exclusion", **shop(PANTS)),
    ),
    D(
        T("겉옷 추천해 주세요", "product_search", **shop(OUTER)),
        T("코트 말고 가디건요", "exclusion", **shop(CARDI)),
    ),
    D(
        T("맨투맨 말고 후드티 보여줘", "exclusion", **shop(HOOD)),
        T("집업 말고 그냥 후드티로", "exclusion", **shop(HOOD, name_none=["집업"])),
    ),
    # --- reference questions ---
    D(
        T("스커트 추천해줘", "product_search", **shop(SKIRT)),
        T("1번 사이즈 뭐 있어요?", "reference_question", **about("stock", ref_index=0)),
        T("2번은 얼마예요?", "reference_question", **about("price", ref_index=1, ref_turn=0)),
    ),
    D(
        T("블라우스 좀 볼게요", "product_search", **shop(BLOUSE)),
        T("치마도 보여줘요", "switch_category", **shop(SKIRT)),
        T("아까 그 블라우스 가격이 얼마였죠?", "reference_question", **about("price", ref_turn=0)),
    ),
    D(
        T("캐시미어 니트 있어요?", "product_search", **shop(KNIT, name_any=["캐시미어"])),
        T("그거 세탁법 알려주세요", "reference_question", **about("washMethods")),
    ),
    D(
        T("트렌치 코트 보여주세요", "product_search", **shop(COAT, name_any=["트렌치"])),
        T("이거 물빨래 돼요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("슬림 청바지 있어요?", "product_search", **shop(JEANS, name_any=["슬림"])),
        T("첫 번째 거 무슨 사이즈 남았어요?", "reference_question", **about("stock")),
    ),
    D(
        T("버킷햇 보여주세요", "product_search", **shop(HAT, name_any=["버킷햇"])),
        T("그거 얼마에요?", "reference_question", **about("price")),
    ),
    # --- budgets ---
    D(
        T("3만원 예산으로 친구 생일선물 뭐가 좋을까요?", "budget", **shop(None, price_max=30000)),
        T("남자 친구예요", "budget", **shop(None, price_max=30000)),
    ),
    D(
        T("예산 2만원인데 모자 살 수 있어요?", "budget", **shop(HAT, price_max=20000)),
        T("고마워용~", "thanks", **THANKS),
    ),
    D(
        T("5만원으로 패딩 살 수 있나요?", "budget", **none(PAD, because={"price_max": 50000})),
        T("그럼 가디건은요?", "switch_category", **shop(CARDI, price_max=50000)),
    ),
    D(
        T("셔츠 사려는데 예산이 4만원이에요", "budget", **shop(SHIRT, price_max=40000)),
        T("베이지 계열로요", "refine_color", **shop(SHIRT, price_max=40000, colors_any=BEIGE)),
    ),
    # --- price expressions ---
    D(
        T("2만5천원 이하 반팔 티", "price_expression", **shop(SS, n=3, price_max=25000)),
        T("라벤더 있어요?", "refine_color", **shop(SS, price_max=25000, colors_any=PURPLE)),
    ),
    D(
        T("4~5만원대 블라우스", "price_expression", **shop(BLOUSE, n=3, price_min=40000, price_max=59999)),
        T("그 중 젤 싼 거요", "sort", **sorted_shop(BLOUSE, "price_asc", price_min=40000, price_max=59999)),
    ),
    D(
        T("￦50,000 이하 청바지", "price_expression", **shop(JEANS, price_max=50000)),
        T("흑청 있어요?", "refine_color", **shop(JEANS, price_max=50000, colors_any=BLACK)),
    ),
    D(
        T("３만원 이하 반바지 있어요?", "price_expression", **shop(SHORTS, price_max=30000)),
        T("검은색으로요", "refine_color", **shop(SHORTS, price_max=30000, colors_any=BLACK)),
    ),
    D(
        T("6만원 넘지 않는 후드티", "price_expression", **shop(HOOD, price_max=60000)),
        T("S 사이즈 있는 걸로", "refine_size", **shop(HOOD, price_max=60000, size_in_stock="S")),
    ),
    D(
        T("30만원 초과 코트", "price_expression", **shop(COAT, price_min=300001)),
        T("이거 사이즈 뭐 있어요?", "reference_question", **about("stock")),
    ),
    D(
        T("2만원 이상 양말 있어요?", "price_expression", **none(SOCKS, because={"price_min": 20000})),
    ),
    D(
        T("10~15만원 사이 자켓", "price_expression", **shop(JACKET, price_min=100000, price_max=150000)),
        T("좀 더 싼 거는요?", "refine_price", **shop(JACKET, cheaper_than_previous=True)),
    ),
    D(
        T("5만원 아래 스커트", "price_expression", **shop(SKIRT, price_max=50000)),
        T("제일 비싼 걸로", "sort", **sorted_shop(SKIRT, "price_desc", price_max=50000)),
    ),
    D(
        T("니트 5만 5천원 이하로 보여줘", "price_expression", **shop(KNIT, price_max=55000)),
        T("이거 사이즈요?", "reference_question", **about("stock")),
    ),
    D(
        T("20만원대 패딩", "price_expression", **shop(PAD, price_min=200000, price_max=299999)),
        T("그 중 L 사이즈", "refine_size", **shop(PAD, price_min=200000, price_max=299999, size_in_stock="L")),
    ),
    D(
        T("3만원 미만 셔츠", "price_expression", **shop(SHIRT, price_max=29999)),
        T("XL 되는 걸로요", "refine_size", **shop(SHIRT, price_max=29999, size_in_stock="XL")),
    ),
    D(
        T("3만원 초과 반바지 있어요?", "price_expression", **shop(SHORTS, price_min=30001)),
        T("이거 세탁법은요?", "reference_question", **about("washMethods")),
    ),
    # --- FAQ paraphrases ---
    D(
        T("주문하면 며칠 만에 받아요?", "faq", **faq(F_DAYS)),
        T("주말에 시키면요?", "faq", **faq("주말에 주문하면 언제 받을 수 있나요?")),
    ),
    D(
        T("한 번 입고 빨았는데 환불 돼요?", "faq", **faq(F_WASHED)),
        T("환불금은 언제 들어와요?", "faq", **faq(F_REFUND_WHEN)),
    ),
    D(
        T("택배 얼마나 걸려요", "faq", **faq(F_DAYS)),
        T("빨리 받고 싶은데 오늘 출고돼요?", "faq", **faq(F_TODAY)),
    ),
    D(
        T("배송료 얼마에요?", "faq", **faq(F_SHIPFEE)),
        T("무료배송 기준은요?", "faq", **faq(F_FREESHIP)),
    ),
    D(
        T("주소 잘못 썼어요 바꿀 수 있나요", "faq", **faq(F_ADDR)),
        T("아 고마워요!", "thanks", **THANKS),
    ),
    D(
        T("네이버페이 결제 돼요?", "faq", **faq(F_PAY, "네이버페이 포인트로도 결제되나요?")),
        T("현금영수증도 되나요", "faq", **faq(F_RECEIPT)),
    ),
    D(
        T("니트 빨면 줄어요?", "faq", **faq(F_KNIT_SHRINK, F_KNIT_HOME)),
        T("보풀은 어떻게 해요?", "faq", **faq(F_PILLING)),
    ),
    D(
        T("린넨 구겨진 거 어떻게 펴요?", "faq", **faq(F_LINEN_WRINKLE)),
        T("린넨 셔츠 보여줘요", "product_search", **shop(SHIRT, name_any=["린넨"])),
    ),
    D(
        T("흰티 누래지는 거 방지하려면?", "faq", **faq(F_YELLOWING)),
        T("흰 반팔티 2만원 이하로 보여줘요", "price_expression", **shop(SS, colors_any=WHITE, price_max=20000)),
    ),
    D(
        T("택배 왔는데 불량이에요", "faq", **faq(F_DEFECT)),
        T("반품은 택배 어떻게 보내요?", "faq", **faq(F_RETURN_SHIP)),
    ),
    D(
        T("마음이 바뀌어서 반품하면 배송비 내요?", "faq", **faq(F_CHANGE_MIND)),
        T("반품 신청은 며칠 안에 해야 돼요?", "faq", **faq(F_RETURN_WHEN)),
    ),
    D(
        T("적립금 유효기간 있어요?", "faq", **faq(F_POINTS_EXPIRE)),
        T("쿠폰이랑 적립금 같이 써도 돼요?", "faq", **faq(F_COUPON_POINTS)),
    ),
    D(
        T("비번 까먹었어요", "faq", **faq(F_PASSWORD)),
        T("아예 탈퇴하려면요?", "faq", **faq(F_WITHDRAW)),
    ),
    D(
        T("회원 안 하고 주문돼요?", "faq", **faq(F_GUEST)),
        T("가입하면 혜택 있어요?", "faq", **faq(F_SIGNUP)),
    ),
    D(
        T("세일하는 거 사도 교환 돼요?", "faq", **faq(F_SALE_RETURN)),
    ),
    D(
        T("결제하다 오류 났는데 돈만 빠져나갔어요", "faq", **faq(F_PAYERR)),
        T("급해요 상담사 연결해 주세요", "handoff", **HANDOFF),
    ),
    D(
        T("생일 할인 같은 거 있어요?", "faq", **faq(F_BIRTHDAY)),
        T("후기 쓰면 적립금 줘요?", "faq", **faq(F_REVIEW)),
    ),
    D(
        T("옷 오래 보관하려면 어떻게 해요?", "faq", **faq(F_STORAGE)),
    ),
    # --- English ---
    D(
        T("When will my order arrive, how many days?", "faq_english", **faq(F_DAYS)),
        T("Is shipping free?", "faq_english", **faq(F_FREESHIP, F_SHIPFEE)),
    ),
    D(
        T("Can I get a refund on washed clothes?", "faq_english", **faq(F_WASHED)),
        T("How long does a refund take?", "faq_english", **faq(F_REFUND_WHEN)),
    ),
    D(
        T("Can I pay with a foreign credit card?", "faq_english", **faq(F_FOREIGN_CARD)),
        T("thank you!", "thanks", **THANKS),
    ),
    D(
        T("show me dresses under 70000 won", "price_expression", **shop(DRESS, price_max=70000)),
        T("How do I exchange for another size?", "faq_english", **faq(F_SIZE_EX)),
    ),
    # --- handoff ---
    D(
        T("고객센터 상담원이랑 연결 가능할까요?", "handoff", **HANDOFF),
        T("그럼 교환 기간만 먼저 알려줘요", "faq", **faq(F_RETURN_WHEN)),
    ),
    D(
        T("가디건 보여줘요", "product_search", **shop(CARDI)),
        T("사람 상담원한테 물어볼래요", "handoff", **HANDOFF),
    ),
    D(
        T("전화 상담 되나요? 직원분 연결해 주세요", "handoff", **HANDOFF),
        T("기다리는 동안 반바지 좀 보여주세요", "product_search", **shop(SHORTS)),
    ),
    D(
        T("로봇 말고 사람이랑 대화하고 싶어", "handoff", **HANDOFF),
        T("네 감사해요", "thanks", **THANKS),
    ),
    # --- order status without a number ---
    D(
        T("제 택배 지금 어디 있어요?", "order_status_no_number", **ORDER_STATUS),
        T("배송완료 떴는데 못 받았어요", "faq", **faq(F_NOTRECV)),
    ),
    D(
        T("지난주에 주문한 코트 아직 안 왔어요, 배송 조회 좀", "order_status_no_number", **ORDER_STATUS),
        T("운송장 번호는 어디서 봐요?", "faq", **faq(F_TRACK)),
    ),
    # --- off-topic inside a shopping conversation ---
    D(
        T("니트 보여주세요", "product_search", **shop(KNIT)),
        T("근데 비트코인 지금 사도 돼요?", "off_topic_in_shop", **OFF_TOPIC),
        T("네 니트 L 사이즈요", "refine_size", **shop(KNIT, size_in_stock="L")),
    ),
    D(
        T("청바지 추천해줘", "product_search", **shop(JEANS)),
        T("점심 메뉴 추천해줄래?", "off_topic_in_shop", **OFF_TOPIC),
    ),
    D(
        T("코트 좀 보여주실래요", "product_search", **shop(COAT)),
        T("이번 선거 누가 이길 것 같아요?", "off_topic_in_shop", **OFF_TOPIC),
    ),
    # --- greetings and thanks ---
    D(
        T("안녕하세요~ 처음 왔어요", "greeting", **GREETING),
        T("셔츠 구경할게요", "product_search", **shop(SHIRT)),
        T("감사합니당", "thanks", **THANKS),
    ),
    D(
        T("hello", "greeting", **GREETING),
        T("모자 있어요?", "product_search", **shop(HAT)),
    ),
    # --- nothing in the catalog ---
    D(
        T("노란 원피스 있나요?", "none", **none(DRESS, because={"colors_any": YELLOW})),
        T("그럼 민트는요?", "refine_color", **shop(DRESS, colors_any=MINT)),
    ),
    D(
        T("분홍색 가디건 보여주세요", "none", **none(CARDI, because={"colors_any": PINK})),
        T("그럼 아이보리요", "refine_color", **shop(CARDI, colors_any=IVORY)),
    ),
    D(
        T("50만원 넘는 코트", "none", **none(COAT, because={"price_min": 500000})),
        T("제일 비싼 코트 보여줘요", "sort", **sorted_shop(COAT, "price_desc")),
    ),
    D(
        T("보라색 패딩 있어요? 라벤더 말고 진한 퍼플", "none", **none(PAD, because={"colors_any": ["purple"]})),
    ),
    D(
        T("XXL 셔츠 있어요?", "none", **none(SHIRT, because={"size_in_stock": "XXL"})),
        T("XL 있는 셔츠는요?", "refine_size", **shop(SHIRT, size_in_stock="XL")),
    ),
    # --- typos ---
    D(
        T("맨투멘 보여주세여", "typo", **shop(MTM)),
        T("4만원 이하룽", "typo", **shop(MTM, price_max=40000)),
    ),
    D(
        T("반품 어케함?", "typo", **faq(F_RETURN_WHEN, F_RETURN_SHIP)),
    ),
    D(
        T("블라우쓰 잇나요", "typo", **shop(BLOUSE)),
        T("젤 싼 거 알려줘요", "sort", **sorted_shop(BLOUSE, "price_asc")),
    ),
    D(
        T("가디간 추천좀", "typo", **shop(CARDI)),
        T("베이지로", "refine_color", **shop(CARDI, colors_any=BEIGE)),
    ),
    D(
        T("배송비 얼마애요", "typo", **faq(F_SHIPFEE)),
        T("제주도는 추가요금 있어요?", "faq", **faq(F_JEJU)),
    ),
    # --- longer mixed conversations ---
    D(
        T("안녕하세여", "greeting", **GREETING),
        T("출근할 때 입을 슬랙스 보여주세요", "product_search", **shop(SLACKS)),
        T("네이비로요", "refine_color", **shop(SLACKS, colors_any=NAVY)),
        T("맨 앞에 있는 거 사이즈 어떻게 돼요?", "reference_question", **about("stock")),
        T("허리 30이면 인치예요?", "faq", **faq(F_INCH)),
        T("감사합니당!!", "thanks", **THANKS),
    ),
    D(
        T("여름 원피스 찾고 있어요", "product_search", **shop(DRESS)),
        T("7만원 이하", "refine_price", **shop(DRESS, price_max=70000)),
        T("화이트 있어요?", "refine_color", **shop(DRESS, price_max=70000, colors_any=WHITE)),
        T("요거 건조기 돌려도 괜찮아요?", "reference_question", **about("washMethods")),
    ),
    D(
        T("선물용 양말 보여주세요", "product_search", **shop(SOCKS)),
        T("양말은 반품 안 되나요?", "faq", **faq(F_SOCKS_RETURN)),
        T("그럼 가방으로 볼게요", "switch_category", **shop(BAG)),
        T("6만원대로요", "refine_price", **shop(BAG, price_min=60000, price_max=69999)),
    ),
    D(
        T("바람막이 있어요?", "product_search", **shop(JACKET, name_any=["바람막이"])),
        T("카키색", "refine_color", **shop(JACKET, colors_any=KHAKI, name_any=["바람막이"])),
        T("S 사이즈 있어요?", "refine_size", **shop(JACKET, colors_any=KHAKI, name_any=["바람막이"], size_in_stock="S")),
    ),
    D(
        T("사이즈 고르는 법 모르겠어요", "faq", **faq(F_SIZE_PICK)),
        T("사이즈 물어볼 데 있어요?", "faq", **faq(F_SIZE_ASK, F_SIZE_PICK)),
        T("그냥 직원 연결해줘요", "handoff", **HANDOFF),
    ),
    D(
        T("95 사이즈 셔츠 있어요?", "refine_size", **shop(SHIRT, size_in_stock="95")),
        T("95가 무슨 사이즈예요?", "faq", **faq(F_NUMSIZE)),
    ),
    D(
        T("그레이 니트요", "product_search", **shop(KNIT, colors_any=GRAY)),
        T("다른 색상은요?", "refine_color", **shop(KNIT, colors_disjoint_previous=True)),
    ),
    D(
        T("패딩 세탁 어떻게 해요?", "faq", **faq(F_PADDING_WASH)),
        T("브라운 패딩 보여주세요", "product_search", **shop(PAD, colors_any=BROWN)),
        T("제일 싼 걸로요", "sort", **sorted_shop(PAD, "price_asc", colors_any=BROWN)),
    ),
    # --- more order status, stock, reset, off-topic, greetings ---
    D(
        T("내 주문 배송 상태 확인해줘", "order_status_no_number", **ORDER_STATUS),
    ),
    D(
        T("주문했던 니트 배송중인지 알고 싶어요", "order_status_no_number", **ORDER_STATUS),
        T("번호는 모르겠어요", "order_status_no_number", **ORDER_STATUS),
    ),
    D(
        T("셔츠 6만원 이하", "price_expression", **shop(SHIRT, price_max=60000)),
        T("재고 있는 것만요", "refine_stock", **shop(SHIRT, price_max=60000, in_stock=True)),
        T("S 사이즈 남아 있는 걸로", "refine_stock", **shop(SHIRT, price_max=60000, size_in_stock="S")),
    ),
    D(
        T("라벤더 블라우스", "product_search", **shop(BLOUSE, colors_any=PURPLE)),
        T("리셋! 모자 보여주세요", "reset", **shop(HAT)),
    ),
    D(
        T("3만원 이하 니트", "price_expression", **none(KNIT, because={"price_max": 30000})),
        T("조건 없이 새로 볼게요, 니트 전체", "reset", **shop(KNIT)),
    ),
    D(
        T("스커트 보여줄래요", "product_search", **shop(SKIRT)),
        T("오늘 미세먼지 어때?", "off_topic_in_shop", **OFF_TOPIC),
    ),
    D(
        T("맨투맨 찾아요", "product_search", **shop(MTM)),
        T("숙제 좀 도와줄 수 있어?", "off_topic_in_shop", **OFF_TOPIC),
        T("아니에요, 맨투맨 그레이로", "refine_color", **shop(MTM, colors_any=GRAY)),
    ),
    D(
        T("하이요", "greeting", **GREETING),
        T("교환 기간 알려줘요", "faq", **faq(F_RETURN_WHEN)),
    ),
    D(
        T("헬로~ 구경 왔어요", "greeting", **GREETING),
        T("바지 있어요?", "product_search", **shop(PANTS)),
    ),
]
