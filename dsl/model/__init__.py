"""The typed model of a .ccd site (pydantic v2).

Entry point: :class:`Site`. Named sections are ``dict[str, Node]`` (``site.queues["Q"].hours``); every
node has ``name`` (its key in the file) and ``span`` (where that key is). References are
:class:`Name` (a ``str`` with a ``span``); compact-syntax strings are :class:`Compact` nodes with
``text``, ``origin`` and the parsed ``ast``. ``Site.entries()`` iterates all named entries;
``Node.walk()`` every node below one.
"""
from .base import Compact, Name, Node
from .bots import Bot, BotText, Intent, IntentText, LocaleVoice, Slot, SlotType
from .compact_types import (
                            Access,
                            AlarmCondition,
                            CompositeRule,
                            Duration,
                            FlowCode,
                            HoursSpec,
                            Lifecycle,
                            Metric,
                            PipelineChain,
                            Prompt,
                            Rate,
                            Route,
                            Secret,
                            Text,
                            Utterance,
)
from .compute import Api, Cors, Function, Vpc
from .connect import (
                            Agent,
                            AgentPhone,
                            AgentStatus,
                            Attribute,
                            AudioPrompt,
                            Channels,
                            Flow,
                            Hierarchy,
                            HierarchyGroup,
                            Hours,
                            HoursOverride,
                            Instance,
                            PhoneNumber,
                            Queue,
                            QuickConnect,
                            Routing,
                            RoutingQueue,
                            RoutingQueues,
                            SecurityProfile,
                            Selection,
                            Storage,
                            StorageTarget,
)
from .data import Bucket, Key, KeyAttribute, Lake, LakeTable, LogGroup, Pipeline, Table, Topic
from .ops import AgentSite, Alarm, CompositeAlarm, Monitoring, Trail, Waf
from .schema_cache import complete_models
from .site import NAMED_SECTIONS, SECTION_ORDER, Site
from .tasks import TaskField, TaskTemplate, View

complete_models(Node)  # every class's validator, from the stored schemas when they are current

__all__ = [name for name in dir() if not name.startswith("_")]
