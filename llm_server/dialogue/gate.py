"""Topic gate: does a message belong to the shop's assistant? No LLM call.

A small trained classifier: logistic regression (scikit-learn) over TF-IDF character
n-grams of the normalised text plus a few lexical features, trained on a labelled set
written for this shop (`data/gate_labels.tsv`: shop / off_topic). Training is offline
(`python -m llm_server.dialogue.gate`, a second); the fitted weights ship as
`data/gate_model.json` and are scored here with plain dicts (~0.1 ms, no scikit-learn at
run time). A test retrains and checks the shipped model still matches the labels.
Character n-grams make it robust to the typos shoppers make ("티셔쯔", "교한 신청은 어케 해요").
Greetings and thanks are recognised first, by rule. Inside an active shop conversation a
message that names a slot, refers to something shown, or asks for a shop action is never
refused. `bench/gate_eval.py` reports held-out accuracy.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from llm_server.dialogue.frames import Frame
from llm_server.rag.korean import has_words, normalize

LABELS_PATH = Path(__file__).with_name("data") / "gate_labels.tsv"
MODEL_PATH = Path(__file__).with_name("data") / "gate_model.json"
NGRAMS = (1, 3)
GREETING = re.compile(
    r"^(?:안녕|하이|헬로|반가|ㅎㅇ|hello|hi|hey|좋은\s*(?:아침|하루)|처음\s*왔)", re.IGNORECASE
)
#: ㄱㅅ / ㄳ typed as compatibility jamo become conjoining jamo under NFKC (ᄀᄉ, ᆪ).
THANKS = re.compile(r"(?:감사|고마|고맙|땡큐|thank|thx|ㄱㅅ|ᄀᄉ|ㄳ|ᆪ|잘\s*알겠)", re.IGNORECASE)
SHORT_SOCIAL = 24
#: A message about the conversation itself ("제 이름이 뭐였죠?") is answered from the history.
CONVERSATION = re.compile(r"(?:제|내|저의|나의)\s*이름|기억\s*(?:해|하|나|났)|아까\s*(?:뭐|무슨)\s*(?:라고|얘기)")
#: Unambiguous shop stems; each hit is one lexical feature count.
SHOP_STEMS = re.compile(
    r"배송|택배|교환|교한|반품|환불|주문|결제|적립|쿠폰|사이즈|치수|재고|품절|세탁|빨래|옷|"
    r"셔츠|셔쯔|티|바지|치마|스커트|원피스|니트|코트|자켓|재킷|패딩|가디건|모자|양말|가방|"
    r"추천|코디|입|어울|가격|얼마|싼|비싼|색|컬러|블랙|화이트|상담|매장|shipping|delivery|"
    r"return|refund|exchange|size|order|shirt|dress|coat|pants|socks|cheaper",
    re.IGNORECASE,
)
OFF_STEMS = re.compile(
    r"날씨|기온|주식|주가|코스피|비트코인|코인|환율|금리|부동산|정치|대통령|선거|뉴스|코딩|"
    r"파이썬|자바|코드|숙제|수학|번역|맛집|레시피|요리|영화|드라마|게임|축구|야구|여행|항공|"
    r"호텔|병원|증상|감기|몸살|두통|약국|처방|진료|점심\s*(?:뭐|메뉴)|배고|운세|로또|미세\s*먼지|"
    r"(?<![가-힣])(?:비|눈)\s*(?:와|오|올|내리|그쳐|그치)|weather|python|stock|bitcoin|joke|movie",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GateDecision:
    intent: str  # shop | greeting | thanks | off_topic
    score: float  # P(shop), 0..1 (1.0 for rule decisions)


def load_labels(path: Path = LABELS_PATH) -> list[tuple[str, str]]:
    """(label, text) rows of the labelled set."""
    with path.open(encoding="utf-8") as handle:
        return [(row["label"], row["text"]) for row in csv.DictReader(handle, delimiter="\t")]


def lexical_features(text: str) -> list[float]:
    return [
        min(len(SHOP_STEMS.findall(text)), 3) / 3,
        min(len(OFF_STEMS.findall(text)), 2) / 2,
        float(bool(re.search(r"\d", text))),
        min(len(text), 60) / 60,
    ]


def train(rows: list[tuple[str, str]]) -> _LinearModel:
    """Fit the classifier on (label, text) rows (scikit-learn; offline and in tests)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [normalize(text) for _, text in rows]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True)
    lexical = csr_matrix([lexical_features(t) for t in texts])
    features = hstack([vectorizer.fit_transform(texts), lexical]).tocsr()
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    model.fit(features, [label == "shop" for label, _ in rows])
    return _LinearModel.from_fitted(vectorizer, model)


