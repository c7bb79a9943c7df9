"""The whole site: the top-level sections of a .ccd file."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator

from .base import Node
from .bots import Bot
from .compute import Api, Function
from .connect import (
    Agent,
    AgentStatus,
    Attribute,
    AudioPrompt,
    Flow,
    Hierarchy,
    Hours,
    Instance,
    PhoneNumber,
    Queue,
    QuickConnect,
    Routing,
    SecurityProfile,
)
from .data import Bucket, Key, Lake, LogGroup, Pipeline, Table, Topic
from .ops import AgentSite, Monitoring
from .patterns import REGION, SITE
from .targets import Rollout, Target
from .tasks import TaskTemplate, View

#: canonical order of the top-level sections (``ccdsl fmt`` writes them in this order)
SECTION_ORDER = (
    "ccdsl", "site", "region", "tags", "instance", "keys", "buckets", "logs", "tables", "topics",
    "functions", "apis", "bots", "hours", "queues", "routing", "security_profiles", "hierarchy", "agent_statuses",
    "attributes", "agents", "numbers", "quick_connects",
    "prompts", "views", "flows", "task_templates", "lake", "pipelines", "monitoring", "agent_site", "targets",
    "rollout",
)

#: named sections (``{name: entry}``) -> the kind used in addresses and ``${kind.name.attr}`` references
NAMED_SECTIONS = {
    "keys": "key", "buckets": "bucket", "logs": "log", "tables": "table", "topics": "topic",
    "functions": "function", "apis": "api", "bots": "bot", "hours": "hours", "queues": "queue",
    "routing": "routing", "security_profiles": "security_profile", "agent_statuses": "agent_status",
    "attributes": "attribute", "agents": "agent", "numbers": "number", "quick_connects": "quick_connect",
    "prompts": "prompt", "views": "view", "flows": "flow", "task_templates": "task_template",
    "pipelines": "pipeline",
}


class Site(Node):
    """A contact-centre site: everything one .ccd file declares."""

    ccdsl: Literal[1]
    """language version"""
    site: str = Field(pattern=SITE)
    """site name: lower-case letters, digits and dashes; prefixes AWS resource names"""
    region: str = Field(pattern=REGION)
    tags: dict[str, str] = Field(default_factory=dict, json_schema_extra={
        "additionalProperties": {"type": ["string", "number", "boolean"]}})
    """tags on every AWS resource of the site"""
    instance: Instance
    keys: dict[str, Key] = Field(default_factory=dict)
    buckets: dict[str, Bucket] = Field(default_factory=dict)
    logs: dict[str, LogGroup] = Field(default_factory=dict)
    tables: dict[str, Table] = Field(default_factory=dict)
    topics: dict[str, Topic] = Field(default_factory=dict)
    functions: dict[str, Function] = Field(default_factory=dict)
    apis: dict[str, Api] = Field(default_factory=dict)
    bots: dict[str, Bot] = Field(default_factory=dict)
    hours: dict[str, Hours] = Field(default_factory=dict)
    queues: dict[str, Queue] = Field(default_factory=dict)
    routing: dict[str, Routing] = Field(default_factory=dict)
    security_profiles: dict[str, SecurityProfile] = Field(default_factory=dict)
    """custom security profiles (the built-in Admin, Agent, CallCenterManager and QualityAnalyst need none)"""
    hierarchy: Hierarchy | None = None
    """the agent hierarchy: level names and groups"""
    agent_statuses: dict[str, AgentStatus] = Field(default_factory=dict)
    """custom agent statuses (Available and Offline are built in)"""
    attributes: dict[str, Attribute] = Field(default_factory=dict)
    """predefined attributes: name -> values, for agents' proficiencies"""
    agents: dict[str, Agent] = Field(default_factory=dict)
    numbers: dict[str, PhoneNumber] = Field(default_factory=dict)
    quick_connects: dict[str, QuickConnect] = Field(default_factory=dict)
    prompts: dict[str, AudioPrompt] = Field(default_factory=dict)
    """audio prompts flows play (`play NAME`)"""
    views: dict[str, View] = Field(default_factory=dict)
    """custom views (step-by-step guide pages) flows show with `show view NAME`"""
    flows: dict[str, Flow] = Field(default_factory=dict)
    task_templates: dict[str, TaskTemplate] = Field(default_factory=dict)
    """task templates: the fields of the tasks agents and flows create"""
    lake: Lake | None = None
    pipelines: dict[str, Pipeline] = Field(default_factory=dict)
    monitoring: Monitoring | None = None
    agent_site: AgentSite | None = None
    targets: dict[str, Target] = Field(default_factory=dict)
    """accounts and regions this site is deployed to (`ccdsl export cloudformation --stackset`)"""
    rollout: Rollout | None = None
    """concurrency and failure tolerance of a rollout over the targets"""

    @field_validator("tags", mode="before")
    @classmethod
    def _tag_values(cls, value: object) -> object:
        """Tag values are text; numbers and booleans written bare (``cost-centre: 4410``) are read as text."""
        if isinstance(value, dict):
            return {k: str(v).lower() if isinstance(v, bool) else str(v) if isinstance(v, (int, float)) else v
                    for k, v in value.items()}
        return value

    #: the file the site was loaded from (paths in the site are relative to its folder)
    path: str | None = None

    def entries(self) -> Iterator[tuple[str, str, Node]]:
        """Every entry of every named section as ``(section, name, node)``, in canonical order."""
        for section in NAMED_SECTIONS:
            for name, node in getattr(self, section).items():
                yield section, name, node

    def names(self, section: str) -> set[str]:
        return set(getattr(self, section))
