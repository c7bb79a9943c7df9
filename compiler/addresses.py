"""The address scheme: one function per kind of resource, shared by every part of the compiler.

An address names one resource of the DAG (``queue.GeneralAgentQueue``). Apply-time values are
written as tokens ``${address.attr}`` (:meth:`ccdsl.compiler.resources.Ref.token`), e.g.
``${queue.GeneralAgentQueue.arn}``. Every AWS resource has the outputs ``id`` and ``arn`` (``name``
where AWS names it); the registry (:mod:`ccdsl.compiler.registry`) lists the outputs of each type.

Names from the .ccd file are used verbatim: site names are identifiers, so addresses stay readable
and stable. The user writes the same tokens in strings (``${table.callback.name}``).
"""
from __future__ import annotations

from .resources import Ref

ACCOUNT = "data.account"


def account_addr() -> str:
    """The caller identity lookup: ``${data.account.account}`` is the AWS account id."""
    return ACCOUNT


# --- Connect -----------------------------------------------------------------------------------
INSTANCE = "connect.instance"


def instance_addr() -> str:
    return INSTANCE


def instance_attribute_addr(attribute: str) -> str:
    """``attribute`` is the Connect AttributeType, e.g. ``CONTACT_LENS``."""
    return f"connect.attribute.{attribute}"


def storage_config_addr(resource_type: str) -> str:
    """``resource_type`` is the Connect storage ResourceType, e.g. ``CALL_RECORDINGS``."""
    return f"connect.storage.{resource_type}"


def approved_origin_addr() -> str:
    return "connect.approved_origin"


def hours_addr(name: str) -> str:
    return f"hours.{name}"


def hours_override_addr(hours: str, name: str) -> str:
    return f"hours.{hours}.override.{name}"


def queue_addr(name: str) -> str:
    return f"queue.{name}"


def queue_quick_connects_addr(queue: str) -> str:
    return f"queue.{queue}.quick_connects"


def routing_addr(name: str) -> str:
    return f"routing.{name}"


def agent_addr(name: str) -> str:
    return f"agent.{name}"


def security_profile_addr(name: str) -> str:
    return f"security_profile.{name}"


def number_addr(name: str) -> str:
    return f"number.{name}"


def number_flow_addr(name: str) -> str:
    return f"number.{name}.flow"


def flow_addr(name: str) -> str:
    return f"flow.{name}"


def flow_content_addr(name: str) -> str:
    """The content update that follows the creation of a flow that takes part in a flow cycle."""
    return f"flow.{name}.content"


def prompt_addr(name: str) -> str:
    """An audio prompt of the site's ``prompts:`` (CreatePrompt)."""
    return f"prompt.{name}"


def prompt_object_addr(name: str) -> str:
    """The uploaded audio file of a prompt."""
    return f"prompt.{name}.object"


def quick_connect_addr(name: str) -> str:
    return f"quick_connect.{name}"


def lambda_association_addr(function: str) -> str:
    """``connect.AssociateLambdaFunction`` for a function that flows invoke."""
    return f"connect.lambda.{function}"


# --- Lex V2 --------------------------------------------------------------------------------------
def bot_addr(bot: str) -> str:
    return f"bot.{bot}"


def bot_role_addr(bot: str) -> str:
    return role_addr(f"bot_{bot}")


def bot_locale_addr(bot: str, locale: str) -> str:
    return f"bot.{bot}.locale.{locale}"


def slot_type_addr(bot: str, slot_type: str, locale: str) -> str:
    return f"bot.{bot}.slot_type.{slot_type}.{locale}"


def intent_addr(bot: str, intent: str, locale: str) -> str:
    return f"bot.{bot}.intent.{intent}.{locale}"


def slot_addr(bot: str, intent: str, slot: str, locale: str) -> str:
    return f"bot.{bot}.slot.{intent}.{slot}.{locale}"


def slot_priorities_addr(bot: str, intent: str, locale: str) -> str:
    return f"bot.{bot}.intent.{intent}.{locale}.priorities"


def fallback_addr(bot: str, locale: str) -> str:
    return f"bot.{bot}.fallback.{locale}"


def bot_build_addr(bot: str, locale: str) -> str:
    return f"bot.{bot}.build.{locale}"


def bot_version_addr(bot: str) -> str:
    return f"bot.{bot}.version"


def bot_alias_addr(bot: str) -> str:
    return f"bot.{bot}.alias"


def bot_alias_policy_addr(bot: str) -> str:
    return f"bot.{bot}.alias.policy"


def bot_association_addr(bot: str) -> str:
    return f"bot.{bot}.association"


# --- Lambda, API Gateway -------------------------------------------------------------------------
def function_package_addr(name: str) -> str:
    return f"function.{name}.package"


def function_addr(name: str) -> str:
    return f"function.{name}"


def function_role_addr(name: str) -> str:
    return role_addr(f"function_{name}")


def function_alias_addr(name: str) -> str:
    return f"function.{name}.alias"


def function_reserved_addr(name: str) -> str:
    return f"function.{name}.reserved"


def function_provisioned_addr(name: str) -> str:
    return f"function.{name}.provisioned"


