"""The collector pause: the collector is restored as it was, and what the block made is not left in the
youngest generation for the first allocation afterwards to scan."""
from __future__ import annotations

import gc

from ccdsl.dsl.gc_pause import collector_paused


def test_restores_an_enabled_collector_with_the_block_s_objects_in_the_oldest_generation():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        made = [[i] for i in range(50_000)]
        assert gc.get_count()[0] > 50_000  # all of it waits in the youngest generation while paused
    assert gc.isenabled()
    # moved to the oldest generation (a plain gc.enable() would leave them young: the next allocation would
    # scan all 50,000 lists and move them one generation up, to the middle one)
    young = {id(x) for generation in (0, 1) for x in gc.get_objects(generation)}
    assert id(made) not in young and id(made[0]) not in young
    assert any(x is made for x in gc.get_objects(2))
    assert all(gc.is_tracked(x) for x in made[:10])  # still tracked: a later full collection sees them
    assert gc.get_freeze_count() == 0  # nothing left frozen


def test_leaves_a_disabled_collector_disabled_and_nested_pauses_to_the_outermost():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_cyclic_garbage_made_in_the_block_is_still_collected():
    class Cell:
        pass

    with collector_paused():
        a, b = Cell(), Cell()
        a.other, b.other = b, a
        del a, b
    assert gc.collect() >= 2
