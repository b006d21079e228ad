"""Chat latency on the embedded default: retrieval p50/p95, TTFT p50/p95, decode tokens/s.

    .venv/bin/python bench/chat_latency.py [--questions 50] [--modes grounded,generate]

Runs the real app in-process (real Chroma, real embedder, real llama.cpp Gemma 3 270M)
over the same questions in each answer mode and prints one table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from llm_server.config import PROJECT_ROOT, Settings  # noqa: E402
from llm_server.main import create_app  # noqa: E402

QUESTIONS = [
    "3만원 이하 반팔 티셔츠 있어요?", "배송비는 얼마인가요?", "린넨 셔츠 L 사이즈 있나요?", "교환은 어떻게 하나요?",
    "겨울 코트 추천해 주세요", "적립금은 언제 사용할 수 있나요?", "가장 싼 상품이 뭐예요?", "반품 배송비가 궁금해요",
    "오피스룩 블라우스 보여주세요", "니트 세탁은 어떻게 하나요?", "5만원대 원피스 있나요?", "제주도도 배송되나요?",
    "카카오페이 결제 되나요?", "데님 청바지 30 사이즈", "사이즈 측정은 어떻게 하나요?", "여름에 입기 좋은 반바지",
    "캐시미어 니트 가격", "주문 취소하고 싶어요", "회원가입하면 혜택이 있나요?", "후드티 추천해 주세요",
    "무통장입금 기한이 있나요?", "가디건 M 사이즈 재고 있나요?", "제일 비싼 코트는요?", "당일 출고 되나요?",
    "양말 묶음 상품 있나요?", "패딩 세탁 방법 알려주세요", "슬랙스 추천", "모자 있나요?",
    "10,000~20,000원 티셔츠", "교환 기간이 얼마나 되나요?", "가방 추천해 주세요", "맨투맨 L 사이즈",
    "쿠폰은 어디서 받나요?", "재고 있는 스커트 보여줘", "해외 배송 되나요?", "울 코트 드라이클리닝 해야 하나요?",
    "2만원 이하 양말", "불량 상품을 받았어요", "린넨 원피스 있나요?", "배송 조회는 어떻게 하나요?",
    "95 사이즈 셔츠 있나요?", "적립금 유효기간은요?", "자켓 추천해 주세요", "세일 상품도 교환되나요?",
    "블랙 티셔츠 있어요?", "영수증 발급 되나요?", "간절기에 입기 좋은 옷", "니트 보풀 관리법",
    "청바지 기장 수선 되나요?", "안녕하세요",
]


def run_mode(settings: Settings, questions: list[str]) -> dict:
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + 600
        while client.get("/health/ready").status_code != 200:
            if time.monotonic() > deadline:
                raise TimeoutError(client.get("/health/ready").json())
            time.sleep(0.5)
        client.post("/chat", json={"message": "워밍업"})  # first query pays one-off costs
        rows = [timings(client, q) for q in questions]
    return summarise(rows)


def timings(client: TestClient, question: str) -> dict:
    client.cookies.clear()  # each question opens a conversation: first-turn latency
    with client.stream("POST", "/chat/stream", json={"message": question}) as response:
        done = None
        for line in response.iter_lines():
            if line.startswith("data: ") and '"timings"' in line:
                done = json.loads(line[6:])
    return done["timings"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summarise(rows: list[dict]) -> dict:
    retrieval = [r["retrieval_ms"] for r in rows]
    ttft = [r["ttft_ms"] - r["retrieval_ms"] for r in rows if r["ttft_ms"] is not None]
    e2e_ttft = [r["ttft_ms"] for r in rows if r["ttft_ms"] is not None]
    decode = [
        (r["tokens"] - 1) / ((r["total_ms"] - r["ttft_ms"]) / 1000)
        for r in rows
        if r["ttft_ms"] is not None and r["tokens"] > 1 and r["total_ms"] > r["ttft_ms"]
    ]
    return {
        "n": len(rows),
        "retrieval_p50_ms": statistics.median(retrieval),
        "retrieval_p95_ms": pct(retrieval, 0.95),
        "ttft_p50_ms": statistics.median(e2e_ttft),
        "ttft_p95_ms": pct(e2e_ttft, 0.95),
        "model_ttft_p50_ms": statistics.median(ttft),
        "tokens_per_s": statistics.median(decode) if decode else None,
        "tokens_p50": statistics.median(r["tokens"] for r in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--modes", default="grounded,generate")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--json", type=Path, help="also write the results as JSON (bench/report.py reads it)")
    args = parser.parse_args()
    questions = (QUESTIONS * 2)[: args.questions]
    with tempfile.TemporaryDirectory() as tmp:
        base = Settings(
            chroma_path=f"{tmp}/chroma", load_demo_data=True, demo_data_dir=str(PROJECT_ROOT / "data"),
            llm_max_tokens=args.max_tokens, voice_enabled=False,
        )
        results = {mode: run_mode(base.model_copy(update={"answer_mode": mode}), questions) for mode in args.modes.split(",")}
    header = f"{'mode':<10}" + "".join(f"{k:>18}" for k in next(iter(results.values())))
    print(header)
    for mode, row in results.items():
        print(f"{mode:<10}" + "".join(f"{(v if v is not None else float('nan')):>18.1f}" for v in row.values()))
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
