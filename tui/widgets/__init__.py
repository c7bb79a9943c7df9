"""The dashboard's widgets. Each takes a :class:`~ccdsl.tui.view.View` on every redraw (``show``)."""
from __future__ import annotations

from typing import Any


class ShowsAgainOnResize:
    """Mixin: what a widget shows depends on its size, so a resize shows the last view again."""

    _last: tuple[Any, ...] | None = None

    def remember(self, *args: Any) -> None:
        self._last = args

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)  # type: ignore[attr-defined]
