"""The flow validator over the 37 real exported flows of the shared corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccdsl.compiler.flows.validate import validate_flow_json

#: 37 real exported flows, byte-for-byte copies; SOURCES.md there names each file's repository and licence
CORPUS = Path(__file__).resolve().parent / "corpus"

#: file stem suffix -> CreateContactFlow Type (from each source repository's own creation code or
#: the export's Metadata; modules carry a top-level Settings object)
FLOW_TYPES = {
    "RulesEngineAgentWhisper": "AGENT_WHISPER",
    "RulesEngineCustomerHold": "CUSTOMER_HOLD",
    "RulesEngineCustomerQueue": "CUSTOMER_QUEUE",
    "RulesEngineCustomerWhisper": "CUSTOMER_WHISPER",
    "RulesEngineOutboundWhisper": "OUTBOUND_WHISPER",
    "OutboundCallWhisperer": "OUTBOUND_WHISPER",
    "contact-flow-queue.content": "CUSTOMER_QUEUE",
    "messageParticipantIteratively_holds": "CUSTOMER_HOLD",
    "endFlowModuleExecution": "MODULE",
    "ErrorModule": "MODULE",
    "GetCustomerResponseModule": "MODULE",
    "InitModule": "MODULE",
}

#: corpus files that do not pass as they are, and why: each is a flow whose author left a value
#: empty for a deployment script or a person to fill in before publishing (Connect saves such a
#: flow but will not publish it). The expected problems are listed exactly.
EXCEPTIONS = {
    "aws-samples__amazon-connect-experience-builder__contact-flow-hop.content":
        ("TransferToFlow with an empty ContactFlowId, filled in by the repository's deploy Lambda",
         {"Actions[3].Parameters.ContactFlowId"}),
    "aws-samples__amazon-connect-experience-builder__contact-flow-journey.content":
        ("ten TransferToFlow actions with an empty ContactFlowId, filled in at deploy time",
         {f"Actions[{i}].Parameters.ContactFlowId" for i in range(1, 11)}),
    "aws-samples__amazon-connect-experience-builder__contact-flow-setup.content":
        ("two TransferToFlow actions with an empty ContactFlowId, filled in at deploy time",
         {"Actions[3].Parameters.ContactFlowId", "Actions[4].Parameters.ContactFlowId"}),
    "aws-samples__amazon-connect-step-by-step-guides-module-library__SBS_Lex_Integration_Handler":
        ("a Lex block with an empty bot alias ARN for the user to choose their own bot",
         {"Actions[5].Parameters.LexV2Bot.AliasArn"}),
    "deepgram__amazon-connect-integration__sample_contact_flow":
        ("an InvokeLambdaFunction with an empty LambdaFunctionARN for the user to fill in",
         {"Actions[11].Parameters.LambdaFunctionARN"}),
}


def flow_type(stem: str) -> str:
    for suffix, kind in FLOW_TYPES.items():
        if stem.endswith(suffix):
            return kind
    return "CONTACT_FLOW"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:60])
def test_corpus_flow_conforms(path):
    problems = validate_flow_json(load(path), flow_type(path.stem))
    if path.stem in EXCEPTIONS:
        _reason, expected_paths = EXCEPTIONS[path.stem]
        assert {p.path for p in problems} == expected_paths
        assert all("missing required property" in p.message for p in problems)
    else:
        assert problems == []


def test_corpus_is_all_there():
    assert len(corpus_files()) == 37


def test_corpus_flow_with_its_json_text():
    path = next(p for p in corpus_files() if p.stem.endswith("SimpleInboundFlow"))
    assert validate_flow_json(path.read_text(encoding="utf-8")) == []
