"""Screens over the dashboard: confirm, help, resource details and the final summary."""
