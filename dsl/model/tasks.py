"""Task templates (the fields of a task, their defaults and constraints, the flow it starts) and views
(custom step-by-step guide pages a flow shows with ``show view``)."""
from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from .base import Name, Node

#: a task field's type, as written in a .ccd file (CreateTaskTemplate TaskTemplateFieldType, lower case)
TaskFieldType = Literal["name", "description", "scheduled_time", "quick_connect", "url", "number", "text",
                        "text_area", "date_time", "boolean", "single_select", "email", "self_assign",
                        "expiry_duration"]


class TaskField(Node):
    """A field of a task template: its type and how agents see it."""

    type: TaskFieldType = "text"
    """what the field holds (`single_select` takes `options`)"""
    description: str | None = Field(None, min_length=1, max_length=255)
    options: list[str] = Field(default_factory=list)
    """the choices of a `single_select` field"""
    default: str | None = Field(None, max_length=4096)
    """the value the field starts with"""
    required: bool = False
    """the agent must fill it in"""
    read_only: bool = False
    """shown but not editable"""
    hidden: bool = False
    """not shown to agents (an invisible field, e.g. one a flow reads)"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "description": "the field's type"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, str):
            return {"type": value}
        return super().shorthand(value)


class TaskTemplate(Node):
    """A task template: the form agents (and `create task` in flows) fill in to make a task."""

    description: str | None = Field(None, min_length=1, max_length=255)
    flow: Name | None = None
    """contact flow (from `flows`) a task made from the template runs"""
    self_assign_flow: Name | None = None
    """contact flow (from `flows`) that runs when an agent assigns the task to themselves"""
    active: bool = True
    """offered to agents (false: kept, but inactive)"""
    fields: dict[str, TaskField] = Field(min_length=1)
    """field name -> its type, or {type, options, default, required, read_only, hidden}"""


class View(Node):
    """A view: a page of a step-by-step guide (a template of view components and the actions it returns),
    shown in the agent workspace by `show view NAME`."""

    template: dict[str, Any] = Field(min_length=1)
    """the view's template: its components as Connect's view JSON (e.g. {Head: …, Body: …}), written as YAML"""
    actions: list[str] = Field(min_length=1, max_length=1000)
    """the actions the view returns, each a result `show view` can branch on (e.g. [Submit, Cancel])"""
    description: str | None = Field(None, min_length=1, max_length=4096)
