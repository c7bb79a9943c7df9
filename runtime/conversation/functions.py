"""Lambda steps of a conversation: a test's mock when it gives one, otherwise the function's own handler
run from its ``source:`` folder in a subprocess, with a Connect-shaped event.

The event follows "Invoke an AWS Lambda function" (connect-lambda-functions.html#function-contact-flow):
``{"Name": "ContactFlowEvent", "Details": {"ContactData": {…}, "Parameters": {…}}}``. Only Python runtimes
can run offline; any other runtime needs a mock, and the step fails with a message saying so.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from .contact import Contact, FunctionMock
from .site import Function

BOOTSTRAP = r"""
import importlib, json, sys
sys.path.insert(0, ".")
module_name, _, func_name = sys.argv[1].rpartition(".")
event = json.load(sys.stdin)
try:
    handler = getattr(importlib.import_module(module_name), func_name)
    result = handler(event, None)
    out = {"returns": result}
except BaseException as exc:
    out = {"error": f"{type(exc).__name__}: {exc}"}
sys.stdout.write("\n@@ccdsl-result@@" + json.dumps(out, default=str))
"""


@dataclass
class Outcome:
    returns: Any = None
    error: str | None = None


def connect_event(contact: Contact, parameters: dict[str, str]) -> dict[str, Any]:
    data = contact.data()
    return {"Name": "ContactFlowEvent", "Details": {
        "ContactData": {k: data[k] for k in ("Attributes", "Channel", "ContactId", "InitialContactId",
                                             "CustomerEndpoint", "SystemEndpoint", "LanguageCode", "Queue")},
        "Parameters": parameters}}


class FunctionRunner:
    """Runs the site's functions for one test: mocks first, then the handler in a subprocess."""

    def __init__(self, functions: dict[str, Function], mocks: dict[str, FunctionMock],
                 cache: dict[str, Outcome] | None = None):
        self.functions = functions
        self.mocks = mocks
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.cache = cache if cache is not None else {}  # equal events give equal answers within a suite

    def invoke(self, name: str, contact: Contact, parameters: dict[str, str], timeout_s: int) -> Outcome:
        self.calls.append((name, parameters))
        mock = self.mocks.get(name)
        if mock is not None:
            if mock.timeout:
                return Outcome(error=f"timed out after {timeout_s}s (the test says so)")
            if mock.error:
                return Outcome(error=mock.error)
            return Outcome(returns=dict(mock.returns or {}))
        fn = self.functions.get(name)
        if fn is None:
            return Outcome(error=f"no function '{name}' in this site")
        if not fn.runtime.startswith("python"):
            return Outcome(error=f"function '{name}' runs {fn.runtime or 'an unknown runtime'}: only Python "
                                 f"functions run offline; give it a mock (given: functions: {name}: returns: …)")
        if not fn.source or not os.path.isdir(fn.source):
            return Outcome(error=f"function '{name}' has no source folder to run; give it a mock")
        event = connect_event(contact, parameters)
        key = name + json.dumps(event, sort_keys=True, default=str)
        if key not in self.cache:
            self.cache[key] = run_python(fn, event, min(timeout_s, fn.timeout_s))
        return self.cache[key]


def run_python(fn: Function, event: dict[str, Any], timeout_s: int) -> Outcome:
    env = dict(os.environ, **fn.env, AWS_LAMBDA_FUNCTION_NAME=fn.name, PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    try:
        proc = subprocess.run([sys.executable, "-c", BOOTSTRAP, fn.handler], input=json.dumps(event), cwd=fn.source,
                              env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(error=f"timed out after {timeout_s}s")
    _, marker, tail = proc.stdout.rpartition("@@ccdsl-result@@")
    if not marker:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return Outcome(error=f"the handler process failed: {last}")
    result = json.loads(tail)
    return Outcome(returns=result.get("returns"), error=result.get("error"))
