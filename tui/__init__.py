"""The Textual app for ``ccdsl apply --tui``. Imported only by the commands that need it."""
