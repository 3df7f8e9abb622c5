"""Every operation of the pinned spec is a typed method of both clients."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from codegen.config import load_config
from codegen.ir import Resource
from codegen.tree import placements

PROJECT = Path(__file__).resolve().parents[2]


def _resolve(client: object, dotted: str) -> Any:
    target: Any = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def test_every_operation_is_a_method_on_both_clients(pinned_spec: dict[str, Any]) -> None:
    from typed_openai import AsyncOpenAI, OpenAI

    config = load_config(PROJECT / "spec").tree
    sync_client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    async_client = AsyncOpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    seen = set()
    for _path, _method, _op, placement in placements(pinned_spec, config):
        for client in (sync_client, async_client):
            func = _resolve(client, placement.dotted)
            assert callable(func), placement.dotted
            hints = inspect.signature(func)
            assert "extra_headers" in hints.parameters and "timeout" in hints.parameters, placement.dotted
            assert hints.return_annotation is not inspect.Signature.empty, placement.dotted
        seen.add(placement.dotted)
    assert len(seen) == 288


def test_the_ir_places_all_288_operations(pinned_generation: tuple[dict[str, str], Resource]) -> None:
    _files, tree = pinned_generation
    ops = [op for node in tree.walk() for op in node.operations]
    assert len({op.operation_id for op in ops}) == 288
    # and the config's second names (`methods.also_named`): the official SDK's older methods
    also_named = load_config(PROJECT / "spec").methods.also_named
    seconds = sorted(
        f"{'.'.join(node.path)}.{op.method_name}" for node in tree.walk() for op in node.operations
        if op.method_name in {s.name for s in also_named.get(op.operation_id, ())}
    )
    assert len(ops) == 288 + len(seconds)
    assert seconds == ["files.retrieve_content", "fine_tuning.checkpoints.permissions.retrieve"]


def test_vector_stores_are_also_reachable_under_beta() -> None:
    from typed_openai import AsyncOpenAI, OpenAI

    for client in (OpenAI(api_key="sk-test"), AsyncOpenAI(api_key="sk-test")):
        assert type(client.beta.vector_stores) is type(client.vector_stores)
        assert type(client.beta.vector_stores.file_batches) is type(client.vector_stores.file_batches)
        assert type(client.beta.with_raw_response.vector_stores) is type(client.vector_stores.with_raw_response)
