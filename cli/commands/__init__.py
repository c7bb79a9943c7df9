"""One module per command. Each exposes ``register(subparsers)``; the parser it adds sets ``func``.

Command modules keep heavy imports (boto3, textual, the compiler) inside their run functions, so that
``ccdsl validate`` stays fast.
"""

# Order is the order `ccdsl --help` lists them in.
COMMANDS = [
    "validate",
    "fmt",
    "schema",
    "compile",
    "graph",
    "plan",
    "preflight",
    "apply",
    "destroy",
    "report",
    "sim",
    "lsp",
    "test",
    "state",
    "export",
    "import_",
]
