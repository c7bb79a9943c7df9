"""Diagnostics latency of ``ccdsl lsp`` on acme-bank (target: median under 100 ms).

Usage: python bench/lsp.py [--edits N] [FILE]. Starts the server over stdio, opens the file and makes
N edits as an editor sends them (incremental changes: typing into a queue name inside a flow body and
back, changing a capacity, adding and removing a flow statement), timing each from the moment the change
is sent to the moment the diagnostics of that version arrive. Prints a summary; the last line is a JSON
object of the figures.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]


def edits(lines: list[str], count: int) -> list[tuple[int, int, int, str]]:
    """(line, start, end, new text) of each edit; every pair of edits restores the text."""
    queue = next(i for i, line in enumerate(lines) if line.strip() == "queue AccountQueue")
    capacity = next(i for i, line in enumerate(lines) if "max_contacts: 50" in line)
    say = next(i for i, line in enumerate(lines) if line.strip().startswith("say \"Welcome"))
    q_col = lines[queue].index("AccountQueue") + len("Account")
    c_col = lines[capacity].index("50")
    s_col = lines[say].index("say")
    cycle = [
        (queue, q_col, q_col, "x"), (queue, q_col, q_col + 1, ""),  # a typo appears and goes
        (capacity, c_col, c_col + 2, "75"), (capacity, c_col, c_col + 2, "50"),
        (say, s_col, s_col, "say \"Hello\"\n" + " " * s_col), (say, s_col, s_col + len("say \"Hello\"\n") + s_col, ""),
    ]
    return [cycle[i % len(cycle)] for i in range(count)]


async def measure(path: Path, count: int) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.version or 0] = time.perf_counter()
        event.set()

    async def wait(version: int) -> float:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 30)
        return arrived[version]

    await client.start_io(sys.executable, "-m", "ccdsl", "lsp")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
    client.initialized(lsp.InitializedParams())
    uri, text = path.resolve().as_uri(), path.read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="ccdsl", version=1, text=text)))
    await wait(1)
    times = []
    for version, (line, start, end, new) in enumerate(edits(text.split("\n"), count), start=2):
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=line, character=start), end=lsp.Position(line=line, character=end)),
            text=new)
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        times.append(await wait(version) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "acme-bank" / "site.ccd"))
    args = parser.parse_args()
    times = asyncio.run(measure(Path(args.file), args.edits))
    ms = sorted(t * 1000 for t in times)
    median = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"diagnostics after an edit: median {median:.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms "
          f"over {len(ms)} edits (target: median < 100 ms)")
    print(json.dumps({"median_ms": round(median, 1), "p95_ms": round(p95, 1), "max_ms": round(ms[-1], 1),
                      "edits": len(ms)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
