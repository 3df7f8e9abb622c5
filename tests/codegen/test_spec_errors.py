"""Specs the generator has never seen: each either generates, or is refused with a message
naming the place in the spec (a JSON pointer) and what is wrong. Never a bare exception.

Small inline specs, one per failure class measured on real specs (Azure OpenAI's,
Anthropic's): a `$ref` into a schema's property, operations without `operationId`, a
discriminator mapping to an undefined schema, and the structural ones."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.config import load_config
from codegen.document import SpecError, pointer
from codegen.load import load_spec
from codegen.normalize import normalize, operations
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress

PROJECT = Path(__file__).resolve().parents[2]

_OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {"/things/{thing_id}": {"get": {
        "operationId": "getThing",
        "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": _OK,
    }}},
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}}}}},
}


def _spec(**edits: Any) -> dict[str, Any]:
    spec = copy.deepcopy(BASE)
    for dotted, value in edits.items():
        *parents, last = dotted.split("__")
        node = spec
        for key in parents:
            node = node[key.replace("_SLASH_", "/")]
        node[last.replace("_SLASH_", "/")] = value
    return spec


def _refused(spec: object) -> list[str]:
    with pytest.raises(SpecError) as caught:
        normalize(spec)  # type: ignore[arg-type]  # hostile input on purpose: not always a dict
    assert str(caught.value).startswith("the spec cannot be generated from")
    return caught.value.problems


def test_pointer_escapes_slashes_and_tildes() -> None:
    assert pointer("paths", "/a/{b}", "get") == "#/paths/~1a~1{b}/get"
    assert pointer("x~y") == "#/x~0y"
    assert pointer() == "#"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ([1, 2], "#: the document is a list, not an OpenAPI object"),
        ("openapi: 3.1.0", "#: the document is a str, not an OpenAPI object"),
        ({"swagger": "2.0", "paths": {}}, "#/openapi: OpenAPI version missing is not supported; 3.0.x and 3.1.x are (a Swagger 2.0"),
        ({"openapi": "4.0.0", "paths": {}}, "#/openapi: OpenAPI version '4.0.0' is not supported"),
        ({"openapi": 3.1, "paths": {}}, "#/openapi: OpenAPI version 3.1 is not supported"),
        ({"openapi": "3.1.0", "paths": ["/a"]}, "#/paths: is a list, not a mapping of paths"),
        ({"openapi": "3.1.0", "paths": {"a": {}}}, "#/paths/a: a path must start with `/`"),
        ({"openapi": "3.1.0", "paths": {"/a": "get"}}, "#/paths/~1a: a path item must be a mapping, not a str"),
        ({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {"A": 3}}}, "#/components/schemas/A: a schema must be a mapping"),
        ({"openapi": "3.1.0", "paths": {}, "components": []}, "#/components: is a list, not a mapping"),
    ],
)
def test_a_document_of_the_wrong_shape_is_refused_at_its_root(spec: object, expected: str) -> None:
    assert [p for p in _refused(spec) if p.startswith(expected)], _refused(spec)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        # a dangling schema reference, where it is written
        ({"components__schemas__Thing__properties__id": {"$ref": "#/components/schemas/Gone"}},
         "#/components/schemas/Thing/properties/id: `$ref: #/components/schemas/Gone` names no schema in this document"),
        # a reference into another file
        ({"components__schemas__Thing__properties__id": {"$ref": "other.yaml#/Thing"}},
         "#/components/schemas/Thing/properties/id: `$ref: other.yaml#/Thing` is not supported"),
        # a dangling reference into a schema's property
        ({"components__schemas__Thing__properties__kind": {"$ref": "#/components/schemas/Thing/properties/nope"}},
         "#/components/schemas/Thing/properties/kind: `$ref: #/components/schemas/Thing/properties/nope` names no schema"),
        # a discriminator mapping to an undefined schema
        ({"components__schemas__Pet": {"oneOf": [{"$ref": "#/components/schemas/Thing"}],
                                       "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}}}},
         "#/components/schemas/Pet/discriminator/mapping/dog: maps to '#/components/schemas/Dog', which is no schema"),
        ({"components__schemas__Pet": {"oneOf": [{"$ref": "#/components/schemas/Thing"}], "discriminator": {"mapping": {}}}},
         "#/components/schemas/Pet/discriminator: needs a `propertyName`"),
        # operations
        ({"paths__/things/{thing_id}__get__operationId": 12}, "#/paths/~1things~1{thing_id}/get/operationId: 12 is not a name"),
        ({"paths__/others": {"get": {"operationId": "getThing", "responses": _OK}}},
         "#/paths/~1others/get/operationId: 'getThing' is also the operationId of #/paths/~1things~1{thing_id}/get"),
        ({"paths__/things/{thing_id}__get__parameters": []},
         "#/paths/~1things~1{thing_id}/get/parameters: the path names `{thing_id}`, but no path parameter `thing_id` is declared"),
        ({"paths__/things/{thing_id}__get__parameters": [{"name": "thing_id", "schema": {}}]},
         "#/paths/~1things~1{thing_id}/get/parameters/0: a parameter needs a `name` and `in`"),
        ({"paths__/things/{thing_id}__get__parameters": {"thing_id": {}}},
         "#/paths/~1things~1{thing_id}/get/parameters: must be a list"),
        ({"paths__/things/{thing_id}__get__responses": ["200"]},
         "#/paths/~1things~1{thing_id}/get/responses: must be a mapping of status codes"),
        ({"paths__/things/{thing_id}__get": "getThing"},
         "#/paths/~1things~1{thing_id}/get: an operation must be a mapping, not a str"),
        ({"paths__/things/{thing_id}__get__responses": {"200": {"description": "ok", "content": {"application/json": "Thing"}}}},
         "#/paths/~1things~1{thing_id}/get/responses/200/content/application~1json: must be a mapping (with a `schema`), not a str"),
        ({"paths__/things/{thing_id}__get__responses": {"200": {"description": "ok", "content": ["application/json"]}}},
         "#/paths/~1things~1{thing_id}/get/responses/200/content: must be a mapping of media types, not a list"),
        ({"paths__/things/{thing_id}__get__requestBody": None}, "#/paths/~1things~1{thing_id}/get/requestBody: must be a mapping"),
        ({"paths__/": {"get": {"operationId": "root", "responses": _OK}}},
         "#/paths/~1: a path with no literal segment names no resource of the client"),
        # schemas: the keywords the generator reads, of the wrong type
        ({"components__schemas__Thing__properties": ["id"]},
         "#/components/schemas/Thing/properties: must be a mapping of names to schemas, not a list"),
        ({"components__schemas__Thing__required": "id"}, "#/components/schemas/Thing/required: must be a list of property names"),
        ({"components__schemas__Thing__description": 5}, "#/components/schemas/Thing/description: must be a string, not a int"),
        ({"components__schemas__Thing__properties__id": {"type": 3}}, "#/components/schemas/Thing/properties/id/type: must be a type name"),
        ({"components__schemas__Thing__properties__id": {"anyOf": {"type": "string"}}},
         "#/components/schemas/Thing/properties/id/anyOf: must be a list of schemas, not a dict"),
        ({"components__schemas__Thing__properties__id": {"type": "array", "items": "string"}},
         "#/components/schemas/Thing/properties/id/items: a schema must be a mapping, not a str"),
        # reusable components
        ({"paths__/things/{thing_id}__get__parameters": [{"$ref": "#/components/parameters/Gone"}]},
         "#/paths/~1things~1{thing_id}/get/parameters/0: `$ref: #/components/parameters/Gone` names nothing in this document"),
        ({"paths__/things/{thing_id}__get__responses": {"200": {"$ref": "#/components/responses/Loop"}},
          "components__responses": {"Loop": {"$ref": "#/components/responses/Loop"}}},
         "#/paths/~1things~1{thing_id}/get/responses/200: `$ref: #/components/responses/Loop` refers to itself"),
    ],
)
def test_what_cannot_be_generated_is_refused_with_its_place(edits: dict[str, Any], expected: str) -> None:
    problems = _refused(_spec(**edits))
    assert [p for p in problems if p.startswith(expected)], problems


def test_every_problem_is_listed_at_once() -> None:
    spec = _spec(components__schemas__Thing__properties__id={"$ref": "#/components/schemas/A"},
                 components__schemas__Thing__properties__kind={"$ref": "#/components/schemas/B"})
    assert len(_refused(spec)) == 2


def test_a_file_that_is_not_yaml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text("openapi: 3.1.0\npaths:\n  /a: [\n")
    with pytest.raises(SpecError, match=r"openapi.yaml at line \d+, column \d+: not YAML or JSON"):
        load_spec(path)
    path.write_text("- a\n- b\n")
    with pytest.raises(SpecError, match="openapi.yaml: #: the document is a list"):
        load_spec(path)


def test_the_cli_prints_the_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "openapi.json"
    path.write_text('{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/nowhere"}}}}}}')
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text("{}\n")
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(path), "--no-pin", "--spec-dir", str(tmp_path / "spec"),
         "--out", str(tmp_path / "out"), "--quiet"],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "#/paths/~1a/get/responses/200: `$ref: #/nowhere` is not supported here" in run.stderr


# -- what can be fixed is fixed ------------------------------------------------------------


def _fixable() -> dict[str, Any]:
    spec = _spec()
    spec["paths"]["/things/{thing_id}"]["get"]["parameters"] = [{"$ref": "#/components/parameters/ThingId"}]
    spec["paths"]["/things"] = {
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "get": {"responses": {"200": {"$ref": "#/components/responses/ThingList"}}},  # no operationId
        "post": {  # no operationId; a body and a `$ref` into a schema's property
            "requestBody": {"$ref": "#/components/requestBodies/NewThing"},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Thing/properties/kind"}}}}},
        },
        "head": {"responses": {"200": {"description": "ok"}}},  # not generated
    }
    spec["components"]["parameters"] = {"ThingId": {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}}
    spec["components"]["responses"] = {"ThingList": {"description": "ok", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}}}
    spec["components"]["requestBodies"] = {"NewThing": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"kind": {"$ref": "#/components/schemas/Thing/properties/kind"}}}}}}}
    spec["components"]["schemas"]["Thing"]["properties"]["kind"] = {"type": "string", "enum": ["a", "b"]}
    spec["components"]["schemas"]["Pet"] = {  # a mapping by bare schema name, as OpenAPI allows
        "oneOf": [{"$ref": "#/components/schemas/Thing"}], "discriminator": {"propertyName": "kind", "mapping": {"a": "Thing"}}}
    spec["components"]["schemas"]["Anything"] = True
    # path segments that are keywords or start with a digit still make modules and attributes
    spec["paths"]["/class/{import}"] = {"get": {"operationId": "getClass", "responses": {200: _OK["200"]}, "parameters": [
        {"name": "import", "in": "path", "required": True, "schema": {"type": "string"}}]}}
    spec["paths"]["/v1/2024-01/things"] = {"get": {"operationId": "oldThings", "responses": {"204": {"description": "gone", "content": None}}}}
    return spec


def test_fixable_specs_are_resolved_without_touching_the_input() -> None:
    spec = _fixable()
    before = copy.deepcopy(spec)
    normalized = normalize(spec)
    assert spec == before
    ops = {(path, method): op for path, method, op in operations(normalized)}
    assert ops[("/things", "get")]["operationId"] == "get_things"
    assert ops[("/things", "post")]["operationId"] == "post_things"
    assert ("/things", "head") not in ops and "head" not in normalized["paths"]["/things"]
    assert ops[("/things", "get")]["parameters"][0]["name"] == "limit"  # the path item's, inherited
    assert ops[("/things/{thing_id}", "get")]["parameters"][0]["name"] == "thing_id"
    schemas = normalized["components"]["schemas"]
    assert schemas["ThingKind"] == {"type": "string", "enum": ["a", "b"]}
    assert schemas["Anything"] == {}
    assert schemas["Pet"]["discriminator"]["mapping"] == {"a": "#/components/schemas/Thing"}


def test_derived_operation_ids_are_stable_and_unique() -> None:
    spec = _spec()
    spec["paths"]["/things"] = {"get": {"responses": {}}}
    spec["paths"]["/things/"] = {"get": {"responses": {}}}  # the same words: a second name
    first = [op["operationId"] for _p, _m, op in operations(normalize(spec))]
    second = [op["operationId"] for _p, _m, op in operations(normalize(spec))]
    assert first == second == ["getThing", "get_things", "get_things_2"]


@pytest.fixture(scope="module")
def fixable_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixable")
    (root / "spec").mkdir()
    (root / "spec" / "config.yaml").write_text("{}\n")
    files, _tree = generate_files(_fixable(), load_config(root / "spec"), Progress(quiet=True))
    write_tree(root / "generated", files, overlay_links(root / "generated", PROJECT / "handwritten"))
    return root


def test_a_fixed_spec_generates_a_client_that_imports(fixable_tree: Path) -> None:
    code = (
        "from typed_openai import Client\n"
        "import typed_openai.types as t\n"
        "c = Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "print(c.things.list.__name__, c.things.create.__name__, c.things.retrieve.__name__, t.ThingKind)\n"
        "print(c.class_.retrieve.__name__, c.v1._2024_01.things.list.__name__)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(fixable_tree / "generated"))
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:3] == ["list", "create", "retrieve"]
    assert run.stdout.split()[-2:] == ["retrieve", "list"]


def test_a_spec_without_schemas_or_parameters_generates(tmp_path: Path) -> None:
    spec = {"openapi": "3.1.0", "paths": {"/things": {"get": {"responses": {"200": {"description": "ok"}}}}}}
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text("{}\n")
    files, _tree = generate_files(spec, load_config(tmp_path / "spec"), Progress(quiet=True))
    write_tree(tmp_path / "generated", files, overlay_links(tmp_path / "generated", PROJECT / "handwritten"))
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "generated"))  # one package tree, the overlay linked in
    code = "from typed_openai import Client\nimport typed_openai.types\nprint(Client(api_key='k', base_url='http://127.0.0.1:9').things.list.__name__)\n"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "list"
