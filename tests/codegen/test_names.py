"""The official names: the matcher (`codegen/official_names.py`) on a small official-style
package and spec, the checks of `spec/names.yaml` against the spec, and the rename pass."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from codegen.names import OfficialNames, SchemaNames, apply_names, check_names
from codegen.normalize import normalize
from codegen.official_names import assign, match, read_official, read_spec

_OFFICIAL = {
    "__init__.py": "from .job import Job as Job\nfrom .job_status import JobStatus as JobStatus\n",
    "job_status.py": """
        from typing_extensions import Literal, TypeAlias
        __all__ = ["JobStatus"]
        JobStatus: TypeAlias = Literal["queued", "running", "done"]
    """,
    "job.py": """
        from typing import List, Optional, Union
        from typing_extensions import Literal, TypeAlias
        from pydantic import BaseModel
        from .job_status import JobStatus
        __all__ = ["Job", "Step", "TextStep", "ImageStep"]
        class TextStep(BaseModel):
            type: Literal["text"]
            text: str
        class ImageStep(BaseModel):
            type: Literal["image"]
            url: str
        Step: TypeAlias = Union[TextStep, ImageStep]
        class Job(BaseModel):
            id: str
            object: Literal["job"]
            status: JobStatus
            steps: List[Step]
            error: Optional[str] = None
    """,
    "job_create_params.py": """
        from typing_extensions import Required, TypedDict
        __all__ = ["JobCreateParams"]
        class JobCreateParams(TypedDict, total=False):
            name: Required[str]
            priority: int
    """,
}

_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {"schemas": {
        "JobObject": {"type": "object", "required": ["id", "object", "status", "steps"], "properties": {
            "id": {"type": "string"},
            "object": {"type": "string", "enum": ["job"]},
            "status": {"type": "string", "enum": ["queued", "running", "done"]},
            "steps": {"type": "array", "items": {"oneOf": [
                {"type": "object", "properties": {"type": {"type": "string", "enum": ["text"]}, "text": {"type": "string"}}},
                {"$ref": "#/components/schemas/ImageStepObject"},
            ]}},
            "error": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        }},
        "ImageStepObject": {"type": "object", "properties": {"type": {"type": "string", "enum": ["image"]}, "url": {"type": "string"}}},
        # the same shape as ImageStepObject, elsewhere in the API: structure alone cannot tell
        "ImageAttachment": {"type": "object", "properties": {"type": {"type": "string", "enum": ["image"]}, "url": {"type": "string"}}},
        "CreateJobRequest": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "priority": {"type": "integer"}}},
    }},
}


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("official")
    types = root / "fakeofficial" / "types"
    types.mkdir(parents=True)
    (root / "fakeofficial" / "__init__.py").write_text("")
    for name, source in _OFFICIAL.items():
        (types / name).write_text(textwrap.dedent(source))
    try:
        objects = read_official(root / "fakeofficial")
    finally:
        for module in [m for m in sys.modules if m.startswith("fakeofficial")]:
            del sys.modules[module]
    spec = normalize(_SPEC)
    shapes = read_spec(spec)
    return assign(match(objects, shapes, spec), {s.name for s in shapes})


def test_a_model_is_renamed_and_exposed_where_the_official_package_has_it(names: dict[str, dict[str, Any]]) -> None:
    assert names["JobObject"] == {"rename": "Job", "models": ["Job", "job.Job"]}


def test_inline_schemas_are_named_through_the_fields_that_hold_them(names: dict[str, dict[str, Any]]) -> None:
    assert names["JobObject/properties/status"] == {"rename": "JobStatus", "models": ["JobStatus", "job_status.JobStatus"]}
    assert names["JobObject/properties/steps/items"] == {"rename": "Step", "models": ["job.Step"]}
    # normalisation names the inline tagged member after its tag (`Text`); the match renames it
    assert names["Text"] == {"rename": "TextStep", "models": ["job.TextStep"]}


def test_a_field_decides_between_two_schemas_of_one_shape(names: dict[str, dict[str, Any]]) -> None:
    # `Job.steps` holds ImageStep, and `JobObject.steps` holds ImageStepObject, not ImageAttachment
    assert names["ImageStepObject"]["models"] == ["job.ImageStep"]
    assert "ImageAttachment" not in names


def test_a_request_body_is_exposed_not_renamed(names: dict[str, dict[str, Any]]) -> None:
    assert names["CreateJobRequest"] == {"params": ["job_create_params.JobCreateParams"]}


def test_stale_entries_are_reported_by_name() -> None:
    spec = normalize(_SPEC)
    stale = OfficialNames(schemas={
        "GoneObject": SchemaNames(rename="Gone", models=("gone.Gone",)),
        "JobObject/properties/gone": SchemaNames(rename="Gone2", models=("job.Gone2",)),
        "ImageAttachment": SchemaNames(rename="ImageStepObject"),
        "JobObject": SchemaNames(rename="Job", models=("job.not a name",)),
    })
    assert list(check_names(spec, stale)) == [
        "stale: names.GoneObject: schema 'GoneObject' is not in the spec's components",
        "names.ImageAttachment.rename: 'ImageStepObject' is already the name of schema 'ImageStepObject' (spec/names.yaml)",
        "names.JobObject: 'job.not a name' is not a dotted Python name (spec/names.yaml)",
        "stale: names.JobObject/properties/gone: the spec has no inline schema at 'JobObject/properties/gone'",
    ]


def test_hoisting_and_renaming_follow_every_reference() -> None:
    spec = normalize(_SPEC)
    spec["components"]["schemas"]["Holder"] = {
        "oneOf": [{"$ref": "#/components/schemas/ImageStepObject"}],
        "discriminator": {"propertyName": "type", "mapping": {"image": "#/components/schemas/ImageStepObject"}},
    }
    names = OfficialNames(schemas={
        "JobObject": SchemaNames(rename="Job"),
        "ImageStepObject": SchemaNames(rename="ImageStep"),
        "JobObject/properties/status": SchemaNames(rename="JobStatus"),
    })
    out = apply_names(spec, names)["components"]["schemas"]
    assert "JobObject" not in out and "ImageStepObject" not in out
    assert out["Job"]["properties"]["status"] == {"$ref": "#/components/schemas/JobStatus"}
    assert out["JobStatus"]["enum"] == ["queued", "running", "done"]
    assert out["Job"]["properties"]["steps"]["items"]["oneOf"][1] == {"$ref": "#/components/schemas/ImageStep"}
    assert out["Holder"]["discriminator"]["mapping"] == {"image": "#/components/schemas/ImageStep"}
    assert "JobObject" in spec["components"]["schemas"], "the input spec is not changed"
