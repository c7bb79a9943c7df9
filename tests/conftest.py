"""Shared pytest options; ``bench/`` on the import path for the scripted-run generator (``synthetic``) the
TUI tests share with the TUI benchmark."""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current compiler output instead of comparing")
