"""Voice benchmark: STT real-time factor, TTS real-time factor and time to first audio,
and the /voice/chat round trip (end of the question -> first spoken sentence).

    .venv/bin/python bench/voice.py                      # all three, defaults
    .venv/bin/python bench/voice.py --stt-models base --devices cpu --beams 1,5
    .venv/bin/python bench/voice.py --only tts --repeats 5

Speech is generated with espeak-ng (and Piper), so no recordings are needed. Results are
printed as a table and written as JSON (--out, default var/bench/voice.json).
RTF = processing seconds / audio seconds (lower is better; < 1 is faster than real time).
cpu_rtf = CPU seconds (all threads) / audio seconds: independent of other load on a shared
machine; on an otherwise idle 2-core machine the wall-clock RTF lies between cpu_rtf/2
(perfect use of both cores) and cpu_rtf (one core).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from llm_server.config import PROJECT_ROOT, Settings  # noqa: E402
from llm_server.speech.audio import decode_audio  # noqa: E402
from llm_server.speech.stt.faster_whisper import FasterWhisperSTT  # noqa: E402
from llm_server.speech.tts.chain import TTS_ENGINES  # noqa: E402
from llm_server.speech.tts.normalize import normalize_korean  # noqa: E402
from llm_server.speech.tts.sentences import split_sentences  # noqa: E402

STT_TEXT = {
    "en": "Hello, I am looking for a black cotton shirt in size medium. "
          "Do you have it in stock, and how long does delivery take to Seoul? "
          "I would also like to know if I can return it within two weeks.",
    "ko": "안녕하세요. 검정색 면 셔츠를 찾고 있어요. 미디엄 사이즈 재고가 있나요? "
          "서울까지 배송은 얼마나 걸리나요?",
}
TTS_TEXT = {
    "en": "Yes, the black linen shirt is in stock. It comes in sizes small to extra large. "
          "Delivery to Seoul usually takes two days.",
    "ko": "네, 검정 린넨 셔츠는 재고가 있습니다. 가격은 39,000원이고 S부터 XL까지 있어요. "
          "서울까지 배송은 보통 이틀 걸립니다.",
}
ROUND_TRIP_QUESTION = "Do you have a black linen shirt in size medium?"


def espeak_wav(text: str, voice: str) -> bytes:
    return subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "--stdout"],
                          input=text.encode(), capture_output=True, check=True).stdout


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and its finished children (espeak-ng)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def timed_cpu(function, *args):
    started, cpu = time.perf_counter(), cpu_seconds()
    result = function(*args)
    return result, time.perf_counter() - started, cpu_seconds() - cpu


# --- STT ---
def bench_stt(models, devices, beams, repeats) -> list[dict]:
    audio = {lang: decode_audio(espeak_wav(text, {"en": "en-us", "ko": "ko"}[lang]), 120)
             for lang, text in STT_TEXT.items()}
    rows = []
    for model in models:
        for device in devices:
            for beam in beams:
                rows += _bench_stt_model(model, device, beam, audio, repeats)
    return rows


def _bench_stt_model(model, device, beam, audio, repeats) -> list[dict]:
    engine = FasterWhisperSTT(model, device, beam_size=beam)
    try:
        _, load_s = timed(engine.load)
    except Exception as exc:
        return [{"model": model, "device": device, "beam": beam, "error": str(exc)[:120]}]
    rows = []
    for lang, samples in audio.items():
        engine.transcribe(samples, lang)  # warm-up
        runs = [timed_cpu(engine.transcribe, samples, lang) for _ in range(repeats)]
        seconds = statistics.median(elapsed for _, elapsed, _ in runs)
        cpu = statistics.median(used for _, _, used in runs)
        audio_s = len(samples) / 16000
        rows.append({"model": model, "device": engine.device, "compute": engine.compute_type,
                     "beam": beam, "language": lang, "audio_s": round(audio_s, 2),
                     "load_s": round(load_s, 2), "stt_s": round(seconds, 3),
                     "rtf": round(seconds / audio_s, 3), "cpu_rtf": round(cpu / audio_s, 3),
                     "text": runs[-1][0].text})
    return rows


# --- TTS ---
def bench_tts(settings: Settings, repeats) -> list[dict]:
    rows = []
    for name in [n.strip() for n in settings.tts_engines.split(",") if n.strip()]:
        engine = TTS_ENGINES[name](settings)
        try:
            _, load_s = timed(engine.load)
        except Exception as exc:
            rows.append({"engine": name, "error": f"{type(exc).__name__}: {exc}"[:120]})
            continue
        for lang, text in TTS_TEXT.items():
            voice = engine.voice_for(lang)
            if voice:
                rows.append(_bench_voice(engine, voice, text, load_s, repeats))
    return rows


def _bench_voice(engine, voice, text, load_s, repeats) -> dict:
    sentences = [normalize_korean(s) if voice.language == "ko" else s for s in split_sentences(text)]
    engine.synthesize(sentences[0], voice)  # warm-up
    first_audio, totals, cpus, audio_s = [], [], [], 0.0
    for _ in range(repeats):
        started, cpu, audio_s = time.perf_counter(), cpu_seconds(), 0.0
        for index, sentence in enumerate(sentences):
            audio_s += engine.synthesize(sentence, voice).duration_s
            if index == 0:
                first_audio.append(time.perf_counter() - started)
        totals.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
    total = statistics.median(totals)
    return {"engine": engine.name, "voice": voice.id, "language": voice.language,
            "load_s": round(load_s, 2), "sentences": len(sentences),
            "audio_s": round(audio_s, 2), "first_audio_ms": round(statistics.median(first_audio) * 1000),
            "tts_s": round(total, 3), "rtf": round(total / audio_s, 3),
            "cpu_rtf": round(statistics.median(cpus) / audio_s, 3)}


# --- round trip through the real app ---
def bench_round_trip(settings: Settings, repeats) -> list[dict]:
    from fastapi.testclient import TestClient

    from llm_server.main import create_app

    with TestClient(create_app(settings)) as client:
        _wait_for_voice(client)
        question = client.post("/tts", json={"text": ROUND_TRIP_QUESTION, "language": "en"}).content
        rows = []
        for attempt in range(repeats + 1):  # the first turn warms caches up
            started = time.perf_counter()
            response = client.post("/voice/chat", files={"audio": ("q.wav", question, "audio/wav")},
                                   data={"session_id": f"bench-voice-{attempt:04d}", "language": "en"})
            wall_ms = (time.perf_counter() - started) * 1000
            events = {block.split("\n", 1)[0][7:]: json.loads(block.split("data: ", 1)[1])
                      for block in response.text.split("\n\n") if block.startswith("event: ")}
            if attempt and "done" in events:
                rows.append({**events["done"]["timings"], "wall_ms": round(wall_ms, 1),
                             "answer_mode": settings.answer_mode,
                             "transcript": events["transcript"]["text"]})
        return rows


def _wait_for_voice(client, timeout=300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        checks = client.get("/health/ready").json()["checks"]
        if checks.get("stt", {}).get("ok") and checks["tts"]["ok"] and checks["products"]["ok"]:
            return
        time.sleep(0.5)
    raise TimeoutError("voice or retrieval did not become ready")


def print_table(title: str, rows: list[dict], columns: list[str]) -> None:
    columns = columns + (["error"] if any("error" in row for row in rows) else [])
    print(f"\n## {title}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["stt", "tts", "round-trip"], action="append")
    parser.add_argument("--stt-models", default="base")
    parser.add_argument("--devices", default="cpu", help="comma-separated: cpu,cuda")
    parser.add_argument("--beams", default="5", help="comma-separated beam sizes")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--answer-mode", default="grounded", choices=["grounded", "generate"])
    parser.add_argument("--out", default=str(PROJECT_ROOT / "var" / "bench" / "voice.json"))
    args = parser.parse_args()
    parts = args.only or ["stt", "tts", "round-trip"]
    settings = Settings(stt_models=args.stt_models.split(",")[-1], stt_device=args.devices.split(",")[0],
                        answer_mode=args.answer_mode, load_demo_data=True,
                        chroma_path=tempfile.mkdtemp(prefix="bench-voice-chroma-"))
    results: dict = {"cpu_count": os.cpu_count(), "load_average_before": os.getloadavg()}
    if "stt" in parts:
        results["stt"] = bench_stt(args.stt_models.split(","), args.devices.split(","),
                                   [int(b) for b in args.beams.split(",")], args.repeats)
        print_table("STT", results["stt"], ["model", "device", "compute", "beam", "language",
                                            "audio_s", "load_s", "stt_s", "rtf", "cpu_rtf", "text"])
    if "tts" in parts:
        results["tts"] = bench_tts(settings, args.repeats)
        print_table("TTS", results["tts"], ["engine", "voice", "language", "sentences", "audio_s",
                                            "first_audio_ms", "tts_s", "rtf", "cpu_rtf"])
    if "round-trip" in parts:
        results["round_trip"] = bench_round_trip(settings, args.repeats)
        print_table("Voice round trip (/voice/chat)", results["round_trip"],
                    ["answer_mode", "stt_ms", "ttft_ms", "first_audio_ms", "total_ms",
                     "audio_sentences", "wall_ms", "transcript"])
    results["load_average_after"] = os.getloadavg()
    print(f"\ncores: {os.cpu_count()}, load average before {results['load_average_before']}, "
          f"after {results['load_average_after']} (other work on the machine inflates timings)")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
