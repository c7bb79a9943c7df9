"""A language-server session for the tests: ``ccdsl lsp`` started over stdio and driven with pygls's client."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "examples" / "acme-bank" / "site.ccd"
TIMEOUT = 20


class Session:
    """One server process; each call runs the client's coroutine to completion on the session's loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("ccdsl-tests", "1")
        self.diagnostics: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        self.published = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: lsp.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = (params.version, list(params.diagnostics))
            self.published.set()

        self.run(self.client.start_io(sys.executable, "-m", "ccdsl", "lsp"))
        self.capabilities = self.run(self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
                rename=lsp.RenameClientCapabilities(prepare_support=True))),
            root_uri=ROOT.as_uri()))).capabilities
        self.client.initialized(lsp.InitializedParams())

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coro, TIMEOUT))

    def open(self, path: Path, text: str | None = None) -> str:
        """Open a document and wait for its diagnostics; returns its uri."""
        uri = path.resolve().as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="ccdsl", version=1, text=text)))
        self.wait_diagnostics(uri, 1)
        return uri

    def change(self, uri: str, text: str) -> list[lsp.Diagnostic]:
        """Replace the whole text; returns the diagnostics published for the new version."""
        self.versions[uri] += 1
        version = self.versions[uri]
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.wait_diagnostics(uri, version)

    def wait_diagnostics(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        async def wait() -> None:
            while self.diagnostics.get(uri, (None,))[0] != version:
                self.published.clear()
                await self.published.wait()

        self.run(wait())
        return self.diagnostics[uri][1]

    def close(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.close()


def at(lines: list[str], needle: str, occurrence: int = 1, offset: int = 0) -> lsp.Position:
    """The position of the ``occurrence``-th ``needle`` in the text (plus ``offset`` characters)."""
    seen = 0
    for number, line in enumerate(lines):
        start = 0
        while (col := line.find(needle, start)) >= 0:
            seen += 1
            if seen == occurrence:
                return lsp.Position(line=number, character=col + offset)
            start = col + 1
    raise AssertionError(f"{needle!r} not found {occurrence} times")


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """The text with an editor's text edits applied (positions counted in the original text)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def offset(p: lsp.Position) -> int:
        return min(starts[min(p.line, len(starts) - 1)] + p.character, len(text))

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text
