"""Kiwi morphemes as search terms (real Kiwi model)."""

from llm_server.rag.korean import has_words, normalize


def test_particles_and_endings_are_dropped(tokenizer):
    assert tokenizer.terms("배송비는 얼마인가요?")[:1] == ["배송비"]
    assert "얼마" in tokenizer.terms("배송비는 얼마인가요?")
    assert tokenizer.terms("교환하고싶어요") == ["교환"]


def test_shop_words_stay_whole(tokenizer):
    terms = tokenizer.terms("린넨 셔츠 L 사이즈 재고 있는 거")
    assert {"린넨", "셔츠", "l", "재고"} <= set(terms)
    assert "린" not in terms


def test_long_nouns_add_syllable_bigrams_so_compounds_match_their_parts(tokenizer):
    assert "배송" in tokenizer.terms("무료배송 기준이 뭐예요")
    assert "배송" in tokenizer.terms("배송비")


def test_normalize_and_has_words():
    assert normalize("  ＵＮＤＥＲ   3만원 ") == "under 3만원"
    assert not has_words("😀😀 !!")
    assert has_words("😀 티셔츠")
