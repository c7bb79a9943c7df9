"""``python -m ccdsl.grammar``: write ``tables.pickle``, the parse tables shipped beside the grammars
(:mod:`ccdsl.dsl.compact.prebuilt`), after a grammar or lark changed."""
from ccdsl.dsl.compact.prebuilt import main

main()
