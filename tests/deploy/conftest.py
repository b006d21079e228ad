"""Fixtures: docker-compose.yml parsed and interpolated with .env.example."""

from __future__ import annotations

import pytest
import yaml
from deploy_helpers import COMPOSE_FILE, interpolate, read_env_example


@pytest.fixture(scope="session")
def raw_compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="session")
def compose(raw_compose) -> dict:
    """docker-compose.yml as compose resolves it with .env.example."""
    return interpolate(raw_compose, read_env_example())


@pytest.fixture(scope="session")
def services(compose) -> dict:
    return compose["services"]
