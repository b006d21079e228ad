"""The Dockerfiles, read statically (no Docker engine here): pinned bases, non-root runtime,
offline baked models, COPY sources that exist in the build context, compose targets."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from deploy_helpers import ROOT

DOCKERFILES = ["llm_server/Dockerfile", "embedding_pipeline/Dockerfile", "backend/Dockerfile"]
RUNTIME_STAGES = {
    "llm_server/Dockerfile": ["cpu", "cuda"],
    "embedding_pipeline/Dockerfile": ["runtime"],
    "backend/Dockerfile": ["runtime"],
}


@dataclass
class Stage:
    name: str
    base: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (INSTRUCTION, arguments)

    def args_of(self, instruction: str) -> list[str]:
        return [rest for inst, rest in self.lines if inst == instruction]


def instructions(path: str) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", (ROOT / path).read_text())
    rows = [line.strip() for line in text.splitlines()]
    rows = [row for row in rows if row and not row.startswith("#")]
    return [(row.split(None, 1)[0].upper(), row.split(None, 1)[1]) for row in rows]


def parse(path: str) -> tuple[dict[str, str], dict[str, Stage]]:
    """Global ARG defaults and the stages, by name, with `${ARG}` resolved in FROM."""
    global_args, stages, current = {}, {}, None
    for inst, rest in instructions(path):
        if inst == "FROM":
            parts = re.split(r"\s+AS\s+", rest, flags=re.I)
            base = re.sub(r"\$\{(\w+)\}", lambda m: global_args[m.group(1)], parts[0])
            name = parts[1] if len(parts) > 1 else f"stage{len(stages)}"
            current = stages[name] = Stage(name, base)
        elif current is None and inst == "ARG":
            key, _, value = rest.partition("=")
            global_args[key] = value.strip('"')
        elif current is not None:
            current.lines.append((inst, rest))
    return global_args, stages


def dockerignored() -> list[str]:
    rows = (ROOT / ".dockerignore").read_text().splitlines()
    return [row.strip() for row in rows if row.strip() and not row.startswith(("#", "!"))]


@pytest.mark.parametrize("path", DOCKERFILES)
def test_base_images_are_pinned(path):
    _, stages = parse(path)
    external = [s.base for s in stages.values() if s.base not in stages]
    assert external
    for image in external:
        tag = image.rpartition(":")[2]
        assert ":" in image and tag != "latest" and re.match(r"v?\d+\.\d+", tag), image


@pytest.mark.parametrize("path", DOCKERFILES)
def test_runtime_stages_run_as_a_non_root_user(path):
    _, stages = parse(path)
    for name in RUNTIME_STAGES[path]:
        users = stages[name].args_of("USER")
        assert users and users[-1] not in ("root", "0"), f"{path}:{name} runs as root"


@pytest.mark.parametrize("path", DOCKERFILES)
def test_copy_sources_exist_in_the_build_context(path):
    _, stages = parse(path)
    ignored = dockerignored()
    for stage in stages.values():
        for rest in stage.args_of("COPY"):
            if "--from=" in rest:
                continue
            sources = [w for w in rest.split() if not w.startswith("--")][:-1]
            for source in sources:
                assert (ROOT / source).exists(), f"{path}: COPY {source} is missing"
                hit = [p for p in ignored if fnmatch.fnmatch(source.rstrip("/"), p)]
                assert not hit, f"{path}: COPY {source} is excluded by .dockerignore {hit}"


@pytest.mark.parametrize("path", ["llm_server/Dockerfile", "embedding_pipeline/Dockerfile"])
def test_python_images_bake_models_and_run_offline(path):
    _, stages = parse(path)
    assert any("bake_models.py" in rest for rest in stages["models"].args_of("RUN"))
    for name in RUNTIME_STAGES[path]:
        env = " ".join(stages[name].args_of("ENV"))
        assert "HF_HUB_OFFLINE=1" in env and "HF_HOME=/models/hf" in env, f"{path}:{name}"
        copies = " ".join(stages[name].args_of("COPY"))
        assert "--from=models" in copies and "/models" in copies


def test_llama_cpp_is_built_for_the_target():
    _, stages = parse("llm_server/Dockerfile")
    cpu = " ".join(stages["cpu-builder"].args_of("RUN"))
    cuda = " ".join(stages["cuda-builder"].args_of("RUN"))
    assert "install_llama_cpp.sh" in cpu and "-DGGML_NATIVE=OFF" in cpu
    assert "install_llama_cpp.sh" in cuda and "-DGGML_CUDA=on" in cuda
    assert "CMAKE_CUDA_ARCHITECTURES" in cuda  # no GPU to detect at build time
    script = (ROOT / "scripts" / "install_llama_cpp.sh").read_text()
    for variable in ("PY", "LLAMA_CPP_VERSION", "LLAMA_WHEEL_DIR", "CMAKE_ARGS"):
        assert f"${{{variable}" in script or f"${variable}" in script, variable


def test_cuda_image_has_cudnn_for_whisper():
    global_args, stages = parse("llm_server/Dockerfile")
    assert re.search(r"cuda:12\.\d+\.\d+-cudnn-runtime-ubuntu22\.04$", stages["cuda"].base)
    assert "python3.11" in " ".join(stages["cuda"].args_of("RUN"))


def test_compose_build_targets_exist(services):
    for name, service in services.items():
        build = service.get("build")
        if build and build.get("target"):
            _, stages = parse(build["dockerfile"])
            assert build["target"] in stages, f"{name}: target {build['target']}"


def test_backend_image_builds_the_widget_and_prunes_dev_dependencies():
    text = (ROOT / "backend" / "Dockerfile").read_text()
    assert "npm ci --omit=dev" in text and "npm run build" in text
    cmd = parse("backend/Dockerfile")[1]["runtime"].args_of("CMD")[-1]
    package = (ROOT / "backend" / "package.json").read_text()
    script = re.search(r'"start":\s*"node ([^"]+)"', package).group(1)
    assert cmd == f'["node", "{script}"]'


def test_requirements_stage_extracts_the_pyproject_dependencies(tmp_path):
    """Run the requirements stage's RUN line for real, against the real pyproject."""
    _, stages = parse("llm_server/Dockerfile")
    [command] = stages["requirements"].args_of("RUN")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    bin_dir = str(Path(sys.executable).parent)
    subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, check=True, env={"PATH": f"{bin_dir}:/usr/bin:/bin"}
    )
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert (tmp_path / "requirements.txt").read_text().splitlines() == deps
    assert re.fullmatch(r"torch==[\d.]+\n", (tmp_path / "torch.txt").read_text())


def test_images_default_to_the_compose_embedding_model(services):
    model = services["llm_api_server"]["environment"]["EMBEDDING_MODEL"]
    for path in ("llm_server/Dockerfile", "embedding_pipeline/Dockerfile"):
        assert parse(path)[0]["EMBEDDING_MODEL"] == model, path
