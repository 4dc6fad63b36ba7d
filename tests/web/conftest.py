"""Fixtures for the web app: one imported sample database per session, copied per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hoering.config import Config
from tests.kit.web import build_sample, copy_sample, make_app


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("web-sample"))


@pytest.fixture
def cfg(sample_template: Path, tmp_path: Path) -> Config:
    return copy_sample(sample_template, tmp_path / "db")


@pytest.fixture
def client(cfg: Config) -> Iterator[TestClient]:
    with TestClient(make_app(cfg)) as test_client:
        yield test_client
