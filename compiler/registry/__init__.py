"""The resource-type registry: everything ccdsl knows about each AWS resource type, in one place."""
