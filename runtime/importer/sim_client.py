"""A read-only Connect, Lex V2, IAM, CloudWatch Logs and KMS client over the simulated account, for ``ccdsl import
--instance ID --provider sim``.

The simulator keeps each resource as the create request it was made with and the identifiers it was given; this
client answers the List and Describe calls the importer makes with the responses those requests imply, in the
shapes of the Amazon Connect, Lex V2, CloudWatch Logs and KMS API references, so importing a simulated instance
exercises the same code as importing a live one. An unknown instance is a ``ResourceNotFoundException``, as at AWS.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from ccdsl.runtime.providers.sim.account import Account, Entry

from .site_read import DEFAULT_SECURITY_PROFILES

_LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")


class SimCallError(Exception):
    """An error response, shaped as botocore's ``ClientError.response``."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.response = {"Error": {"Code": code, "Message": message}}


class SimConnect:
    def __init__(self, account: Account):
        self.account = account

    # --- helpers ---------------------------------------------------------------------------------
    def _of(self, type_: str, instance: str) -> list[Entry]:
        return [e for e in self.account.all() if e.type == type_ and e.status == "ACTIVE"
                and e.inputs.get("InstanceId") == instance]

    def _one(self, type_: str, instance: str, id_: str) -> Entry:
        entry = self.account.get(type_, id_)
        if entry is None or entry.inputs.get("InstanceId") != instance:
            raise SimCallError("ResourceNotFoundException", f"{type_} {id_} not found in instance {instance}")
        return entry

    def _instance(self, instance: str) -> Entry:
        entry = self.account.get("aws_connect_instance", instance)
        if entry is None or entry.status != "ACTIVE":
            raise SimCallError("ResourceNotFoundException", f"instance {instance} not found")
        return entry

    @staticmethod
    def _summary(e: Entry, name_key: str = "Name") -> dict[str, Any]:
        return {"Id": e.id, "Arn": e.arn, "Name": e.inputs.get(name_key, e.name)}

    # --- Connect ---------------------------------------------------------------------------------
    def describe_instance(self, InstanceId: str) -> dict:
        e = self._instance(InstanceId)
        return {"Instance": {"Id": e.id, "Arn": e.arn, "InstanceAlias": e.inputs.get("InstanceAlias"),
                             "IdentityManagementType": e.inputs.get("IdentityManagementType"),
                             "InboundCallsEnabled": e.inputs.get("InboundCallsEnabled", True),
                             "OutboundCallsEnabled": e.inputs.get("OutboundCallsEnabled", True),
                             "InstanceStatus": "ACTIVE", "Tags": dict(e.inputs.get("Tags") or {})}}

    def list_instance_attributes(self, InstanceId: str) -> dict:
        e = self._instance(InstanceId)
        rows: list[dict[str, Any]] = [
                {"AttributeType": "INBOUND_CALLS", "Value": str(e.inputs.get("InboundCallsEnabled", True)).lower()},
                {"AttributeType": "OUTBOUND_CALLS", "Value": str(e.inputs.get("OutboundCallsEnabled", True)).lower()}]
        rows += [{"AttributeType": a.inputs.get("AttributeType"), "Value": a.inputs.get("Value")}
                 for a in self._of("connect_instance_attribute", InstanceId)]
        return {"Attributes": rows}

    def list_hours_of_operations(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"HoursOfOperationSummaryList": [self._summary(e) for e in
                                                self._of("aws_connect_hours_of_operation", InstanceId)]}

    def describe_hours_of_operation(self, InstanceId: str, HoursOfOperationId: str) -> dict:
        e = self._one("aws_connect_hours_of_operation", InstanceId, HoursOfOperationId)
        keep = ("Name", "Description", "TimeZone", "Config", "Tags")
        return {"HoursOfOperation": {"HoursOfOperationId": e.id, "HoursOfOperationArn": e.arn,
                                     **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_hours_of_operation_overrides(self, InstanceId: str, HoursOfOperationId: str) -> dict:
        hours = self._one("aws_connect_hours_of_operation", InstanceId, HoursOfOperationId)
        keep = ("Name", "Description", "Config", "EffectiveFrom", "EffectiveTill", "OverrideType")
        return {"HoursOfOperationOverrideList": [
            {"HoursOfOperationOverrideId": e.id, "HoursOfOperationId": hours.id, "HoursOfOperationArn": hours.arn,
             **{k: e.inputs[k] for k in keep if k in e.inputs}}
            for e in self._of("aws_connect_hours_of_operation_override", InstanceId)
            if e.inputs.get("HoursOfOperationId") == hours.id]}

    def list_queues(self, InstanceId: str, QueueTypes: list[str] | None = None) -> dict:
        self._instance(InstanceId)
        return {"QueueSummaryList": [{**self._summary(e), "QueueType": "STANDARD"}
                                     for e in self._of("aws_connect_queue", InstanceId)]}

    def describe_queue(self, InstanceId: str, QueueId: str) -> dict:
        e = self._one("aws_connect_queue", InstanceId, QueueId)
        keep = ("Name", "Description", "OutboundCallerConfig", "HoursOfOperationId", "MaxContacts", "Tags")
        return {"Queue": {"QueueId": e.id, "QueueArn": e.arn, "Status": "ENABLED",
                          **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_queue_quick_connects(self, InstanceId: str, QueueId: str) -> dict:
        self._one("aws_connect_queue", InstanceId, QueueId)
        ids = [i for e in self._of("connect_queue_quick_connects", InstanceId) if e.inputs.get("QueueId") == QueueId
               for i in e.inputs.get("QuickConnectIds") or []]
        found = [self.account.get("aws_connect_quick_connect", i) for i in ids]
        return {"QuickConnectSummaryList": [self._summary(e) for e in found if e is not None]}

    def list_routing_profiles(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"RoutingProfileSummaryList": [self._summary(e) for e in
                                              self._of("aws_connect_routing_profile", InstanceId)]}

    def describe_routing_profile(self, InstanceId: str, RoutingProfileId: str) -> dict:
        e = self._one("aws_connect_routing_profile", InstanceId, RoutingProfileId)
        keep = ("Name", "Description", "MediaConcurrencies", "DefaultOutboundQueueId", "Tags")
        return {"RoutingProfile": {"InstanceId": InstanceId, "RoutingProfileId": e.id, "RoutingProfileArn": e.arn,
                                   **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_routing_profile_queues(self, InstanceId: str, RoutingProfileId: str) -> dict:
        e = self._one("aws_connect_routing_profile", InstanceId, RoutingProfileId)
        rows = []
        for cfg in e.inputs.get("QueueConfigs") or []:
            ref = cfg.get("QueueReference") or {}
            queue = self.account.get("aws_connect_queue", str(ref.get("QueueId")))
            rows.append({"QueueId": ref.get("QueueId"), "QueueArn": queue.arn if queue else "",
                         "QueueName": queue.inputs.get("Name") if queue else "", "Channel": ref.get("Channel"),
                         "Priority": cfg.get("Priority"), "Delay": cfg.get("Delay")})
        return {"RoutingProfileQueueConfigSummaryList": rows}

    def _default_profile(self, instance: Entry, name: str) -> dict[str, Any]:
        # the ids the simulator gives the built-in profiles when a site looks them up
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{instance.id}/{name}"))
        return {"Id": sid, "Arn": f"{instance.arn}/security-profile/{sid}", "Name": name}

    def list_security_profiles(self, InstanceId: str) -> dict:
        instance = self._instance(InstanceId)
        rows = [self._default_profile(instance, n) for n in sorted(DEFAULT_SECURITY_PROFILES)]
        rows += [self._summary(e, "SecurityProfileName")
                 for e in self._of("connect_custom_security_profile", InstanceId)]
        return {"SecurityProfileSummaryList": rows}

    def describe_security_profile(self, InstanceId: str, SecurityProfileId: str) -> dict:
        e = self._one("connect_custom_security_profile", InstanceId, SecurityProfileId)
        keep = ("SecurityProfileName", "Description", "AllowedAccessControlTags", "Tags")
        return {"SecurityProfile": {"Id": e.id, "Arn": e.arn, **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_security_profile_permissions(self, InstanceId: str, SecurityProfileId: str) -> dict:
        e = self._one("connect_custom_security_profile", InstanceId, SecurityProfileId)
        return {"Permissions": list(e.inputs.get("Permissions") or [])}

    def list_users(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"UserSummaryList": [{"Id": e.id, "Arn": e.arn, "Username": e.inputs.get("Username")}
                                    for e in self._of("aws_connect_user", InstanceId)]}

    def describe_user(self, InstanceId: str, UserId: str) -> dict:
        e = self._one("aws_connect_user", InstanceId, UserId)
        keep = ("Username", "IdentityInfo", "PhoneConfig", "SecurityProfileIds", "RoutingProfileId",
                "HierarchyGroupId", "Tags")  # never the password: Connect does not return it
        return {"User": {"Id": e.id, "Arn": e.arn, **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_user_hierarchy_groups(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"UserHierarchyGroupSummaryList": [self._summary(e) for e in
                                                  self._of("aws_connect_user_hierarchy_group", InstanceId)]}

    def describe_user_hierarchy_group(self, InstanceId: str, HierarchyGroupId: str) -> dict:
        e = self._one("aws_connect_user_hierarchy_group", InstanceId, HierarchyGroupId)
        path = [e]
        while (parent := path[0].inputs.get("ParentGroupId")) and len(path) < len(_LEVELS):
            found = self.account.get("aws_connect_user_hierarchy_group", str(parent))
            if found is None:
                break
            path.insert(0, found)
        return {"HierarchyGroup": {
            "Id": e.id, "Arn": e.arn, "Name": e.inputs.get("Name", e.name), "LevelId": str(len(path)),
            "HierarchyPath": {_LEVELS[i]: self._summary(g) for i, g in enumerate(path)},
            "Tags": dict(e.inputs.get("Tags") or {})}}

    def describe_user_hierarchy_structure(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        levels: dict[str, Any] = {}
        for e in self._of("connect_user_hierarchy_structure", InstanceId):
            for n, (key, level) in enumerate((e.inputs.get("HierarchyStructure") or {}).items(), 1):
                levels[key] = {"Id": str(n), "Arn": f"{self._instance(InstanceId).arn}/agent-group-level/{n}",
                               "Name": level.get("Name")}
        return {"HierarchyStructure": levels}

    def list_flow_associations(self, InstanceId: str, ResourceType: str = "VOICE_PHONE_NUMBER") -> dict:
        self._instance(InstanceId)
        rows = []
        for e in self._of("connect_phone_number_flow_association", InstanceId):
            number = self.account.get("aws_connect_phone_number", str(e.inputs.get("PhoneNumberId")))
            rows.append({"ResourceId": number.arn if number else e.inputs.get("PhoneNumberId"),
                         "FlowId": e.inputs.get("ContactFlowId"), "ResourceType": "VOICE_PHONE_NUMBER"})
        return {"FlowAssociationSummaryList": rows}

    def list_phone_numbers_v2(self, TargetArn: str) -> dict:
        rows = []
        for e in self.account.all():
            if e.type != "aws_connect_phone_number" or e.status != "ACTIVE" or e.inputs.get("TargetArn") != TargetArn:
                continue
            rows.append({"PhoneNumberId": e.id, "PhoneNumberArn": e.arn, "PhoneNumber": e.outputs.get("number"),
                         "PhoneNumberCountryCode": e.inputs.get("PhoneNumberCountryCode"),
                         "PhoneNumberType": e.inputs.get("PhoneNumberType"), "TargetArn": TargetArn,
                         "PhoneNumberDescription": e.inputs.get("PhoneNumberDescription")})
        return {"ListPhoneNumbersSummaryList": rows}

    def list_quick_connects(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"QuickConnectSummaryList": [{**self._summary(e), "QuickConnectType": (
            e.inputs.get("QuickConnectConfig") or {}).get("QuickConnectType")}
            for e in self._of("aws_connect_quick_connect", InstanceId)]}

    def describe_quick_connect(self, InstanceId: str, QuickConnectId: str) -> dict:
        e = self._one("aws_connect_quick_connect", InstanceId, QuickConnectId)
        keep = ("Name", "Description", "QuickConnectConfig", "Tags")
        return {"QuickConnect": {"QuickConnectId": e.id, "QuickConnectARN": e.arn,
                                 **{k: e.inputs[k] for k in keep if k in e.inputs}}}

    def list_prompts(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"PromptSummaryList": [self._summary(e) for e in self._of("aws_connect_prompt", InstanceId)]}

    def list_lambda_functions(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"LambdaFunctions": sorted(str(e.inputs.get("FunctionArn")) for e in
                                          self._of("connect_lambda_association", InstanceId))}

    def list_contact_flows(self, InstanceId: str) -> dict:
        self._instance(InstanceId)
        return {"ContactFlowSummaryList": [{**self._summary(e), "ContactFlowType": e.inputs.get("Type"),
                                            "ContactFlowState": "ACTIVE"}
                                           for e in self._of("aws_connect_contact_flow", InstanceId)]}

    def list_contact_flow_modules(self, InstanceId: str, ContactFlowModuleState: str = "ACTIVE") -> dict:
        self._instance(InstanceId)
        return {"ContactFlowModulesSummaryList": [{**self._summary(e), "State": "ACTIVE"}
                                                  for e in self._of("aws_connect_contact_flow_module", InstanceId)]}

    def _content(self, e: Entry, instance: str) -> str:
        """A flow is created with a placeholder and its content set by a later update: the latest content."""
        for step in self._of("connect_contact_flow_content", instance):
            if step.inputs.get("ContactFlowId") == e.id:
                return str(step.inputs.get("Content"))
        return str(e.inputs.get("Content"))

    def describe_contact_flow(self, InstanceId: str, ContactFlowId: str) -> dict:
        e = self._one("aws_connect_contact_flow", InstanceId, ContactFlowId)
        return {"ContactFlow": {"Arn": e.arn, "Id": e.id, "Name": e.inputs.get("Name"), "Type": e.inputs.get("Type"),
                                "State": "ACTIVE", "Description": e.inputs.get("Description"),
                                "Content": self._content(e, InstanceId)}}

    def describe_contact_flow_module(self, InstanceId: str, ContactFlowModuleId: str) -> dict:
        e = self._one("aws_connect_contact_flow_module", InstanceId, ContactFlowModuleId)
        return {"ContactFlowModule": {"Arn": e.arn, "Id": e.id, "Name": e.inputs.get("Name"), "State": "ACTIVE",
                                      "Description": e.inputs.get("Description"),
                                      "Content": self._content(e, InstanceId)}}

    def list_bots(self, InstanceId: str, LexVersion: str = "V2") -> dict:
        self._instance(InstanceId)
        return {"LexBots": [{"LexV2Bot": dict(e.inputs.get("LexV2Bot") or {})}
                            for e in self._of("connect_bot_association", InstanceId)]}


class SimLex:
    """Lex V2 model building: a bot's draft resources answer for the version its alias serves."""

    def __init__(self, account: Account):
        self.account = account

    def _of(self, type_: str, **match: Any) -> list[Entry]:
        return [e for e in self.account.all() if e.type == type_ and e.status == "ACTIVE"
                and all(e.inputs.get(k) == v for k, v in match.items())]

    def _get(self, type_: str, id_: str, what: str) -> Entry:
        e = self.account.get(type_, id_)
        if e is None:
            raise SimCallError("ResourceNotFoundException", f"{what} {id_} not found")
        return e

    def describe_bot(self, botId: str) -> dict:
        e = self._get("aws_lexv2models_bot", botId, "bot")
        keep = ("botName", "description", "roleArn", "dataPrivacy", "idleSessionTTLInSeconds")
        return {"botId": e.id, "botStatus": "Available", **{k: e.inputs[k] for k in keep if k in e.inputs}}

    def describe_bot_alias(self, botAliasId: str, botId: str) -> dict:
        e = self._get("aws_lexv2models_bot_alias", botAliasId, "bot alias")
        keep = ("botAliasName", "botVersion", "botAliasLocaleSettings", "conversationLogSettings",
                "sentimentAnalysisSettings", "description")
        return {"botAliasId": e.id, "botId": botId, "botAliasStatus": "Available",
                **{k: e.inputs[k] for k in keep if k in e.inputs}}

    def describe_resource_policy(self, resourceArn: str) -> dict:
        found = self._of("lex_bot_alias_policy", resourceArn=resourceArn)
        if not found:
            raise SimCallError("ResourceNotFoundException", f"no policy on {resourceArn}")
        return {"resourceArn": resourceArn, "policy": found[0].inputs.get("policy"),
                "revisionId": found[0].outputs.get("revision")}

    def list_bot_locales(self, botId: str, botVersion: str) -> dict:
        return {"botId": botId, "botVersion": botVersion, "botLocaleSummaries": [
            {"localeId": e.inputs.get("localeId"), "botLocaleStatus": "Built"}
            for e in self._of("aws_lexv2models_bot_locale", botId=botId)]}

    def describe_bot_locale(self, botId: str, botVersion: str, localeId: str) -> dict:
        found = self._of("aws_lexv2models_bot_locale", botId=botId, localeId=localeId)
        if not found:
            raise SimCallError("ResourceNotFoundException", f"bot {botId} has no locale {localeId}")
        e = found[0]
        return {"botId": botId, "botVersion": botVersion, "localeId": localeId, "botLocaleStatus": "Built",
                **{k: e.inputs[k] for k in ("nluIntentConfidenceThreshold", "voiceSettings") if k in e.inputs}}

    def list_slot_types(self, botId: str, botVersion: str, localeId: str) -> dict:
        return {"slotTypeSummaries": [{"slotTypeId": e.id, "slotTypeName": e.inputs.get("slotTypeName")}
                                      for e in self._of("aws_lexv2models_slot_type", botId=botId, localeId=localeId)]}

    def describe_slot_type(self, slotTypeId: str, botId: str, botVersion: str, localeId: str) -> dict:
        e = self._get("aws_lexv2models_slot_type", slotTypeId, "slot type")
        keep = ("slotTypeName", "slotTypeValues", "valueSelectionSetting", "description")
        return {"slotTypeId": e.id, "botId": botId, "botVersion": botVersion, "localeId": localeId,
                **{k: e.inputs[k] for k in keep if k in e.inputs}}

    def list_intents(self, botId: str, botVersion: str, localeId: str) -> dict:
        rows = [{"intentId": e.id, "intentName": e.inputs.get("intentName")}
                for e in self._of("aws_lexv2models_intent", botId=botId, localeId=localeId)]
        # every locale has the built-in fallback intent
        rows.append({"intentId": "FALLBCKINT", "intentName": "FallbackIntent",
                     "parentIntentSignature": "AMAZON.FallbackIntent"})
        return {"intentSummaries": rows}

    def describe_intent(self, intentId: str, botId: str, botVersion: str, localeId: str) -> dict:
        keep = ("intentName", "description", "sampleUtterances", "fulfillmentCodeHook", "dialogCodeHook",
                "intentConfirmationSetting", "intentClosingSetting", "slotPriorities", "parentIntentSignature")
        if intentId == "FALLBCKINT":
            updated = self._of("lex_fallback_intent", botId=botId, localeId=localeId)
            inputs = updated[0].inputs if updated else {"intentName": "FallbackIntent",
                                                        "parentIntentSignature": "AMAZON.FallbackIntent"}
        else:
            inputs = dict(self._get("aws_lexv2models_intent", intentId, "intent").inputs)
            for step in self._of("lex_intent_slot_priorities", intentId=intentId):
                inputs = {**inputs, "slotPriorities": step.inputs.get("slotPriorities")}
        return {"intentId": intentId, "botId": botId, "botVersion": botVersion, "localeId": localeId,
                **{k: inputs[k] for k in keep if k in inputs}}

    def list_slots(self, botId: str, botVersion: str, localeId: str, intentId: str) -> dict:
        return {"slotSummaries": [{"slotId": e.id, "slotName": e.inputs.get("slotName"),
                                   "slotTypeId": e.inputs.get("slotTypeId")}
                                  for e in self._of("aws_lexv2models_slot", botId=botId, localeId=localeId,
                                                    intentId=intentId)]}

    def describe_slot(self, slotId: str, botId: str, botVersion: str, localeId: str, intentId: str) -> dict:
        e = self._get("aws_lexv2models_slot", slotId, "slot")
        keep = ("slotName", "slotTypeId", "valueElicitationSetting", "description")
        return {"slotId": e.id, "botId": botId, "botVersion": botVersion, "localeId": localeId,
                "intentId": intentId, **{k: e.inputs[k] for k in keep if k in e.inputs}}


class SimIam:
    """The roles a bot uses, as IAM answers for them (policy documents decoded, as boto3 returns them)."""

    def __init__(self, account: Account):
        self.account = account

    def _role(self, name: str) -> Entry:
        for e in self.account.all():
            if e.type == "aws_iam_role" and e.status == "ACTIVE" and e.inputs.get("RoleName") == name:
                return e
        raise SimCallError("NoSuchEntity", f"role {name} not found")

    def get_role(self, RoleName: str) -> dict:
        e = self._role(RoleName)
        return {"Role": {"RoleName": RoleName, "RoleId": e.outputs.get("id"), "Arn": e.arn, "Path": "/",
                         "AssumeRolePolicyDocument": json.loads(e.inputs.get("AssumeRolePolicyDocument") or "{}"),
                         "Description": e.inputs.get("Description")}}

    def _policies(self, role: str) -> list[Entry]:
        return [e for e in self.account.all() if e.type == "aws_iam_role_policy" and e.inputs.get("RoleName") == role]

    def list_role_policies(self, RoleName: str) -> dict:
        self._role(RoleName)
        return {"PolicyNames": [e.inputs.get("PolicyName") for e in self._policies(RoleName)]}

    def get_role_policy(self, RoleName: str, PolicyName: str) -> dict:
        for e in self._policies(RoleName):
            if e.inputs.get("PolicyName") == PolicyName:
                return {"RoleName": RoleName, "PolicyName": PolicyName,
                        "PolicyDocument": json.loads(e.inputs.get("PolicyDocument") or "{}")}
        raise SimCallError("NoSuchEntity", f"role {RoleName} has no policy {PolicyName}")


class SimLogs:
    """CloudWatch Logs: the log groups of the account with their retention and key, as DescribeLogGroups answers."""

    def __init__(self, account: Account):
        self.account = account

    def describe_log_groups(self, logGroupNamePrefix: str = "", nextToken: str | None = None) -> dict:
        active = [e for e in self.account.all() if e.status == "ACTIVE"]
        retention = {e.inputs.get("logGroupName"): e.inputs.get("retentionInDays") for e in active
                     if e.type == "cloudwatch_log_retention"}
        groups = []
        for e in sorted((e for e in active if e.type == "aws_cloudwatch_log_group"),
                        key=lambda e: str(e.inputs.get("logGroupName"))):
            name = str(e.inputs.get("logGroupName") or "")
            if not name.startswith(logGroupNamePrefix):
                continue
            group: dict[str, Any] = {"logGroupName": name, "arn": f"{e.arn}:*", "logGroupArn": e.arn,
                                     "creationTime": int(e.created * 1000), "metricFilterCount": 0, "storedBytes": 0,
                                     "logGroupClass": "STANDARD"}
            if retention.get(name) is not None:
                group["retentionInDays"] = retention[name]
            if e.inputs.get("kmsKeyId"):
                group["kmsKeyId"] = e.inputs["kmsKeyId"]
            groups.append(group)
        return {"logGroups": groups}


class SimKms:
    """KMS: the aliases of a key, as ListAliases answers for one key (its id or ARN)."""

    def __init__(self, account: Account):
        self.account = account

    def list_aliases(self, KeyId: str | None = None, Marker: str | None = None) -> dict:
        key_id = (KeyId or "").rsplit("/", 1)[-1]
        rows = [{"AliasName": e.inputs.get("AliasName"), "AliasArn": e.arn, "TargetKeyId": e.inputs.get("TargetKeyId")}
                for e in self.account.all() if e.type == "aws_kms_alias" and e.status == "ACTIVE"
                and (not KeyId or e.inputs.get("TargetKeyId") == key_id)]
        return {"Aliases": rows, "Truncated": False}


def sim_clients(account: Account) -> Callable[[str], Any]:
    """``client(service)`` for the importer, over the simulated account."""
    clients = {"connect": SimConnect(account), "lexv2-models": SimLex(account), "iam": SimIam(account),
               "logs": SimLogs(account), "kms": SimKms(account)}
    return clients.__getitem__
