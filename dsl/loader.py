"""Loading a .ccd file: YAML text -> a located tree (:mod:`ccdsl.dsl.located`) plus diagnostics.

ruamel.yaml composes the node graph (every node keeps its start and end marks); this module turns it
into plain values that know their spans, and reports what YAML allows but a .ccd file must not hold:
duplicate keys, tabs in indentation, undefined aliases, merges of non-mappings, recursive aliases,
complex keys and custom tags; and what would make the work unbounded (:mod:`.limits`). Nothing here
raises for bad input. A plain document's tree is built in one pass over libyaml's events
(:mod:`.yaml_direct`); anything else is composed from libyaml through :mod:`.yaml_compose` (fast, with
limits) and walked here, with ruamel.yaml for the wording of syntax errors in small files.

Codes: E001 YAML syntax, E002 not UTF-8, E003 tab in indentation, E004 duplicate key, E005 empty file,
E006 top level not a mapping, E007 undefined alias, E008 bad merge, E009 recursive alias, E020 complex
key, E021 unsupported tag, E022 file too large, E023 too many values (aliases expanded), E024 nesting
too deep (E010–E019 belong to the compact syntaxes).
"""
from __future__ import annotations

import re
import warnings
from typing import Any

from . import yaml_compose, yaml_direct
from .diagnostics import Diagnostics
from .limits import MAX_DEPTH, MAX_FILE_BYTES
from .located import LDict, LList, LStr
from .source import Span, TextOrigin
from .yaml_direct import block_origin, to_float, to_int
from .yaml_errors import explain

YAML_TAG = "tag:yaml.org,2002:"


def decode(data: bytes, path: str, diags: Diagnostics) -> str:
    """Strict UTF-8 decoding; undecodable bytes are reported (E002) and replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        diags.error("E002", f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", Span(path, line, col),
                    hint="save the file as UTF-8")
        return data.decode("utf-8", "replace")


def _check_tabs(text: str, path: str, diags: Diagnostics) -> str:
    """Report tabs in indentation (E003) and replace each by a space, keeping columns."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            diags.error("E003", "tab in indentation: YAML indents with spaces",
                        Span(path, number, indent.index("\t") + 1), hint="replace the tab with spaces")
            lines[number - 1] = indent.replace("\t", " ") + stripped
    return "\n".join(lines)


#: below this size a libyaml syntax error is re-parsed with ruamel.yaml for its wording
REPARSE_BELOW = 256 * 1024


def load_text(text: str, path: str, diags: Diagnostics) -> Any:
    """The located tree of a document (an :class:`LDict` for a valid .ccd file), or None."""
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        too_large(len(text.encode("utf-8", "replace")), path, diags)
        return None
    text = _check_tabs(text, path, diags)
    lines = text.split("\n")
    fast = yaml_compose.available()
    if fast:
        direct = yaml_direct.build(text, path, lines)  # None when the file needs the general path below
        if direct is not None:
            return direct
    node = _compose_fast(text, path, diags) if fast else _compose_ruamel(text, path, diags)
    if node is False:
        return None
    if node is None:
        diags.error("E005", "the file is empty: a .ccd file is a mapping of sections", Span(path, 1, 1),
                    hint="start with `ccdsl: 1`")
        return None
    builder = _Builder(path, lines, diags)
    try:
        tree = builder.build(node)
    except RecursionError:
        diags.error("E024", f"values are nested too deeply (more than {MAX_DEPTH} levels)", Span(path, 1, 1))
        return None
    if not isinstance(tree, LDict):
        diags.error("E006", "the top level of a .ccd file must be a mapping of sections", builder.span(node))
        return None
    return tree


def too_large(size: int, path: str, diags: Diagnostics) -> None:
    """E022: the file is larger than :data:`MAX_FILE_BYTES`."""
    diags.error("E022", f"the file is too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.1f} MB)",
                Span(path, 1, 1), hint="split the site into smaller files or remove generated bulk")


