"""Inputs the provider consumes itself before calling AWS (the catalogue's ``local_inputs``).

- ``file:<Param>``: the input holds a path relative to the site's folder; the file's bytes go into the
  (dotted) boto3 parameter ``<Param>`` (``SourceFile`` → ``Body``, ``Code.ZipFile`` → ``Code.ZipFile``);
- ``search``: the input feeds a lookup made before the create call (phone numbers) and is not sent;
- ``hash``: a content digest for change detection only, not sent;
- ``delete``: an argument of the delete call (a KMS key's deletion window), not sent on create.
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ccdsl.dsl.confine import why_outside
from ccdsl.runtime.providers.base import ProviderError


def prepare(inputs: Mapping[str, Any], local: Mapping[str, str], source_dir: str) -> dict[str, Any]:
    """The create call's kwargs: ``inputs`` with local inputs resolved or removed."""
    if not local:
        return dict(inputs)
    kwargs = copy.deepcopy(dict(inputs))
    for path, how in local.items():
        found, value = _pop(kwargs, path)
        if not found:
            continue
        if how.startswith("file:"):
            _put(kwargs, how[5:], _read(value, source_dir, path))
    return kwargs


def local_values(inputs: Mapping[str, Any], local: Mapping[str, str], how: str) -> dict[str, Any]:
    """The inputs marked ``how`` (e.g. ``search``), by their top-level name."""
    return {path: _get(inputs, path) for path, kind in local.items() if kind == how and _get(inputs, path) is not None}


def _read(value: Any, source_dir: str, path: str) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    file = Path(source_dir, str(value))
    # A path the site wrote is relative and must stay inside the site folder; an absolute path can only be
    # the provider's own build output (a Lambda zip it packaged), since validation refuses absolute paths.
    if not Path(str(value)).is_absolute() or path == "SourceFile":
        reason = why_outside(source_dir, str(value))
        if reason is not None:
            raise ProviderError(f"{path}: refusing to read {value}: {reason}")
    try:
        return file.read_bytes()
    except OSError as error:
        raise ProviderError(f"{path}: cannot read {file}: {error.strerror or error}") from None


def _get(data: Mapping[str, Any], path: str):
    for part in path.split("."):
        if not isinstance(data, Mapping) or part not in data:
            return None
        data = data[part]
    return data


def _pop(data: dict, path: str) -> tuple[bool, Any]:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return False, None
    if last not in node:
        return False, None
    return True, node.pop(last)


def _put(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value