class TopicGate:
    """P(shop | text) from a logistic regression trained on the shop's labelled set.

    `labels` given: trained on them now (tests, benchmarks); else the shipped model.
    """

    def __init__(self, labels: list[tuple[str, str]] | None = None, threshold: float = 0.5):
        self._labels = labels
        self.threshold = threshold

    @cached_property
    def _model(self) -> _LinearModel:
        if self._labels is not None:
            return train(self._labels)
        return _LinearModel.load(MODEL_PATH)

    def load(self) -> None:
        """Train now (start-up), not on the first shopper's message."""
        _ = self._model

    def shop_probability(self, text: str) -> float:
        return self._model.probability(normalize(text))

    def classify(self, frame: Frame, in_conversation: bool = False) -> GateDecision:
        text = normalize(frame.text)
        if not has_words(text):
            return GateDecision("greeting", 1.0)
        social = _social(text) or _greeting_with_intent(text, frame)
        if social:
            return GateDecision(social, 1.0)
        if frame.intent != "shop" or frame.has_slots or frame.reset or CONVERSATION.search(text):
            return GateDecision("shop", 1.0)
        elsewhere = bool(OFF_STEMS.search(text))  # "요즘 환율 얼마예요?" asks a price, but not ours
        if in_conversation and not elsewhere and (frame.refers or frame.reference is not None or frame.asks):
            return GateDecision("shop", 1.0)
        score = self.shop_probability(text)
        threshold = self.threshold
        if in_conversation and not elsewhere:
            threshold = min(threshold, 0.2)  # a follow-up: refuse only what is clearly elsewhere
        return GateDecision("shop" if score >= threshold else "off_topic", round(score, 3))


def char_wb_ngrams(text: str, low: int = NGRAMS[0], high: int = NGRAMS[1]) -> list[str]:
    """scikit-learn's `char_wb` analyzer: n-grams inside space-padded words (lower-cased)."""
    grams: list[str] = []
    for word in re.sub(r"\s\s+", " ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:
                break
    return grams


@dataclass(frozen=True)
class _LinearModel:
    """The fitted model as plain dicts: scoring one message is ~0.1 ms, without scipy."""

    weights: dict[str, float]  # n-gram -> coefficient
    idf: dict[str, float]
    lexical_coef: tuple[float, ...]
    bias: float

    @classmethod
    def from_fitted(cls, vectorizer, model) -> _LinearModel:
        coef = model.coef_[0]
        vocab = vectorizer.vocabulary_
        idf = {term: float(vectorizer.idf_[i]) for term, i in vocab.items()}
        weights = {term: float(coef[i]) for term, i in vocab.items()}
        lexical = tuple(float(c) for c in coef[len(vocab) :])
        return cls(weights, idf, lexical, float(model.intercept_[0]))

    @classmethod
    def load(cls, path: Path) -> _LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["idf"], tuple(data["lexical_coef"]), data["bias"])

    def save(self, path: Path) -> None:
        data = {
            "about": "TopicGate weights: python -m llm_server.dialogue.gate retrains from gate_labels.tsv",
            "bias": round(self.bias, 6),
            "lexical_coef": [round(c, 6) for c in self.lexical_coef],
            "idf": {k: round(v, 6) for k, v in sorted(self.idf.items())},
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    def probability(self, text: str) -> float:
        counts: dict[str, int] = {}
        for gram in char_wb_ngrams(text):
            if gram in self.idf:
                counts[gram] = counts.get(gram, 0) + 1
        tfidf = {g: (1 + math.log(n)) * self.idf[g] for g, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in tfidf.values())) or 1.0
        z = self.bias + sum(v / norm * self.weights[g] for g, v in tfidf.items())
        z += sum(c * f for c, f in zip(self.lexical_coef, lexical_features(text), strict=True))
        return 1 / (1 + math.exp(-z))


def _greeting_with_intent(text: str, frame: Frame) -> str | None:
    """ "안녕하세요 여름 옷 보러 왔어요": a hello that states no request yet is a greeting."""
    if not GREETING.search(text) or frame.has_slots or "?" in text or frame.intent != "shop":
        return None
    return "greeting" if re.search(r"(?:보러|구경|둘러보러|왔어요|왔습니다|왔어)", text) else None


def _social(text: str) -> str | None:
    if len(text) > SHORT_SOCIAL or SHOP_STEMS.search(text):
        return None
    if THANKS.search(text):
        return "thanks"
    if GREETING.search(text):
        return "greeting"
    return None


class QuestionGate:
    """The gate for one question without conversation context (`ShopRetriever.retrieve`,
    search routes): the same trained classifier, the message read into a frame first."""

    def __init__(self, gate: TopicGate | None = None):
        self.gate = gate or TopicGate()

    def classify(self, text: str, has_filters: bool = False) -> GateDecision:
        from llm_server.dialogue.frames import interpret

        return self.gate.classify(interpret(text))


if __name__ == "__main__":
    train(load_labels()).save(MODEL_PATH)
    print(f"wrote {MODEL_PATH}")
