"""docker-compose.yml: the startup graph, images, volumes, GPU and the shared settings."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import tomllib
from graphlib import TopologicalSorter

import pytest
from deploy_helpers import (
    COMPOSE_FILE,
    ENV_EXAMPLE,
    ROOT,
    compose_variables,
    documented_names,
    interpolate,
    read_env_example,
)

from embedding_pipeline.config import MongoSettings
from llm_server.config import Settings

STATEFUL = {
    "ollama_server": "/root/.ollama",
    "chroma_db_server": "/data",
    "mongo": "/data/db",
    "redis": "/data",
}
ONE_SHOT = {"ollama_pull", "embedding_pipeline"}
GATES = {"service_healthy", "service_completed_successfully"}


def depends_on(service: dict) -> dict:
    return service.get("depends_on") or {}


def healthcheck_text(service: dict) -> str:
    test = service.get("healthcheck", {}).get("test", "")
    return " ".join(test) if isinstance(test, list) else test


def test_every_dependency_waits_for_health_or_completion(services):
    for name, service in services.items():
        deps = depends_on(service)
        assert isinstance(deps, dict), f"{name}: depends_on must use conditions, not a list"
        for dep, spec in deps.items():
            expected = "service_completed_successfully" if dep in ONE_SHOT else "service_healthy"
            assert spec.get("condition") == expected, f"{name} -> {dep}: {spec}"
            if expected == "service_healthy":
                assert "healthcheck" in services[dep], f"{name} waits on {dep} without healthcheck"


def test_startup_graph_order(services):
    graph = {name: set(depends_on(service)) for name, service in services.items()}
    order = list(TopologicalSorter(graph).static_order())  # raises on a cycle
    assert order.index("ollama_pull") < order.index("llm_api_server") < order.index("backend")
    assert set(depends_on(services["llm_api_server"])) == {
        "ollama_server",
        "ollama_pull",
        "chroma_db_server",
        "redis",
        "mongo",
    }
    assert set(depends_on(services["backend"])) == {"llm_api_server"}
    assert set(depends_on(services["embedding_pipeline"])) == {"mongo", "chroma_db_server"}


def test_stateful_services_have_named_volumes_and_healthchecks(compose, services):
    for name, mount in STATEFUL.items():
        volumes = [v.split(":") for v in services[name].get("volumes", [])]
        named = [src for src, dst, *_ in volumes if dst == mount]
        assert named and named[0] in compose["volumes"], f"{name}: no named volume at {mount}"
        assert services[name].get("healthcheck", {}).get("test"), f"{name}: no healthcheck"
        assert services[name].get("restart") == "unless-stopped"


def test_healthchecks_use_tools_the_images_have(services):
    for name, service in services.items():
        assert "curl" not in healthcheck_text(service), f"{name}: image has no curl"
    assert healthcheck_text(services["ollama_server"]) == "CMD ollama list"
    assert "/api/v2/heartbeat" in healthcheck_text(services["chroma_db_server"])
    assert "mongosh" in healthcheck_text(services["mongo"])
    assert "ping" in healthcheck_text(services["redis"])
    assert "/health/ready" in healthcheck_text(services["llm_api_server"])


@pytest.mark.parametrize("name", ["ollama_server", "llm_api_server"])
def test_gpu_reservation(services, name):
    devices = services[name]["deploy"]["resources"]["reservations"]["devices"]
    assert devices == [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]


def test_every_image_is_pinned(services):
    for name, service in services.items():
        image = service.get("image")
        assert image, f"{name}: no image name"
        repo, _, tag = image.rpartition(":")
        assert repo and "/" not in tag, f"{name}: {image} has no tag"
        assert tag != "latest" and re.search(r"\d", tag), f"{name}: {image} is not pinned"
    assert services["ollama_pull"]["image"] == services["ollama_server"]["image"]


def test_chroma_server_matches_the_python_client(services):
    server = services["chroma_db_server"]["image"].rsplit(":", 1)[1]
    client = importlib.metadata.version("chromadb")
    assert server.split(".")[:2] == client.split(".")[:2], f"server {server}, client {client}"


def test_one_network(compose, services):
    assert compose["networks"]["ai_network"]["name"] == "ai_network"
    for name, service in services.items():
        assert service["networks"] == ["ai_network"], name


def test_only_the_backend_publishes_a_port(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"backend"}


def test_llm_api_server_points_at_the_compose_services(services):
    env = services["llm_api_server"]["environment"]
    assert env["LLM_BACKEND"] == "ollama"
    assert env["OLLAMA_HOST"] == "ollama_server" and env["CHROMA_DB_HOST"] == "chroma_db_server"
    assert re.fullmatch(r"redis://:[^@]+@redis:6379/0", env["REDIS_URL"])
    assert env["LLM_API_HOST"] == "0.0.0.0"
    assert services["llm_api_server"]["build"]["dockerfile"] == "llm_server/Dockerfile"
    backend = services["backend"]["environment"]
    assert backend["LLM_API_URL"] == "http://llm_api_server:8001"


def test_pipeline_and_server_share_one_embedding_model(raw_compose, services):
    server, pipeline = services["llm_api_server"], services["embedding_pipeline"]
    model = server["environment"]["EMBEDDING_MODEL"]
    assert "multilingual" in model
    assert pipeline["environment"]["EMBEDDING_MODEL"] == model
    assert server["build"]["args"]["EMBEDDING_MODEL"] == model
    assert pipeline["build"]["args"]["EMBEDDING_MODEL"] == model
    # one anchor, not four copies that could drift apart
    assert COMPOSE_FILE.read_text().count("EMBEDDING_MODEL: ${EMBEDDING_MODEL") == 1


def test_ollama_pull_pulls_the_model_the_server_asks_for(services):
    pull = services["ollama_pull"]
    assert pull["command"] == ["pull", services["llm_api_server"]["environment"]["OLLAMA_MODEL"]]
    assert pull["environment"]["OLLAMA_HOST"] == "http://ollama_server:11434"
    assert pull["restart"] == "no"


def test_pipeline_is_a_one_shot_sync_job(services):
    pipeline = services["embedding_pipeline"]
    assert pipeline["profiles"] == ["sync"] and pipeline["restart"] == "no"
    assert pipeline["command"] == ["embedding-pipeline seed-mongo && embedding-pipeline sync"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "embedding-pipeline" in scripts


def test_secrets_are_required(raw_compose):
    env = read_env_example()
    for secret in ("MONGO_INITDB_ROOT_PASSWORD", "REDIS_PASSWORD"):
        with pytest.raises(KeyError, match=secret):
            interpolate(raw_compose, {k: v for k, v in env.items() if k != secret})


def test_env_example_documents_every_setting():
    documented = documented_names()
    settings = {name.upper() for name in Settings.model_fields if name != "extra"}
    assert settings - documented == set()
    backend = {
        "BACKEND_PORT",
        "BACKEND_HOST",
        "LLM_API_URL",
        "MAX_UPLOAD_MB",
        "UPSTREAM_IDLE_TIMEOUT_S",
        "RATE_LIMIT_PER_MIN",
        "FRONTEND_DIST",
    }
    pipeline = {name.upper() for name in MongoSettings.model_fields}
    assert (backend | pipeline | compose_variables()) - documented == set()


@pytest.mark.parametrize("settings_class", [Settings, MongoSettings])
def test_env_example_values_are_the_settings_defaults(settings_class):
    env = read_env_example()
    for name, field in settings_class.model_fields.items():
        if name.upper() in env and name != "extra":
            default = field.default
            shown = str(default).lower() if isinstance(default, bool) else str(default)
            assert env[name.upper()] == shown, f"{name.upper()}: {env[name.upper()]} != {shown}"


def test_env_example_default_is_what_the_backend_uses():
    config = (ROOT / "backend" / "src" / "config.js").read_text()
    env = read_env_example()
    for name in (
        "BACKEND_PORT",
        "BACKEND_HOST",
        "LLM_API_URL",
        "MAX_UPLOAD_MB",
        "UPSTREAM_IDLE_TIMEOUT_S",
        "RATE_LIMIT_PER_MIN",
        "HEALTH_TIMEOUT_S",
    ):
        assert f"{name}: '{env[name]}'" in config, name


DOCKER_COMPOSE = shutil.which("docker-compose")


def run_compose_config(env_file, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k not in read_env_example()}
    return subprocess.run(
        [DOCKER_COMPOSE, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", "-q"],
        cwd=ROOT,
        env=env | (extra_env or {}),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(DOCKER_COMPOSE is None, reason="docker-compose binary not installed")
def test_docker_compose_config_accepts_env_example():
    result = run_compose_config(ENV_EXAMPLE)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(DOCKER_COMPOSE is None, reason="docker-compose binary not installed")
def test_docker_compose_refuses_to_start_without_secrets(tmp_path):
    env_file = tmp_path / "no-secrets.env"
    lines = ENV_EXAMPLE.read_text().splitlines()
    env_file.write_text("\n".join(x for x in lines if not x.startswith("REDIS_PASSWORD=")))
    result = run_compose_config(env_file)
    assert result.returncode != 0
    assert "set REDIS_PASSWORD" in result.stderr
