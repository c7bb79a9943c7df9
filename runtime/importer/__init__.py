"""``ccdsl import --instance``: what a live Amazon Connect instance holds, read through boto3 (read-only)."""
