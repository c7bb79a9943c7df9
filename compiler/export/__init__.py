"""Exports of a compiled site to other deployment engines (CloudFormation)."""
