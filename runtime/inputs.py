"""Inputs at apply time: hashing the desired form for plans, resolving Refs and secrets for providers.

Hashing (what plans compare) uses the *desired* form: a Ref hashes as its ``${address.attr}`` token, not
its value, so a change propagates only where an input really changed; a Secret hashes as its reference
(``${env:NAME}``), never its value — no digest of a secret is ever stored. Rotating a secret's value is
therefore not a change; change the reference (or replace the resource) to roll it. ``create_only``
inputs are left out of the hash.

Resolution gives two forms: the value sent to the provider, and a *redacted* copy (secrets back as their
reference) that is the only form recorded in state, events and logs.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Awaitable, Callable
from typing import Any

from ccdsl.compiler.resources import Ref, Resource, Secret, Template, to_jsonable
from ccdsl.compiler.values import sorted_json_encoder


class SecretMissing(Exception):
    pass


class UnresolvedRef(Exception):
    pass


#: json.dumps(…, sort_keys=True, separators=(",", ":"), default=str), built once (json.dumps builds an encoder
#: per call when given options, which was a fifth of hashing a large site's inputs)
_COMPACT = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str).encode
_SORTED = json.JSONEncoder(sort_keys=True).encode


def _token_or_str(value: Any) -> Any:
    """What ``_COMPACT(to_jsonable(value))`` writes for a value JSON has no form of: a Ref, Secret or Template
    its ``${…}`` token, anything else its ``str``."""
    return value.token if isinstance(value, (Ref, Secret, Template)) else str(value)


#: ``_COMPACT(to_jsonable(value))`` in one pass of the C encoder: a Ref, Secret or Template is written as its
#: token when the encoder meets it (:func:`_token_or_str`), without a Python walk making a plain copy first
_COMPACT_INPUT = (sorted_json_encoder(_token_or_str, ":", ",", ensure_ascii=True)
                  or (lambda value: _COMPACT(to_jsonable(value))))
#: ``_SORTED`` of a dict of digests
_SORTED_DIGESTS = sorted_json_encoder(json.JSONEncoder().default, ": ", ", ", ensure_ascii=True) or _SORTED


def _digest(value: Any) -> str:
    t = type(value)
    if t is str or t is int or t is bool or value is None:  # (not floats: 0.0 and -0.0 are one key, two texts)
        return _scalar_digest(t.__name__, value)
    return hashlib.sha256(_COMPACT_INPUT(value).encode()).hexdigest()[:24]


@functools.lru_cache(maxsize=1 << 16)
def _scalar_digest(kind: str, value: Any) -> str:
    """The digest of a str, int, bool or None input (``kind`` keeps True and 1 apart): sites repeat them."""
    return hashlib.sha256(_COMPACT(value).encode()).hexdigest()[:24]


def _dotted(inputs: dict, path: str) -> Any:
    value: Any = inputs
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def desired_hashes(resource: Resource, extra_paths=()) -> tuple[str, dict[str, str]]:
    """(hash of all inputs, per-key digests). ``extra_paths`` are dotted paths hashed on their own
    (replacement triggers such as ``DistributionConfig.CallerReference``)."""
    hashes = {k: _digest(v) for k, v in resource.inputs.items() if k not in resource.create_only}
    for path in extra_paths:
        if "." in path:
            hashes[path] = _digest(_dotted(resource.inputs, path))
    whole = hashlib.sha256(
        _SORTED_DIGESTS({k: v for k, v in hashes.items() if "." not in k}).encode()
    ).hexdigest()[:24]
    return whole, hashes


def secrets_in(value: Any) -> list[Secret]:
    found: list[Secret] = []

    def walk(v):
        if isinstance(v, Secret):
            found.append(v)
        elif isinstance(v, Template):
            for p in v.parts:
                walk(p)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    walk(value)
    return found


async def resolve_secrets(
    secrets: list[Secret], ssm: Callable[[str], Awaitable[str]] | None
) -> dict[Secret, str]:
    values: dict[Secret, str] = {}
    for s in secrets:
        if s in values:
            continue
        if s.source == "env":
            value = os.environ.get(s.name)
            if value is None:
                if s.default is None:
                    raise SecretMissing(f"environment variable {s.name} is not set (referenced as {s.token})")
                value = s.default
        elif s.source == "ssm":
            if ssm is None:
                if s.default is None:
                    raise SecretMissing(f"the provider cannot read SSM parameter {s.name}")
                value = s.default
            else:
                value = await ssm(s.name)
        else:
            raise SecretMissing(f"unknown secret source in {s.token}")
        values[s] = value
    return values


def resolve(value: Any, outputs: dict[str, dict], secrets: dict[Secret, str]) -> tuple[Any, Any]:
    """(resolved value for the provider, redacted value for state). Raises UnresolvedRef."""
    if isinstance(value, Ref):
        out = outputs.get(value.address)
        if out is None or value.attr not in out:
            raise UnresolvedRef(f"{value.token} has no value (is {value.address} created?)")
        v = out[value.attr]
        return v, v
    if isinstance(value, Secret):
        return secrets[value], value.token
    if isinstance(value, Template):
        real, red = [], []
        for p in value.parts:
            if isinstance(p, str):
                real.append(p)
                red.append(p)
            else:
                a, b = resolve(p, outputs, secrets)
                real.append(str(a))
                red.append(str(b))
        return "".join(real), "".join(red)
    if isinstance(value, dict):
        real_d, red_d = {}, {}
        for k, v in value.items():
            real_d[k], red_d[k] = resolve(v, outputs, secrets)
        return real_d, red_d
    if isinstance(value, (list, tuple)):
        pairs = [resolve(v, outputs, secrets) for v in value]
        return [p[0] for p in pairs], [p[1] for p in pairs]
    return value, value


def scrub(value: Any, secret_values) -> Any:
    """Replace any secret value that found its way into outputs or messages."""
    secret_values = [s for s in secret_values if s and len(s) >= 4]
    if not secret_values:
        return value
    if isinstance(value, str):
        for s in secret_values:
            value = value.replace(s, "<secret>")
        return value
    if isinstance(value, dict):
        return {k: scrub(v, secret_values) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, secret_values) for v in value]
    return value
