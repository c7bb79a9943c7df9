"""lark grammars of the compact syntaxes inside .ccd string values (package data: ``*.lark``)."""
