"""The assistant behind the gateway bot: asks a Bedrock model, keeps the conversation, flags doubtful answers."""
from __future__ import annotations

import json
import os
import time

import boto3

bedrock = boto3.client("bedrock-runtime")
dynamodb = boto3.resource("dynamodb")
kinesis = boto3.client("kinesis")

SYSTEM = "You are Acme Bank's assistant. Answer briefly. If unsure, say you will find an adviser."


def ask_model(question: str, history: list[dict]) -> str:
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 300, "system": SYSTEM,
            "messages": history + [{"role": "user", "content": question}]}
    reply = bedrock.invoke_model(modelId=os.environ["MODEL_ID"], body=json.dumps(body))
    payload = json.loads(reply["body"].read())
    return "".join(part.get("text", "") for part in payload.get("content", []))


def handler(event: dict, context: object = None) -> dict:
    session = event.get("sessionId", "unknown")
    question = event.get("inputTranscript", "")
    table = dynamodb.Table(os.environ["HISTORY_TABLE"])
    items = table.query(KeyConditionExpression="session_id = :s",
                        ExpressionAttributeValues={":s": session}).get("Items", [])
    history = [{"role": i["role"], "content": i["content"]} for i in sorted(items, key=lambda i: int(i["turn"]))]
    answer = ask_model(question, history)
    now = int(time.time())
    for offset, (role, content) in enumerate((("user", question), ("assistant", answer))):
        table.put_item(Item={"session_id": session, "turn": len(history) + offset, "role": role,
                             "content": content, "expires_at": now + 86400})
    if "adviser" in answer.lower():
        dynamodb.Table(os.environ["HALLUCINATION_TABLE"]).put_item(
            Item={"contact_id": session, "created_at": str(now), "question": question, "answer": answer})
    kinesis.put_record(StreamName=os.environ["INSIGHTS_STREAM"], PartitionKey=session,
                       Data=json.dumps({"contact_id": session, "summary": answer[:200], "model_id": os.environ["MODEL_ID"],
                                        "created_at": now}).encode())
    intent = event.get("sessionState", {}).get("intent", {"name": "ChatIntent"})
    return {"sessionState": {"dialogAction": {"type": "Close"}, "intent": dict(intent, state="Fulfilled")},
            "messages": [{"contentType": "PlainText", "content": answer}]}
