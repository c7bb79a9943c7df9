"""ccdsl: Amazon Connect contact centres as code."""

__version__ = "0.1.0"
