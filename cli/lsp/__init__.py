"""``ccdsl lsp``: a Language Server Protocol server for ``.ccd`` files.

The features are plain functions over an :class:`~ccdsl.lsp.analysis.Analysis` of one document (the
validator's site model, its diagnostics and a symbol index) that return lsprotocol types;
:mod:`ccdsl.lsp.server` wires them into a pygls server speaking over stdio. Nothing here is imported
by ``ccdsl`` outside the ``lsp`` command.
"""
