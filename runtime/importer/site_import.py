"""``ccdsl import --instance``: read a whole instance, write it as a ``.ccd`` site, and say what it could not.

:func:`import_instance` reads the instance's flows (:mod:`.instance`) and everything else a site declares
(:mod:`.site_read`), writes the sections (:mod:`.site_write`) and the flows (the flow importer) as one
``fmt``-canonical text, and turns each problem into a diagnostic: W507/W508 for what the site cannot say or
does not import, and for a call that fails E506 (denied), E507 (no such instance), E508 (throttled after
the client's retries) or E509 (any other failure) — never a traceback.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler import addresses as A
from ccdsl.compiler.importer.run import ImportRun, import_documents
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

from .bots_read import read_bots
from .bots_write import write_bots
from .functions_write import hook_arns, invoked_arns, played_prompts, read_associated, write_functions
from .instance import read_instance
from .logs_read import read_logs, text_logs
from .logs_write import write_logs
from .site_read import read_site
from .site_write import write_site

_DENIED = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException",
           "InvalidClientTokenId", "ExpiredTokenException", "NoCredentialsError")
_THROTTLED = ("ThrottlingException", "TooManyRequestsException", "Throttling", "LimitExceededException",
              "RequestLimitExceeded")
_FLOW_KINDS = ("/contact-flow/", "/flow-module/")


@dataclass
class InstanceImport:
    run: ImportRun = field(default_factory=ImportRun)
    found: dict[str, dict[str, Any]] = field(default_factory=dict)  # site address -> identifiers in the instance
    counts: dict[str, int] = field(default_factory=dict)  # section -> entries written

    @property
    def diagnostics(self) -> Diagnostics:
        return self.run.diagnostics


def failure(exc: BaseException, instance: str) -> tuple[str, str]:
    """(code, message) for a failed read: botocore's ``ClientError`` (and the simulator's) carry the error code."""
    response = getattr(exc, "response", None)
    code = str(((response or {}).get("Error") or {}).get("Code") or type(exc).__name__)
    operation = getattr(exc, "operation_name", "")
    text = str(exc).splitlines()[0] if str(exc) else code
    if code in _DENIED or "AccessDenied" in code:
        return "E506", f"reading instance {instance} was denied{f' ({operation})' if operation else ''}: {text}"
    if code == "ResourceNotFoundException" and operation in ("", "DescribeInstance"):
        return "E507", f"instance {instance} was not found in this account and region: {text}"
    if code in _THROTTLED:
        return "E508", f"reading instance {instance} was throttled after retries: {text} (run the import again)"
    return "E509", f"reading instance {instance} failed: {text}"


def _drop_declared(run: ImportRun, declared: set[str]) -> None:
    """The flow importer lists every name the flows use (W503, and a comment at the end of the text); those the
    site now declares need no declaring."""
    kept = Diagnostics()
    kept.extend(d for d in run.diagnostics if not (d.code == "W503" and any(
        d.message.endswith(f"(it stands for {value})") for value in declared)))
    run.diagnostics = kept
    lines = [line for line in run.text.split("\n")
             if not (line.startswith("# ") and "  <- " in line and line.rsplit("  <- ", 1)[1] in declared)]
    if lines and lines[-2:] == ["# Names the flows refer to: declare each in its section (or map its ARN with --map):",
                                ""]:
        lines = lines[:-3] + [""]
    run.text = "\n".join(lines)


def import_instance(client: Callable[[str], Any], instance_id: str, region: str,
                    mapping: Mapping[str, str] | None = None, flow_type: str | None = None) -> InstanceImport:
    """Read instance ``instance_id`` through ``client(service)`` and write it as a site."""
    from ccdsl.dsl.fmt import format_text

    result = InstanceImport()
    where = Span(f"instance {instance_id}", 1, 1)
    try:
        read = read_site(client, instance_id)  # DescribeInstance first: a missing instance is E507
        flows = read_instance(client, instance_id)
    except Exception as exc:  # botocore's errors, the simulator's, a missing credential chain …
        code, message = failure(exc, instance_id)
        result.diagnostics.error(code, message, where)
        return result
    flow_arns = {k for k in flows.names if k.startswith("arn:") and any(m in k for m in _FLOW_KINDS)}
    flow_ids = {k.rsplit("/", 1)[-1] for k in flow_arns}
    flow_names = {k: v for k, v in flows.names.items() if k in flow_arns or k in flow_ids}
    arn_region = read.arn.split(":")[3] if read.arn.count(":") >= 5 else ""
    site = write_site(read, flow_names, arn_region or region, played_prompts(flows.documents))
    try:
        bots = read_bots(client, [k for k in flows.names if ":bot-alias/" in k])
        write_functions(site, invoked_arns(flows.documents) + hook_arns(bots), read_associated(client, instance_id),
                        site.site)
        write_logs(site, bots, read_logs(client, [d["cloudWatchLogGroupArn"] for b in bots
                                                  for d in text_logs(b["alias"])], site.site), site.site)
        write_bots(site, bots, site.site)
    except Exception as exc:
        code, message = failure(exc, instance_id)
        result.diagnostics.error(code, message, where)
        return result
    names = {**flows.names, **site.names, **dict(mapping or {})}
    # every name must be one the instance has: a target a flow leaves empty keeps that flow a template
    run = import_documents(flows.documents, names, flow_type, run=result.run, name_unset=False)
    _drop_declared(run, site.declared | set(flow_names))
    for line in flows.skipped:
        run.diagnostics.warning("W508", f"flow {line}: not imported", where)
    for problem in site.problems:
        run.diagnostics.warning(problem.code, problem.message + (f" ({problem.arn})" if problem.arn else ""), where)
    head = ["# A Connect instance imported by `ccdsl import --instance`: every entry names the ARN it came from.",
            "# `ccdsl plan` shows no changes: what the instance has is recorded in this site's state."]
    flows_text = run.text.split("\n", 1)[1] if run.text.startswith("#") else run.text
    text = "\n".join(head + site.lines) + "\n\n" + flows_text
    try:
        run.text = format_text(text)
    except Exception:  # the text is still valid YAML: leave it unformatted rather than lose it
        run.text = text
    result.found = dict(site.found)
    for key, name in flow_names.items():
        if key.startswith("arn:"):
            result.found[A.flow_addr(name)] = {"id": key.rsplit("/", 1)[-1], "arn": key, "name": name}
    result.counts = {"hours": len(read.hours), "queues": len(read.queues), "routing": len(read.routing),
                     "agents": len(read.users), "numbers": sum(1 for a in site.found if a.startswith("number.")
                                                               and not a.endswith(".flow")),
                     "quick_connects": len(read.quick_connects), "bots": len(bots), "flows": len(run.flows),
                     "functions": len({v for k, v in site.names.items() if ":function:" in k}),
                     "prompts": sum(1 for k in site.declared if "/prompt/" in k),
                     "logs": sum(1 for k in site.declared if ":log-group:" in k),
                     "keys": sum(1 for k in site.declared if ":kms:" in k)}
    return result
