"""The runtime: state, plan, and the executor that applies a compiled graph through a provider.

The runtime never prints. It emits typed events (:mod:`ccdsl.runtime.events`) to sinks.
"""
