"""Every AWS operation ccdsl calls is named in the registry (``compiler/registry/``) and nowhere else.

The providers (``runtime/providers/``) are scanned: a string literal that is a boto3 operation or waiter
name of a service they use fails the test, and so does, in the aws provider (the one with boto3 clients),
a method call named like an operation. The handlers read the operation names from their type's entry
(``ResourceType.procedure``), and the account-level calls (account id, ``${ssm:…}``, pre-flight quotas)
from ``compiler/registry/account.py``. Nothing is allowed elsewhere.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ccdsl.compiler.registry import REGISTRY

botocore_session = pytest.importorskip("botocore.session")

ROOT = Path(__file__).resolve().parents[3]
SCANNED = [ROOT / "runtime" / "providers"]
CLIENTS = "runtime/providers/aws/"  # where a method call named like an operation is a boto3 call


def _names() -> dict[str, str]:
    """Operation and waiter names (snake_case) of every service the registry or a provider uses -> service."""
    from botocore import xform_name

    session = botocore_session.get_session()
    available = set(session.get_available_services())
    services = {e.service for e in REGISTRY.values() if e.service in available}
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in available:
                services.add(node.value)
    names: dict[str, str] = {}
    for service in sorted(services):
        for op in session.get_service_model(service).operation_names:
            names.setdefault(xform_name(op), service)
        try:
            waiters = session.get_waiter_model(service).waiter_names
        except Exception:  # a service without waiters
            waiters = []
        for waiter in waiters:
            names.setdefault(xform_name(waiter), service)
    return names


def _files() -> list[Path]:
    return sorted(p for folder in SCANNED for p in folder.rglob("*.py"))


def named_outside_registry() -> list[str]:
    names = _names()
    found = []
    for path in _files():
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text())):
            name = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                name = node.value
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in names and rel.startswith(CLIENTS)):
                name = node.func.attr
            if name is not None:
                found.append(f"{rel}:{node.lineno}: {names[name]}.{name}")
    return found


def test_no_provider_names_an_aws_operation():
    assert named_outside_registry() == []


def test_the_scan_finds_a_literal_operation(tmp_path, monkeypatch):
    """The scan is not vacuous: a handler naming an operation is caught."""
    bad = tmp_path / "runtime" / "providers" / "aws" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text('def f(ctx, client):\n    ctx.call("connect", "create_queue")\n    client.delete_queue()\n')
    monkeypatch.setattr(__name__ + ".SCANNED", [tmp_path / "runtime"])
    monkeypatch.setattr(__name__ + ".ROOT", tmp_path)
    assert sorted(line.split(": ")[1] for line in named_outside_registry()) == ["connect.create_queue",
                                                                           "connect.delete_queue"]


_BY_ROLE = {"op": 0, "step": 1, "try_step": 1, "listed": 1, "found": 1, "wait_step": 1}
_HANDLERS = ROOT / "runtime" / "providers" / "aws" / "handlers"


def _roles(tree: ast.AST) -> set[str]:
    """The procedure roles named in ``tree``: ``self.step(ctx, "role", …)``, ``self.op("role")`` …"""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _BY_ROLE:
            at = _BY_ROLE[node.func.attr]
            if len(node.args) > at and isinstance(node.args[at], ast.Constant) and isinstance(node.args[at].value, str):
                found.add(node.args[at].value)
    return found


def test_every_role_a_handler_names_is_in_its_entries():
    """A handler's procedural call names a role its type's entry declares (a typo fails here, not at AWS)."""
    from ccdsl.runtime.providers.aws.handlers import SPECIAL

    missing = []
    for path in sorted(_HANDLERS.glob("*.py")):
        module = ast.parse(path.read_text())
        name = f"ccdsl.runtime.providers.aws.handlers.{path.stem}"
        mine = {t: c for t, c in SPECIAL.items() if c.__module__ == name}
        if path.stem == "passwords":  # the agents' passwords: the user handler's calls
            mine = {"aws_connect_user": SPECIAL["aws_connect_user"]}
        for node in module.body:
            roles = _roles(node)
            if not roles:
                continue
            if isinstance(node, ast.ClassDef):
                types = [t for t, c in mine.items() if any(k.__name__ == node.name for k in c.__mro__)]
                missing += [f"{path.name}:{node.name}: {t} has no {r!r}" for t in types for r in sorted(roles)
                            if r not in REGISTRY[t].procedure]
            else:  # a module function serves some of the module's types
                known = set().union(*(REGISTRY[t].procedure for t in mine)) if mine else set()
                missing += [f"{path.name}: no entry of {sorted(mine)} has {r!r}" for r in sorted(roles - known)]
    assert missing == []
    assert _roles(ast.parse('h.step(ctx, "a")\nh.op("b")\n')) == {"a", "b"}