def function_permission_addr(name: str, user: str) -> str:
    """``user`` says who invokes: ``bot.banking``, ``connect``, ``api.auth``."""
    return f"function.{name}.permission.{user}"


def api_addr(name: str) -> str:
    return f"api.{name}"


def api_integration_addr(name: str) -> str:
    return f"api.{name}.integration"


def api_route_addr(name: str, method: str, path: str) -> str:
    clean = path.strip("/").replace("/", "_").replace("{", "").replace("}", "") or "root"
    return f"api.{name}.route.{method.upper()}_{clean}"


def api_stage_addr(name: str) -> str:
    return f"api.{name}.stage"


# --- Storage, security ---------------------------------------------------------------------------
def key_addr(name: str) -> str:
    return f"key.{name}"


def key_alias_addr(name: str) -> str:
    return f"key.{name}.alias"


def key_rotation_addr(name: str) -> str:
    return f"key.{name}.rotation"


def bucket_addr(name: str) -> str:
    return f"bucket.{name}"


def bucket_part_addr(name: str, part: str) -> str:
    """``part``: encryption, public_access_block, versioning, lifecycle, policy."""
    return f"bucket.{name}.{part}"


def log_group_addr(name: str) -> str:
    return f"logs.{name}"


def log_retention_addr(name: str) -> str:
    return f"logs.{name}.retention"


def log_subscription_addr(name: str) -> str:
    return f"logs.{name}.subscription"


def table_addr(name: str) -> str:
    return f"table.{name}"


def table_ttl_addr(name: str) -> str:
    return f"table.{name}.ttl"


def table_recovery_addr(name: str) -> str:
    return f"table.{name}.recovery"


def topic_addr(name: str) -> str:
    return f"topic.{name}"


def topic_subscription_addr(name: str, index: int) -> str:
    return f"topic.{name}.subscription.{index}"


def role_addr(name: str) -> str:
    return f"role.{name}"


def role_policy_addr(name: str) -> str:
    return f"role.{name}.policy"


# --- Pipelines, monitoring, agent site -----------------------------------------------------------
def stream_addr(name: str) -> str:
    return f"stream.{name}"


def stream_encryption_addr(name: str) -> str:
    return f"stream.{name}.encryption"


def api_authorizer_addr(api: str, name: str) -> str:
    return f"api.{api}.authorizer.{name}"


def firehose_addr(pipeline: str) -> str:
    return f"firehose.{pipeline}"


def event_rule_addr(pipeline: str) -> str:
    return f"events.{pipeline}"


def event_target_addr(pipeline: str) -> str:
    return f"events.{pipeline}.target"


def metric_stream_addr(pipeline: str) -> str:
    return f"metric_stream.{pipeline}"


def glue_database_addr() -> str:
    return "glue.database"


def glue_table_addr(name: str) -> str:
    return f"glue.table.{name}"


def alarm_addr(name: str) -> str:
    return f"alarm.{name}"


def monitoring_topic_addr() -> str:
    """The topic alarms notify when ``monitoring.notify`` is an e-mail address, not a declared topic."""
    return "monitoring.topic"


def monitoring_subscription_addr() -> str:
    return "monitoring.topic.subscription"


def alarm_email_topic_addr(address: str) -> str:
    """The topic made for an e-mail address one alarm's ``notify`` names (not ``monitoring.notify``)."""
    return "monitoring.email." + "".join(c if c.isalnum() else "_" for c in address.lower())


def alarm_email_subscription_addr(address: str) -> str:
    return alarm_email_topic_addr(address) + ".subscription"


def dashboard_addr() -> str:
    return "dashboard.main"


def trail_addr() -> str:
    return "trail.main"


def waf_addr() -> str:
    return "site.waf"


def site_object_addr(key: str) -> str:
    return f"site.object.{key}"


def oac_addr() -> str:
    return "site.oac"


def distribution_addr() -> str:
    return "site.distribution"


# --- Tokens --------------------------------------------------------------------------------------
def ref(address: str, attr: str = "id") -> Ref:
    return Ref(address, attr)


def token(address: str, attr: str = "id") -> str:
    """``${address.attr}``: how compile output writes a value known only at apply time."""
    return Ref(address, attr).token


def split_token_body(body: str) -> tuple[str, str]:
    """``queue.GeneralAgentQueue.arn`` → (``queue.GeneralAgentQueue``, ``arn``): the attr is the last part."""
    address, _, attr = body.rpartition(".")
    return address, attr


HIERARCHY_STRUCTURE = "connect.hierarchy"


def hierarchy_group_addr(name: str) -> str:
    return f"hierarchy.{name}"


def agent_status_addr(name: str) -> str:
    return f"agent_status.{name}"


def attribute_addr(name: str) -> str:
    return f"attribute.{name}"


def proficiencies_addr(agent: str) -> str:
    return f"agent.{agent}.proficiencies"


def task_template_addr(name: str) -> str:
    """A task template of the site's ``task_templates:`` (CreateTaskTemplate)."""
    return f"task_template.{name}"


def view_addr(name: str) -> str:
    """A view of the site's ``views:`` (CreateView)."""
    return f"view.{name}"
