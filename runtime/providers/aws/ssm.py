"""``${ssm:/path}``: read a parameter (SecureString decrypted) at apply time; never stored."""
from __future__ import annotations

from ccdsl.runtime.providers.base import ProviderError

from .errors import code_of, translate


def parameter(clients, name: str) -> str:
    from botocore.exceptions import ClientError

    from ccdsl.compiler.registry.account import account_call

    call = account_call("parameter")
    try:
        return getattr(clients(call.service), call.op)(Name=name, **call.args)["Parameter"]["Value"]
    except ClientError as error:
        if code_of(error) == "ParameterNotFound":
            raise ProviderError(f"${{ssm:{name}}}: no such parameter in SSM") from None
        raise translate(error, call.op) from None
