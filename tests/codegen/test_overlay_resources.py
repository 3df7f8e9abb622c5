"""What the config adds beyond the spec's operations: a resource that is wholly the
overlay's (`overlay_resources`, `client.webhooks`), and the union of the events the spec's
`webhooks:` section lists (`webhook_events`), generated as any other union is."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from codegen.config import ConfigError, load_config
from codegen.normalize import add_webhook_union, normalize, webhook_bodies
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress
from codegen.validate import STALE, check_config

PROJECT = Path(__file__).resolve().parents[2]


def _event(tag: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"id": {"type": "string"}, "type": {"type": "string", "enum": [tag]}},
    }


def _hook(schema: str) -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}
    return {"post": {"requestBody": body, "responses": {"200": {"description": "ok"}}}}


_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "servers": [{"url": "http://127.0.0.1:9"}],
    "paths": {"/things": {"get": {
        "operationId": "getThings",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
    }}},
    "webhooks": {"thing_made": _hook("ThingMade"), "thing_gone": _hook("ThingGone")},
    "components": {"schemas": {
        "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
        "ThingMade": _event("thing.made"),
        "ThingGone": _event("thing.gone"),
    }},
}

_OVERLAY = """
from typed_openai._core import AsyncAPIResource, SyncAPIResource


class Hooks(SyncAPIResource):
    def kind(self) -> str:
        return "sync hooks"


class AsyncHooks(AsyncAPIResource):
    def kind(self) -> str:
        return "async hooks"
"""

_CONFIG = """
overlay_resources:
  hooks: typed_openai_overlay.hooks:Hooks
webhook_events: ThingEvent
client:
  env: {webhook_secret: THINGS_WEBHOOK_SECRET}
"""


def test_the_union_has_every_webhook_body_in_spec_order_and_their_discriminator() -> None:
    spec = normalize(_SPEC)
    add_webhook_union(spec, "ThingEvent")
    union = spec["components"]["schemas"]["ThingEvent"]
    assert union["oneOf"] == [{"$ref": "#/components/schemas/ThingMade"}, {"$ref": "#/components/schemas/ThingGone"}]
    assert union["discriminator"] == {
        "propertyName": "type",
        "mapping": {"thing.made": "#/components/schemas/ThingMade", "thing.gone": "#/components/schemas/ThingGone"},
    }


def test_an_inline_webhook_body_or_a_taken_name_is_reported_and_nothing_is_added(tmp_path: Path) -> None:
    spec = normalize(_SPEC)
    spec["webhooks"]["inline"] = {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}}
    assert webhook_bodies(spec)[1] == ["#/webhooks/inline/post: the JSON request body is not a reference to a component schema"]
    add_webhook_union(spec, "ThingEvent")
    assert "ThingEvent" not in spec["components"]["schemas"]
    (tmp_path / "config.yaml").write_text("webhook_events: Thing\n")
    problems = check_config(normalize(_SPEC), load_config(tmp_path))
    assert problems == ["webhook_events.Thing: the spec already has a schema 'Thing'"]


def test_a_spec_without_webhooks_makes_the_entry_stale(tmp_path: Path) -> None:
    spec = copy.deepcopy(_SPEC)
    del spec["webhooks"]
    (tmp_path / "config.yaml").write_text("webhook_events: ThingEvent\n")
    assert check_config(normalize(spec), load_config(tmp_path)) == [f"{STALE}webhook_events.ThingEvent: the spec has no webhooks"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("overlay_resources: {hooks: 'module.without.class'}", "overlay_resources.hooks: 'module.without.class' is not `module:Class`"),
        ("overlay_resources: {'_hidden': 'm:C'}", "overlay_resources._hidden: '_hidden' is not a resource path"),
        ("webhook_events: lower", "webhook_events: 'lower' is not a schema name"),
    ],
)
def test_malformed_entries_are_refused_when_loaded(tmp_path: Path, entry: str, message: str) -> None:
    (tmp_path / "config.yaml").write_text(entry + "\n")
    with pytest.raises(ConfigError, match=message.replace("`", ".").replace("(", r"\(").replace(")", r"\)")):
        load_config(tmp_path)


def test_the_client_builds_the_overlay_resource_and_the_union_parses_events(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text(_CONFIG)
    overlay = tmp_path / "handwritten" / "typed_openai_overlay"
    overlay.mkdir(parents=True)
    (overlay / "__init__.py").write_text("")
    (overlay / "hooks.py").write_text(textwrap.dedent(_OVERLAY))
    files, tree = generate_files(_SPEC, load_config(tmp_path / "spec"), Progress(quiet=True))
    assert tree.children["hooks"].overlay_only
    # Nothing is generated for it but its classes under the tree's module paths: a package,
    # and the module in it named after it, as the official SDK lays resources out.
    for module in ("typed_openai/resources/hooks/__init__.py", "typed_openai/resources/hooks/hooks.py"):
        assert "class " not in files[module] and "import AsyncHooks as AsyncHooks, Hooks as Hooks" in files[module]
    write_tree(tmp_path / "generated", files, overlay_links(tmp_path / "generated", PROJECT / "handwritten"))
    code = textwrap.dedent("""
        import os
        import pydantic
        from typed_openai import Client, AsyncClient
        from typed_openai.types import ThingEvent, ThingGone
        import typed_openai_overlay.hooks as overlay

        os.environ["THINGS_WEBHOOK_SECRET"] = "from-env"
        c = Client(api_key="k")
        a = AsyncClient(api_key="k", webhook_secret="given")
        assert type(c.hooks) is overlay.Hooks and type(a.hooks) is overlay.AsyncHooks
        from typed_openai.resources.hooks import AsyncHooks, Hooks
        assert (Hooks, AsyncHooks) == (overlay.Hooks, overlay.AsyncHooks)
        assert not hasattr(c.with_raw_response, "hooks") and not hasattr(a.with_streaming_response, "hooks")
        assert (c.webhook_secret, a.webhook_secret) == ("from-env", "given")
        assert c.with_options(webhook_secret="other").webhook_secret == "other"
        assert c.with_options(max_retries=1).webhook_secret == "from-env"
        event = pydantic.TypeAdapter(ThingEvent).validate_python({"id": "e", "type": "thing.gone"})
        assert type(event) is ThingGone
        print(c.hooks.kind(), "/", a.hooks.kind())
    """)
    paths = os.pathsep.join(str(p) for p in (tmp_path / "generated", tmp_path / "handwritten"))
    env = {k: v for k, v in os.environ.items() if k != "THINGS_WEBHOOK_SECRET"}
    run = subprocess.run([sys.executable, "-c", code], env=dict(env, PYTHONPATH=paths), capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "sync hooks / async hooks"


def test_an_overlay_resource_whose_module_cannot_import_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text(_CONFIG.replace("typed_openai_overlay.hooks", "typed_openai.lib.hooks"))
    overlay = tmp_path / "handwritten" / "typed_openai" / "lib"  # where the overlay check reads modules
    overlay.mkdir(parents=True)
    # It imports a type this spec does not generate: the client goes without `hooks`.
    (overlay / "hooks.py").write_text("from typed_openai.types import NoSuchEvent\n" + textwrap.dedent(_OVERLAY))
    files, tree = generate_files(_SPEC, load_config(tmp_path / "spec"), Progress(quiet=True))
    assert "hooks" not in tree.children
    assert "hooks" not in files["typed_openai/_client.py"]
