"""Compact syntaxes inside .ccd string values, parsed with lark (grammars in ``ccdsl.grammar``).

Each syntax ``X`` has ``parse_X(text, origin, diags) -> AST | None`` (None plus diagnostics on error;
never raises) and ``X_to_text(ast) -> str`` printing canonical text that parses back to the same tree.
"""
