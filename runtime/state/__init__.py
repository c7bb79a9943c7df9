"""Recorded state of a site: resources, runs and their events, and the lock that keeps applies apart."""
from ccdsl.runtime.state.base import LockHolder, ResourceRecord, StateBackend, StateError, StateLocked, open_state  # noqa: F401
