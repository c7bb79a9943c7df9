"""The flow validator: checks a Connect flow-language document the way CreateContactFlow does.

It lives with the action catalogue in the language layer (so that ``ccdsl validate`` can check
template flows too); this module is its home for the compiler, the runtime and the simulator.
"""
from ccdsl.dsl.flows.validate_json import Problem, infer_flow_type, serialize_flow, validate_flow_json

__all__ = ["Problem", "infer_flow_type", "serialize_flow", "validate_flow_json"]
