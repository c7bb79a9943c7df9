"""Reading the files ``ccdsl import`` is given: a console export of a flow (``{"Version", "StartAction",
"Actions", …}``) or a ``DescribeContactFlow`` / ``DescribeContactFlowModule`` response (the document is
the ``Content`` string, with the flow's name and type beside it)."""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import Span

from .names import sanitize


@dataclass
class FlowDocument:
    path: str
    name: str  # as the file or the response names it (not yet a unique site name)
    doc: dict
    flow_type: str | None  # None: the file does not say
    text: str

    def span_of(self, ident: str) -> Span:
        """Where an action's Identifier is written in the file (the file's start when it cannot be found)."""
        at = self.text.find(json.dumps(ident))
        if at < 0:
            return Span(self.path, 1, 1)
        line = self.text.count("\n", 0, at) + 1
        return Span(self.path, line, at - (self.text.rfind("\n", 0, at) + 1) + 1)


def _is_flow(doc: Any) -> bool:
    return isinstance(doc, Mapping) and isinstance(doc.get("Actions"), list) and "StartAction" in doc


def read_document(path: str) -> FlowDocument | str:
    """The flow document in ``path``, or a sentence saying why there is none."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read it: {exc}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    stem = re.sub(r"\.(content|flow)$", "", Path(path).stem)
    if _is_flow(data):
        return FlowDocument(path, stem, data, None, text)
    described = data.get("ContactFlow") or data.get("ContactFlowModule") if isinstance(data, Mapping) else None
    if isinstance(described, Mapping) and isinstance(described.get("Content"), str):
        try:
            inner = json.loads(described["Content"])
        except json.JSONDecodeError as exc:
            return f"its Content is not JSON: {exc.msg}"
        if _is_flow(inner):
            kind = cat.MODULE if "ContactFlowModule" in data else described.get("Type")
            return FlowDocument(path, str(described.get("Name") or stem), inner,
                                kind if kind in cat.FLOW_TYPES else None, text)
    return "not a Connect flow (no StartAction and Actions, nor a DescribeContactFlow response)"


def unique_names(documents: list[FlowDocument]) -> list[str]:
    """A site name per document, from its name; repeated names get a number."""
    out: list[str] = []
    for d in documents:
        base = sanitize(d.name, "flow")
        name, n = base, 1
        while name in out:
            n += 1
            name = f"{base}_{n}"
        out.append(name)
    return out
