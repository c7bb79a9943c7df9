"""What each name or value pattern of the site schema asks for, in words.

A value that does not match its pattern is reported with these words (E106, and the parameter checks of
template flows), never with the regular expression; ``tests/dsl/test_pattern_words.py`` fails when a pattern of
the schema or of the flow-action catalog has no words here.
"""
from __future__ import annotations

PATTERN_WORDS: dict[str, str] = {
    r"\$\{(env|ssm):[^}]+\}": "a `${env:NAME}` or `${ssm:/parameter/name}` reference",
    r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$": "letters, digits, '-' and '_', and not only digits",
    r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$":
        "letters and digits with single '-' between them, not starting with 'd-' (a Connect instance alias)",
    r"^([0-9a-zA-Z][_-]?){1,100}$": "letters and digits, single '_' or '-' between them, at most 100",
    r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$": "a time range such as 08:00-18:00",
    r"^(json|parquet|csv)$": "json, parquet or csv",
    r"^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$":
        "an organisation unit id such as ou-ab12-cd345678, or a root id such as r-ab12",
    r"^[0-9]{12}$": "an AWS account id: 12 digits",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date such as 2026-12-25",
    r"^[A-Z]{2}$": "a two-letter country code in capitals, such as GB",
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$": "a letter or digit, then letters, digits, '_' and '-', at most 127",
    r"^[A-Za-z0-9_.-]{1,255}(:[NSB])?$":
        "letters, digits, '_', '.' and '-' (at most 255), optionally ending :N, :S or :B",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "a letter or '_', then letters, digits and '_'",
    r"^[a-z0-9][a-z0-9-]{0,39}$": "lower-case letters, digits and '-', starting with a letter or digit, at most 40",
    r"^[a-z0-9_]{1,255}$": "lower-case letters, digits and '_', at most 255",
    r"^[a-zA-Z0-9_-]{1,64}$": "letters, digits, '_' and '-', at most 64",
    r"^[a-zA-Z0-9_.-]{1,200}$": "letters, digits, '_', '.' and '-', at most 200",
    r"^[a-zA-Z0-9_\-.@]{1,64}$": "letters, digits, '_', '-', '.' and '@', at most 64",
    r"^[a-z]{2}(-gov)?-[a-z]+-\d$": "an AWS region such as eu-west-2",
    r"^[a-z]{2}_[A-Z]{2}$": "a locale such as en_GB",
    r"^\+[0-9]{1,15}$": "'+' and up to 15 digits, such as +44",
    r"^\+[1-9][0-9]{1,14}$": "a phone number in E.164 form, such as +442071234567",
    r"^\s*[0-9]+[smhd]\s*$": "a duration such as 30s, 5m, 2h or 1d",
    r"^arn:aws[a-z-]*:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9-_]+"
    r"(:(\$LATEST|[a-zA-Z0-9-_]+))?$":
        "a Lambda function ARN, arn:aws:lambda:REGION:ACCOUNT:function:NAME, optionally ending :VERSION or :ALIAS",
    r"^arn:aws[a-z-]*:connect:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:instance/[a-zA-Z0-9-]{1,100}"
    r"/prompt/[a-zA-Z0-9-]{1,256}$":
        "a Connect prompt ARN, arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID/prompt/PROMPT_ID",
    r"^arn:aws[a-z-]*:kms:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:key/"
    r"(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$":
        "a KMS key ARN, arn:aws:kms:REGION:ACCOUNT:key/KEY_ID (an alias ARN names no key)",
    r"^arn:aws[a-z-]*:logs:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:log-group:"
    r"[.\-_/#A-Za-z0-9]{1,512}(:\*)?$":
        "a log group ARN, arn:aws:logs:REGION:ACCOUNT:log-group:NAME",
    r"^arn:[a-zA-Z0-9-]+:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$":
        "a Lambda layer version ARN, arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION",
    r"[0-9,*#]{0,50}": "at most 50 of the digits 0-9, ',' (a pause), '*' and '#'",
    r"^sg-[0-9a-f]{8,17}$": "a security group id such as sg-0123456789abcdef0",
    r"^subnet-[0-9a-f]{8,17}$": "a subnet id such as subnet-0123456789abcdef0",
}


def pattern_words(pattern: object) -> str:
    """The words for ``pattern``; a pattern without words is described without showing the expression."""
    return PATTERN_WORDS.get(str(pattern), "in the form this field takes (see `ccdsl schema`)")
