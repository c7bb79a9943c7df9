"""One module per command. Each exposes ``register(subparsers)``; the parser it adds sets ``func``.

Command modules keep heavy imports (boto3, textual, the compiler) inside their run functions, so that
``ccdsl validate`` stays fast.
"""

# Order is the order `ccdsl --help` lists them in. A command named like a Python keyword lives in NAME_.py.
COMMANDS = [
    "validate",
    "lint",
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
    "import",
]


def module_name(command: str) -> str:
    """The module a command lives in (``import`` is ``import_.py``)."""
    import keyword

    return f"ccdsl.commands.{command}_" if keyword.iskeyword(command) else f"ccdsl.commands.{command}"
