"""The embedded simulated AWS account (the default provider)."""
from ccdsl.runtime.providers.sim.provider import SimProvider  # noqa: F401
