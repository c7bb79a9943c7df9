"""The pygls server: document sync, diagnostics on open and on every change, and each feature's handler.

Every handler reads the latest :class:`~ccdsl.lsp.analysis.Analysis` of its document (re-analysed on
open and change, reused while the text is unchanged) and calls a plain feature function.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ccdsl import __version__

from . import actions, completion, formatting, hover, navigation, tokens
from .analysis import Analysis, analyse, to_lsp
from .incremental import ParseCache, SectionCache


class CcdslServer(LanguageServer):
    """A language server that keeps one analysis per open ``.ccd`` document."""

    def __init__(self) -> None:
        super().__init__("ccdsl", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.analyses: dict[str, Analysis] = {}
        self.sections = SectionCache()
        self.parses = ParseCache()

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text (of nothing for a document that is not a ``.ccd`` file,
        so that a client may start the server for every YAML file)."""
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) or uri
        current = analyse(uri, path, document.source if is_ccd(uri) else "", self.analyses.get(uri), self.sections,
                          self.parses)
        self.analyses[uri] = current
        return current

    def answer(self, uri: str, feature: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """``feature(analysis, *args)`` for a ``.ccd`` document, else ``default``."""
        return feature(self.analysis(uri), *args) if is_ccd(uri) else default

    def publish(self, uri: str, version: int | None) -> None:
        diagnostics = to_lsp(self.analysis(uri)) if is_ccd(uri) else []
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))


def is_ccd(uri: str) -> bool:
    return uri.split("?", 1)[0].split("#", 1)[0].lower().endswith(".ccd")


def build_server() -> CcdslServer:
    server = CcdslServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CcdslServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CcdslServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CcdslServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: CcdslServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        return ls.answer(params.text_document.uri, navigation.definition, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: CcdslServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        return ls.answer(params.text_document.uri, navigation.references, params.position,
                         params.context.include_declaration, default=[])

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlight(ls: CcdslServer, params: lsp.DocumentHighlightParams) -> list[lsp.DocumentHighlight]:
        return ls.answer(params.text_document.uri, navigation.highlights, params.position, default=[])

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: CcdslServer, params: lsp.PrepareRenameParams) -> Any:
        return ls.answer(params.text_document.uri, navigation.prepare_rename, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    def rename(ls: CcdslServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
        try:
            return ls.answer(params.text_document.uri, navigation.rename, params.position, params.new_name)
        except navigation.RenameRefused as refused:
            raise JsonRpcInvalidRequest(str(refused)) from None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @server.thread()
    def on_hover(ls: CcdslServer, params: lsp.HoverParams) -> lsp.Hover | None:
        # in a worker thread: the first hover of a version compiles the site (deploy estimates, critical path)
        # and must not hold up diagnostics; it reads the analysis the last change produced, never analyses
        current = ls.analyses.get(params.text_document.uri)
        return hover.hover(current, params.position) if current is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", ".", "{", ">"]))
    def complete(ls: CcdslServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        return ls.answer(params.text_document.uri, completion.complete, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: CcdslServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.answer(params.text_document.uri, actions.code_actions, params.range, params.context.diagnostics,
                         default=[])

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: CcdslServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        return ls.answer(params.text_document.uri, navigation.document_symbols, default=[])

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, tokens.LEGEND)
    def semantic_tokens(ls: CcdslServer, params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
        return ls.answer(params.text_document.uri, tokens.semantic_tokens)

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def format_document(ls: CcdslServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
        return ls.answer(params.text_document.uri, formatting.format_edits, default=[])

    return server


def serve_stdio() -> None:
    """Run the server over stdin/stdout until the client asks it to exit."""
    build_server().start_io()
