"""The cache folder's stored files: written whole or not at all, and a damaged one is never loaded."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ccdsl.dsl.cache_dir import read_sealed, write_sealed

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "examples" / "acme-bank" / "site.ccd"


def test_a_sealed_file_reads_back_and_any_damage_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "f.bin")
    payload = bytes(range(256)) * 40
    assert write_sealed(path, payload)
    assert read_sealed(path) == payload
    data = Path(path).read_bytes()
    for index in (0, 20, len(data) // 2, len(data) - 1):  # the mark, the digest, the payload
        damaged = bytearray(data)
        damaged[index] ^= 0x01
        Path(path).write_bytes(bytes(damaged))
        assert read_sealed(path) is None
    Path(path).write_bytes(data[: len(data) // 2])  # cut short, as a full disk leaves it
    assert read_sealed(path) is None
    assert read_sealed(str(tmp_path / "missing")) is None


def test_an_unwritable_folder_keeps_nothing_and_raises_nothing(tmp_path: Path) -> None:
    assert not write_sealed(str(tmp_path / "no" / "such" / "folder" / "f.bin"), b"x")


def _validate(cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "ccdsl", "validate", str(SITE), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.slow
def test_validate_with_every_stored_file_damaged_gives_the_same_report(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _validate(cache)
    second = _validate(cache)  # the first run stores; the second may add what it compiled then
    stored = sorted((cache / "ccdsl").iterdir())
    assert any(p.name.startswith(("code-", "re-", "parsers-", "models-")) for p in stored)
    for path in stored:
        data = bytearray(path.read_bytes())
        for index in range(len(data) // 3, len(data), max(1, len(data) // 7)):
            data[index] ^= 0xFF
        path.write_bytes(bytes(data))
    damaged = _validate(cache)
    assert damaged.returncode == first.returncode == second.returncode == 0, damaged.stderr
    assert damaged.stdout == first.stdout
    assert "Traceback" not in damaged.stderr
