"""10k resources' events: the hand-off buffer stays bounded and the screen redraws per batch, not per event."""
import synthetic
from tui_helpers import run_async, settle

from ccdsl.tui.app import DeployApp
from ccdsl.tui.buffer import EventBuffer
from ccdsl.tui.sources import ReplaySource

CAPACITY = 1024


@run_async
async def test_ten_thousand_resources_bounded_buffer_and_redraws():
    events = synthetic.script(synthetic.generate(10_000, seed=1), seed=1, progress=False)
    source = ReplaySource(events)
    app = DeployApp(source, capacity=CAPACITY, auto_summary=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.source_done.is_set() and app.model.events == len(events), limit=5000)
        app.tick(force=True)
        await pilot.pause()
    assert len(events) >= 30_000  # queued, started, done per resource
    assert app.model.counts["done"] == 10_000 and app.model.finished is not None
    assert app.buffer.high_water <= CAPACITY
    assert app.buffer.total == len(events)  # every event arrived through the buffer, none dropped
    assert app.redraws <= app.ticks  # at most one redraw per timer tick
    assert app.redraws * 20 < len(events)  # so nowhere near one per event


def test_buffer_makes_the_producer_wait_when_full_and_close_releases_it():
    import threading

    buf = EventBuffer(capacity=3)
    for i in range(3):
        buf.put(i)
    done = threading.Event()

    def produce():
        buf.put(3)  # blocks: the buffer is full
        done.set()

    t = threading.Thread(target=produce)
    t.start()
    assert not done.wait(0.05) and len(buf) == 3
    assert buf.drain() == [0, 1, 2]
    t.join(5)
    assert done.is_set() and buf.drain() == [3]
    for i in range(3):
        buf.put(i)
    t = threading.Thread(target=buf.put, args=("late",))
    t.start()
    buf.close()
    t.join(5)
    assert not t.is_alive() and buf.dropped == 1 and buf.high_water == 3