def _compose_fast(text: str, path: str, diags: Diagnostics) -> Any:
    """libyaml's events composed with limits; False when a problem was reported."""
    import yaml

    found: list = []
    try:
        node = yaml_compose.compose(text, found)
    except yaml_compose.ComposeProblem as problem:
        mark = problem.mark
        diags.error(problem.code, problem.message, Span(path, mark.line + 1, mark.column + 1), hint=problem.hint)
        return False
    except yaml.MarkedYAMLError as exc:
        if len(text) < REPARSE_BELOW:
            return _compose_ruamel(text, path, diags)  # same outcome, in ruamel's words
        _yaml_error(exc, path, diags, text)
        return False
    except (yaml.YAMLError, ValueError) as exc:
        diags.error("E001", f"YAML syntax error: {exc}", Span(path, 1, 1))
        return False
    for code, message, mark in found:
        diags.warning(code, message, Span(path, mark.line + 1, mark.column + 1))
    return node


def _compose_ruamel(text: str, path: str, diags: Diagnostics) -> Any:
    """ruamel.yaml's pure-Python composer (used without libyaml, and for the wording of syntax errors)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe", pure=True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            node = yaml.compose(text)
        _yaml_warnings(caught, path, diags)
    except MarkedYAMLError as exc:
        _yaml_error(exc, path, diags, text)
        return False
    except (YAMLError, ValueError, RecursionError) as exc:  # errors without a mark
        diags.error("E001", f"YAML syntax error: {exc}", Span(path, 1, 1))
        return False
    return node


def _yaml_warnings(caught: list, path: str, diags: Diagnostics) -> None:
    for warning in caught:
        message = str(warning.message)
        if "duplicate anchor" in message:
            found = re.findall(r"line (\d+), column (\d+)", message)
            line, col = (int(found[-1][0]), int(found[-1][1])) if found else (1, 1)
            name = re.search(r"duplicate anchor '([^']*)'", message)
            diags.warning("W001", f"anchor '&{name.group(1) if name else '?'}' is defined twice; aliases after "
                          "this point refer to this one", Span(path, line, col))


def _yaml_error(exc: Any, path: str, diags: Diagnostics, text: str = "") -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    if "undefined alias" in problem:
        diags.error("E007", f"{problem}: an alias (*name) must follow its anchor (&name)", Span(path, line, col))
        return
    context = (exc.context or "").strip()
    found = explain(problem, context, exc.problem_mark, exc.context_mark, text.split("\n"))
    diags.error(found.code, found.message, Span(path, found.line, found.col), hint=found.hint)


_KIND = {yaml_compose.ScalarNode: "ScalarNode", yaml_compose.SequenceNode: "SequenceNode",
         yaml_compose.MappingNode: "MappingNode"}


_FAST_SCALAR = yaml_compose.ScalarNode
_STR_TAG = YAML_TAG + "str"


class _Builder:
    def __init__(self, path: str, lines: list[str], diags: Diagnostics):
        self.path, self.lines, self.diags = path, lines, diags
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()
        self.spans: dict[int, Span] = {}

    def span(self, node: Any) -> Span:
        fast = type(node) in _KIND
        found = node.ccd_span if fast else self.spans.get(id(node))
        if found is None:
            start, end = node.start_mark, node.end_mark
            found = Span(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)
            if fast:
                node.ccd_span = found
            else:
                self.spans[id(node)] = found
        return found

    def build(self, node: Any) -> Any:
        if type(node) is _FAST_SCALAR and node.tag == _STR_TAG and not node.anchored:
            return self._plain_string(node)  # most values of a site: what _build would do, without its dispatch
        if type(node) in _KIND and not node.anchored:  # written once: nothing refers to it, nothing to share
            return self._build(node)
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            self.diags.error("E009", "an alias refers to a node that contains it (recursive structure)",
                             self.span(node))
            return None
        self.active.add(key)
        try:
            value = self._build(node)
        finally:
            self.active.discard(key)
        self.done[key] = value
        return value

    def _build(self, node: Any) -> Any:
        value: Any
        kind = _KIND.get(type(node)) or type(node).__name__
        if kind != "ScalarNode" and _tag(node) not in (None, "map", "seq", "omap", "set"):
            self.diags.error("E021", f"unsupported YAML tag '{_shown_tag(node)}'", self.span(node))
        if kind == "MappingNode":
            value = self._mapping(node)
        elif kind == "SequenceNode":
            value = LList((), span=self.span(node))
            for item in node.value:
                value.append(self.build(item))
                value.item_spans.append(self.span(item))
        else:
            value = self._scalar(node)
        return value

    def _mapping(self, node: Any) -> LDict:
        out = LDict(span=self.span(node))
        merges = []
        for key_node, value_node in node.value:
            if _tag(key_node) == "merge":
                merges.append((key_node, value_node))
                continue
            if (_KIND.get(type(key_node)) or type(key_node).__name__) != "ScalarNode":
                self.diags.error("E020", "a key must be a plain name, not a mapping or a list", self.span(key_node))
                continue
            key = (self._plain_string(key_node) if type(key_node) is _FAST_SCALAR and key_node.tag == _STR_TAG
                   else self._scalar(key_node))
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                first = out.key_spans[key]
                self.diags.error("E004", f"duplicate key '{key}' (first written at line {first.line})",
                                 self.span(key_node), length=len(key),
                                 hint="keep one of them (merge what both say), or rename one")
                continue
            out[key] = self.build(value_node)
            out.key_spans[key] = self.span(key_node)
            out.value_spans[key] = self.span(value_node)
        for key_node, value_node in merges:
            self._merge(out, key_node, value_node)
        return out

    def _merge(self, out: LDict, key_node: Any, value_node: Any) -> None:
        sources = value_node.value if type(value_node).__name__ == "SequenceNode" else [value_node]
        for source in sources:
            merged = self.build(source)
            if not isinstance(merged, LDict):
                self.diags.error("E008", "`<<` merges only mappings (an alias of a mapping or a list of them)",
                                 self.span(key_node), length=2)
                continue
            for key, value in merged.items():
                if key not in out:  # keys written in the mapping win over merged ones
                    out[key] = value
                    out.key_spans[key] = merged.key_spans.get(key, self.span(key_node))
                    out.value_spans[key] = merged.value_spans.get(key, self.span(value_node))

    def _scalar(self, node: Any) -> Any:
        tag = _tag(node)
        text = node.value
        if tag in ("str", "merge") or tag is None:
            return self._string(node, text)
        try:
            if tag == "int":
                return to_int(text)
            if tag == "float":
                return to_float(text)
            if tag == "bool":
                return text.lower() in ("true", "yes", "on")
            if tag == "null":
                return None
        except ValueError:
            return self._string(node, text)
        if tag.startswith("!") or tag not in ("binary", "timestamp"):
            self.diags.error("E021", f"unsupported YAML tag '{_shown_tag(node)}'", self.span(node))
        return self._string(node, text)

    def _plain_string(self, node: Any) -> LStr:
        """:meth:`_string` of a string scalar composed from libyaml's events (``_FAST_SCALAR``, tag ``str``)."""
        span = node.ccd_span
        if span is None:
            start, end = node.start_mark, node.end_mark
            span = node.ccd_span = Span(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        style = node.style
        if style is None:
            return LStr(node.value, span, shift=0)
        if style in ('"', "'"):
            return LStr(node.value, span, shift=1)
        if style in ("|", ">"):
            return LStr(node.value, span, self._block_origin(node))
        return LStr(node.value, span, shift=0)

    def _string(self, node: Any, text: str) -> LStr:
        span = self.span(node)
        style = node.style if type(node) in _KIND else getattr(node, "style", None)
        if style in ('"', "'"):
            return LStr(text, span, shift=1)
        if style in ("|", ">"):
            return LStr(text, span, self._block_origin(node))
        return LStr(text, span, shift=0)

    def _block_origin(self, node: Any) -> TextOrigin:
        """Content of a block scalar starts on the line after its indicator, at the block's indentation."""
        return block_origin(self.lines, self.path, node.start_mark.line, node.start_mark.column)


_SHORT_TAGS: dict[str, str] = {}


def _tag(node: Any) -> str | None:
    raw = node.tag if type(node.tag) is str else _raw_tag(node)  # libyaml-composed nodes hold plain text
    if not raw:
        return raw
    short = _SHORT_TAGS.get(raw)
    if short is None:
        short = _SHORT_TAGS[raw] = raw[len(YAML_TAG):] if raw.startswith(YAML_TAG) else raw
    return short


def _shown_tag(node: Any) -> str:
    """A tag as it was written (``!!python/object``), not in its expanded URI form."""
    raw = _raw_tag(node) or ""
    return "!!" + raw[len(YAML_TAG):] if raw.startswith(YAML_TAG) else raw


def _raw_tag(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    return getattr(tag, "value", tag)
