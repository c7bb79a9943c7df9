"""Compiled input values as CloudFormation values: Refs become ``Ref``/``Fn::GetAtt``/``Fn::Sub``, secrets
become parameters or dynamic references, JSON documents with apply-time values become objects.

``Intrinsic`` resolution of one ``Ref`` is the caller's (it knows the logical ids); this module only
turns values around it.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from ccdsl.compiler.resources import Ref, Secret, Template

RefFn = Callable[[Ref], Any]
SecretFn = Callable[[Secret], Any]

_HOLE = "__ccdsl_hole_%d__"
_HOLE_RE = re.compile(r"__ccdsl_hole_(\d+)__")


def logical_id(address: str) -> str:
    """A CloudFormation logical id (alphanumeric) for a compiled address: ``queue.General`` → ``QueueGeneral``."""
    words = re.split(r"[^A-Za-z0-9]+", address)
    return "".join(w[:1].upper() + w[1:] for w in words if w) or "Resource"


def sub_piece(value: Any) -> tuple[str, dict[str, Any]]:
    """``value`` (an intrinsic or literal) as text inside an ``Fn::Sub`` string, plus any variables it needs."""
    if isinstance(value, str):
        return value.replace("${", "${!"), {}
    if isinstance(value, dict) and set(value) == {"Ref"}:
        return "${{{}}}".format(value["Ref"]), {}
    if isinstance(value, dict) and set(value) == {"Fn::GetAtt"}:
        return "${{{}.{}}}".format(*tuple(value["Fn::GetAtt"])), {}
    if isinstance(value, dict) and set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):
        return value["Fn::Sub"], {}
    if isinstance(value, (int, float, bool)):
        return json.dumps(value), {}
    name = "v" + hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:8]
    return f"${{{name}}}", {name: value}


def join_sub(pieces: list[Any]) -> Any:
    """Literal strings and intrinsics as one value: a plain string when nothing is apply-time."""
    if all(isinstance(p, str) for p in pieces):
        return "".join(pieces)
    if len(pieces) == 1:
        return pieces[0]
    text, variables = "", {}
    for piece in pieces:
        part, more = sub_piece(piece)
        text += part
        variables.update(more)
    return {"Fn::Sub": [text, variables]} if variables else {"Fn::Sub": text}


class Values:
    """Turns compiled input values into CloudFormation values with the caller's Ref and Secret resolution."""

    def __init__(self, ref: RefFn, secret: SecretFn) -> None:
        self.ref = ref
        self.secret = secret

    def __call__(self, value: Any) -> Any:
        if isinstance(value, Ref):
            return self.ref(value)
        if isinstance(value, Secret):
            return self.secret(value)
        if isinstance(value, Template):
            return join_sub([p if isinstance(p, str) else self(p) for p in value.parts])
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self(v) for v in value]
        return value

    def document(self, value: Any) -> Any:
        """A JSON document (policy, event pattern) given as a string or Template, as an object whose strings
        carry the apply-time values."""
        if isinstance(value, str):
            return json.loads(value)
        if not isinstance(value, Template):
            return self(value)
        holes: list[Any] = []
        text = ""
        for part in value.parts:
            if isinstance(part, str):
                text += part
            else:
                text += _HOLE % len(holes)
                holes.append(part)
        return self._fill(json.loads(text), holes)

    def _fill(self, obj: Any, holes: list[Any]) -> Any:
        if isinstance(obj, dict):
            return {k: self._fill(v, holes) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self._fill(v, holes) for v in obj]
        if isinstance(obj, str) and _HOLE_RE.search(obj):
            pieces: list[Any] = []
            pos = 0
            for m in _HOLE_RE.finditer(obj):
                if m.start() > pos:
                    pieces.append(obj[pos:m.start()])
                pieces.append(self(holes[int(m.group(1))]))
                pos = m.end()
            if pos < len(obj):
                pieces.append(obj[pos:])
            return join_sub(pieces)
        return obj


def tag_list(tags: Any) -> list[dict[str, Any]]:
    """Tags as CloudFormation's ``[{Key, Value}]`` from a map or an already-listed form."""
    if isinstance(tags, dict):
        return [{"Key": k, "Value": v} for k, v in tags.items()]
    return list(tags or [])


def pascal(obj: Any) -> Any:
    """Lex-style camelCase API members as CloudFormation's PascalCase property names, recursively."""
    if isinstance(obj, dict):
        return {(k[:1].upper() + k[1:]): pascal(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [pascal(v) for v in obj]
    return obj


def portable(obj: Any, region: str) -> Any:
    """Literal partitions and the site's region inside strings as ``${AWS::Partition}``/``${AWS::Region}``,
    so one template deploys to any account and region (a StackSet's instances)."""
    where = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(region)}(?![A-Za-z0-9-])") if region else None

    def swap(text: str) -> str:
        text = text.replace("arn:aws:", "arn:${AWS::Partition}:")
        return where.sub("${AWS::Region}", text) if where else text

    def needs(text: str) -> bool:
        return "arn:aws:" in text or bool(where and where.search(text))

    if isinstance(obj, str):
        return {"Fn::Sub": swap(obj.replace("${", "${!"))} if needs(obj) else obj
    if isinstance(obj, list):
        return [portable(v, region) for v in obj]
    if isinstance(obj, dict):
        if set(obj) == {"Fn::Sub"}:
            body = obj["Fn::Sub"]
            if isinstance(body, str):
                return {"Fn::Sub": swap(body)}
            return {"Fn::Sub": [swap(body[0]), portable(body[1], region)]}
        return {k: portable(v, region) for k, v in obj.items()}
    return obj
