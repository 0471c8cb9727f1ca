"""Drives LiteLLM's own headroom guardrail (litellm.proxy.guardrails.guardrail_hooks.headroom) against a
Headroom proxy, the way LiteLLM's proxy calls it before a model call, and prints what it produced.

stdin: {"api_base", "api_key"?, "model", "messages", "bypass"?}
stdout: {"messages": what LiteLLM would send upstream, "tools": the tools it would add,
         "hashes": the hashes it accepted, "retrieved": {hash: what its retrieve call got back}}
"""

import asyncio
import json
import sys

from litellm.proxy.guardrails.guardrail_hooks.headroom.headroom import HeadroomGuardrail
from litellm.types.proxy.guardrails.guardrail_hooks.headroom import HEADROOM_REQUEST_CONTEXT_KEY


async def main() -> None:
    req = json.load(sys.stdin)
    guardrail = HeadroomGuardrail(
        api_base=req["api_base"],
        api_key=req.get("api_key"),
        guardrail_name="headroom",
        event_hook="pre_call",
        default_on=True,
        unreachable_fallback="fail_closed",
    )
    headers = {"x-headroom-bypass": "true"} if req.get("bypass") else {}
    request_data = {
        "model": req["model"],
        "messages": req["messages"],
        "proxy_server_request": {"headers": headers},
    }
    out = await guardrail.apply_guardrail(
        inputs={"structured_messages": req["messages"]},
        request_data=request_data,
        input_type="request",
    )
    context = request_data.get(HEADROOM_REQUEST_CONTEXT_KEY)
    hashes = sorted(context.issued_hashes) if context is not None else []
    retrieved = {h: await guardrail._call_retrieve(h, None) for h in hashes}
    print(json.dumps({
        "messages": out.get("structured_messages"),
        "tools": out.get("tools"),
        "hashes": hashes,
        "retrieved": retrieved,
    }))


asyncio.run(main())
