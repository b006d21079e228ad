import threading

from llm_server.speech.stt.models import embedded_parts, join_model, resolve_model


def make_parts(directory, sizes=(1000, 333)):
    directory.mkdir()
    parts = []
    for number, size in enumerate(sizes, start=1):
        part = directory / f"model.bin.part{number}"
        part.write_bytes(bytes([number]) * size)
        parts.append(part)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        (directory / name).write_text("{}")
    return parts


def test_join_concatenates_parts_next_to_the_side_files(tmp_path):
    parts = make_parts(tmp_path / "src")
    target = join_model(parts, tmp_path / "src", tmp_path / "cache" / "whisper-base")
    assert (target / "model.bin").read_bytes() == b"\x01" * 1000 + b"\x02" * 333
    assert sorted(p.name for p in target.iterdir()) == [
        "config.json", "model.bin", "tokenizer.json", "vocabulary.json"]
    assert [p.name for p in target.parent.iterdir()] == ["whisper-base"]  # no staging left


def test_join_is_done_once_and_repaired_when_incomplete(tmp_path):
    parts = make_parts(tmp_path / "src")
    target = join_model(parts, tmp_path / "src", tmp_path / "whisper-base")
    first_mtime = (target / "model.bin").stat().st_mtime_ns
    assert join_model(parts, tmp_path / "src", target) == target
    assert (target / "model.bin").stat().st_mtime_ns == first_mtime
    (target / "model.bin").write_bytes(b"truncated")
    join_model(parts, tmp_path / "src", target)
    assert (target / "model.bin").stat().st_size == 1333
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src", "whisper-base"]


def test_concurrent_joins_publish_one_complete_model(tmp_path):
    parts = make_parts(tmp_path / "src", sizes=(300_000, 200_000))
    errors = []

    def join():
        try:
            join_model(parts, tmp_path / "src", tmp_path / "whisper-base")
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=join) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert (tmp_path / "whisper-base" / "model.bin").stat().st_size == 500_000


def test_embedded_parts_are_installed():
    parts = embedded_parts()
    assert [p.name for p in parts] == ["model.bin.part1", "model.bin.part2"]
    assert all(p.stat().st_size > 10_000_000 for p in parts)


def test_resolve_model_keeps_local_dirs_and_hub_names(tmp_path):
    assert resolve_model(str(tmp_path)) == str(tmp_path)
    assert resolve_model("large-v3-turbo") == "large-v3-turbo"
