"""Offline conversation tests: a Connect flow interpreter over the compiled flow JSON, offline Lex bots,
functions run from their source, test files with positions, transition coverage and exports.

``ccdsl test`` (``cli/commands/test.py``) drives it; nothing here prints.
"""
