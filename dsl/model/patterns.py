"""Name rules that AWS enforces but botocore does not check client-side."""
from __future__ import annotations

IDENT = r"^[A-Za-z_][A-Za-z0-9_]*$"
#: section entry names become parts of resource addresses and AWS names
NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
SITE = r"^[a-z0-9][a-z0-9-]{0,39}$"
INSTANCE_ALIAS = r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$"
BOT_NAME = r"^([0-9a-zA-Z][_-]?){1,100}$"
INTENT_NAME = r"^([0-9a-zA-Z][_-]?){1,100}$"
SLOT_NAME = r"^([0-9a-zA-Z][_-]?){1,100}$"
SLOT_TYPE_NAME = r"^([0-9a-zA-Z][_-]?){1,100}$"
#: Connect queue, flow, hours, routing profile and quick connect names: up to 127 characters
CONNECT_NAME_MAX = 127
FUNCTION_NAME = r"^[a-zA-Z0-9_-]{1,64}$"
TABLE_NAME = r"^[a-zA-Z0-9_.-]{3,255}$"
BUCKET_NAME = r"^[a-z0-9_][a-z0-9_.-]{0,62}$"
ENV_VAR = r"^[a-zA-Z]([a-zA-Z0-9_])*$"
ALIAS = r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$"
GLUE_NAME = r"^[a-z0-9_]{1,255}$"
USERNAME = r"^[a-zA-Z0-9_\-.@]{1,64}$"
E164 = r"^\+[1-9][0-9]{1,14}$"
REGION = r"^[a-z]{2}(-gov)?-[a-z]+-\d$"
KEY_ATTRIBUTE = r"^[A-Za-z0-9_.-]{1,255}(:[NSB])?$"
LOCALE = r"^[a-z]{2}_[A-Z]{2}$"
