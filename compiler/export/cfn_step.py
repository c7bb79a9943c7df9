"""The inline code of the template's custom-resource function: one Connect API call per custom resource
(``Call`` with ``Args`` on create and update, ``Delete`` with the ``DeleteKeys`` of ``Args`` on delete),
answering CloudFormation through the pre-signed ``ResponseURL``."""
from __future__ import annotations

STEP_CODE = '''import json, urllib.request
import boto3, jmespath


def answer(event, status, data, reason=""):
    body = json.dumps({"Status": status, "Reason": reason or "ok", "Data": data,
                       "PhysicalResourceId": event.get("PhysicalResourceId") or event["LogicalResourceId"],
                       "StackId": event["StackId"], "RequestId": event["RequestId"],
                       "LogicalResourceId": event["LogicalResourceId"]}).encode()
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"Content-Type": ""})
    urllib.request.urlopen(request, timeout=30)


def handler(event, context):
    props = event["ResourceProperties"]
    data = {}
    try:
        client = boto3.client(props["Service"])
        args = props["Args"]
        if event["RequestType"] in ("Create", "Update"):
            result = getattr(client, props["Call"])(**args)
            for key, path in (props.get("Outputs") or {}).items():
                data[key] = jmespath.search(path, result)
        elif props.get("Delete"):
            getattr(client, props["Delete"])(**{k: args[k] for k in props["DeleteKeys"] if k in args})
        answer(event, "SUCCESS", data)
    except Exception as error:
        failed = event["RequestType"] != "Delete"
        answer(event, "FAILED" if failed else "SUCCESS", {}, str(error)[:400])
'''
