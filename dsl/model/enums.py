"""Closed sets of values that AWS accepts, kept as data for the model, the checks and the schema."""
from __future__ import annotations

from typing import Literal

#: instance features -> Connect InstanceAttributeType
FEATURE_ATTRIBUTES = {
    "inbound": "INBOUND_CALLS",
    "outbound": "OUTBOUND_CALLS",
    "contactflow_logs": "CONTACTFLOW_LOGS",
    "contact_lens": "CONTACT_LENS",
    "auto_resolve_best_voices": "AUTO_RESOLVE_BEST_VOICES",
    "use_custom_tts_voices": "USE_CUSTOM_TTS_VOICES",
    "early_media": "EARLY_MEDIA",
    "multi_party_conference": "MULTI_PARTY_CONFERENCE",
    "high_volume_outbound": "HIGH_VOLUME_OUTBOUND",
    "enhanced_contact_monitoring": "ENHANCED_CONTACT_MONITORING",
    "enhanced_chat_monitoring": "ENHANCED_CHAT_MONITORING",
    "multi_party_chat_conference": "MULTI_PARTY_CHAT_CONFERENCE",
}
Feature = Literal[
    "inbound", "outbound", "contactflow_logs", "contact_lens", "auto_resolve_best_voices",
    "use_custom_tts_voices", "early_media", "multi_party_conference", "high_volume_outbound",
    "enhanced_contact_monitoring", "enhanced_chat_monitoring", "multi_party_chat_conference",
]

#: storage kinds -> Connect InstanceStorageResourceType (the S3 ones)
STORAGE_TYPES = {
    "call_recordings": "CALL_RECORDINGS",
    "chat_transcripts": "CHAT_TRANSCRIPTS",
    "scheduled_reports": "SCHEDULED_REPORTS",
    "attachments": "ATTACHMENTS",
    "contact_evaluations": "CONTACT_EVALUATIONS",
    "screen_recordings": "SCREEN_RECORDINGS",
}

Identity = Literal["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"]

LambdaRuntime = Literal[
    "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
    "nodejs18.x", "nodejs20.x", "nodejs22.x", "java11", "java17", "java21",
    "dotnet8", "ruby3.2", "ruby3.3", "provided.al2", "provided.al2023",
]
Architecture = Literal["x86_64", "arm64"]

#: the flow types of the language -> Connect ContactFlowType
FLOW_TYPES = {
    "contact_flow": "CONTACT_FLOW",
    "customer_queue": "CUSTOMER_QUEUE",
    "customer_hold": "CUSTOMER_HOLD",
    "customer_whisper": "CUSTOMER_WHISPER",
    "agent_hold": "AGENT_HOLD",
    "agent_whisper": "AGENT_WHISPER",
    "outbound_whisper": "OUTBOUND_WHISPER",
    "agent_transfer": "AGENT_TRANSFER",
    "queue_transfer": "QUEUE_TRANSFER",
    "campaign": "CAMPAIGN",
}
FlowType = Literal["contact_flow", "customer_queue", "customer_hold", "customer_whisper", "agent_hold",
                   "agent_whisper", "outbound_whisper", "agent_transfer", "queue_transfer", "campaign", "module"]

NumberType = Literal["DID", "TOLL_FREE"]
Channel = Literal["voice", "chat", "task", "email"]
PhoneType = Literal["soft", "desk"]
VoiceEngine = Literal["standard", "neural", "generative", "long-form"]
SlotResolution = Literal["OriginalValue", "TopResolution", "Concatenation"]
StreamView = Literal["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"]
Billing = Literal["PAY_PER_REQUEST", "PROVISIONED"]
PriceClass = Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"]

#: Connect's built-in security profiles
SECURITY_PROFILES = ("Admin", "Agent", "CallCenterManager", "QualityAnalyst")

#: CloudWatch Logs accepts only these retention periods (days)
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                      2557, 2922, 3288, 3653)

#: ISO 3166-1 alpha-2 country codes
COUNTRIES = tuple("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
YT ZA ZM ZW""".split())

#: regions where Amazon Connect runs
CONNECT_REGIONS = ("us-east-1", "us-west-2", "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
                   "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-2", "us-gov-west-1")

#: Glue column types (scalar; array<…>, map<…>, struct<…> and decimal(p,s) are accepted by pattern)
GLUE_SCALAR_TYPES = ("string", "int", "bigint", "smallint", "tinyint", "double", "float", "boolean",
                     "timestamp", "date", "binary", "char", "varchar")
GLUE_TYPE_PATTERN = (r"^(string|int|integer|bigint|smallint|tinyint|double|float|boolean|timestamp|date|binary"
                     r"|char\(\d+\)|varchar\(\d+\)|decimal(\(\d+,\s*\d+\))?|(array|map|struct)<.+>)$")
