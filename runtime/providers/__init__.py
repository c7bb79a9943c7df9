"""Providers: ``sim`` (embedded simulated account) and ``aws`` (boto3). One interface, per resource type."""
