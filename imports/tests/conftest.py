from pathlib import Path

import pytest

from fuel_logs.tests.conftest import fill, metric_car, phev  # noqa: F401 (their fixtures, for our format's files)
from imports import plan as plans
from imports import services

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def sample():
    def read(name: str) -> bytes:
        return (SAMPLES / name).read_bytes()

    return read


@pytest.fixture
def run_import(owner):
    """Import raw bytes into Alice's account as the confirmed preview does; the result summary."""

    def run(raw: bytes, user=None, **choices) -> dict:
        return services.import_run(user=user or owner, raw=raw, choices=plans.Choices(**choices))

    return run
