"""What the simulated account holds, for tests that check it (imported by name: no conftest imports)."""
from collections import Counter
from pathlib import Path


def account_entries(state_path):
    from ccdsl.runtime.providers.sim.account import Account

    account = Account(Path(state_path).parent / "sim.db")
    try:
        return account.all()
    finally:
        account.close()


def assert_no_duplicates(state_path):
    entries = account_entries(state_path)
    by_owner = Counter((e.type, e.owner) for e in entries)
    assert not [k for k, n in by_owner.items() if n > 1]
    by_name = Counter((e.type, e.scope, e.name) for e in entries)
    assert not [k for k, n in by_name.items() if n > 1]
    return entries
