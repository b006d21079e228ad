import pytest

from llm_server.config import Settings
from llm_server.llm.base import prose_trusted
from llm_server.llm.registry import build_llm, resolve_backend_name


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "llamacpp"),
        ({"ollama_host": "gpu-box"}, "ollama"),
        ({"llm_backend": "llamacpp", "ollama_host": "gpu-box"}, "llamacpp"),
        ({"llm_backend": "openai"}, "openai"),
    ],
)
def test_auto_picks_ollama_only_when_host_set(env, expected):
    assert resolve_backend_name(Settings(**env)) == expected


def test_build_llm_returns_named_backend():
    assert build_llm(Settings(llm_backend="ollama")).name == "ollama"


def test_default_embedded_model_is_small_base_model_so_answers_are_grounded():
    backend = build_llm(Settings())
    assert backend.name == "llamacpp"
    assert not prose_trusted("auto", backend.model_info)


def test_ollama_12b_instruct_is_trusted_for_free_generation():
    backend = build_llm(Settings(ollama_host="x", ollama_model="gemma3:12b-it-qat"))
    assert prose_trusted("auto", backend.model_info)


@pytest.mark.parametrize(("setting", "expected"), [("true", True), ("false", False)])
def test_an_explicit_trust_setting_overrides_the_rule(setting, expected):
    small_base = build_llm(Settings())
    large_instruct = build_llm(Settings(ollama_host="x", ollama_model="gemma3:12b-it-qat"))
    assert prose_trusted(setting, small_base.model_info) is expected
    assert prose_trusted(setting, large_instruct.model_info) is expected
