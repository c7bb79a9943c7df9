"""The dashboard's widgets. Each takes a :class:`~ccdsl.tui.view.View` on every redraw."""
