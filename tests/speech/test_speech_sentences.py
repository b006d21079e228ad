from llm_server.speech.tts.sentences import (
    SentenceSplitter,
    clean_for_speech,
    language_of,
    split_sentences,
)


def test_split_sentences_on_punctuation_and_lines():
    text = "안녕하세요! 이 셔츠는 39,000원입니다. 1. 첫째\n2. 둘째 항목"
    assert split_sentences(text) == ["안녕하세요!", "이 셔츠는 39,000원입니다.", "1. 첫째",
                                     "2. 둘째 항목"]


def test_decimal_points_do_not_end_a_sentence():
    assert split_sentences("무게는 1.5kg입니다. 가볍죠.") == ["무게는 1.5kg입니다.", "가볍죠."]


def test_streamed_tokens_give_each_sentence_once_it_is_complete():
    splitter = SentenceSplitter()
    emitted = [splitter.feed(token) for token in ["Hello", " there.", " How", " are you?", " Fine"]]
    assert emitted == [[], [], ["Hello there."], [], ["How are you?"]]
    assert splitter.flush() == ["Fine"]


def test_long_unpunctuated_text_is_cut_at_a_space():
    splitter = SentenceSplitter()
    pieces = splitter.feed("가나다 " * 100)
    assert pieces and all(len(piece) <= 220 for piece in pieces)


def test_a_lone_list_number_is_not_a_sentence():
    splitter = SentenceSplitter()
    assert splitter.feed("1. ") == []
    assert splitter.feed("셔츠\n") == ["1. 셔츠"]


def test_clean_for_speech_drops_markdown_and_urls():
    text = "**추천** 상품: [린넨 셔츠](https://shop.example/p/1) 보기 https://x.example/y"
    assert clean_for_speech(text) == "추천 상품: 린넨 셔츠 보기"


def test_language_of_answer_text():
    assert language_of("이 셔츠는 M 사이즈") == "ko"
    assert language_of("This shirt is medium.") == "en"
