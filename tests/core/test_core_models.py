"""BaseModel behaviour, lenient parsing of newer API data, and the `omit` sentinel."""

from __future__ import annotations

import copy
import logging
import pickle
from enum import Enum
from typing import Annotated, Literal, Union

import pytest
from pydantic import Field
from typing_extensions import TypeAliasType

from typed_openai._core import BaseModel, Omit, omit
from typed_openai._core._models import parse_data


class Status(str, Enum):
    queued = "queued"
    done = "done"


class Usage(BaseModel):
    total_tokens: int


class Run(BaseModel):
    id: str
    status: Literal["queued", "completed"]
    kind: Status = Status.queued
    usage: Usage | None = None
    tags: list[str] = []
    object_: str = Field(default="run", alias="object")


class Text(BaseModel):
    type: Literal["text"]
    text: str


class Image(BaseModel):
    type: Literal["image"]
    url: str


Content = TypeAliasType(
    "Content", Annotated[Union[Text, Image], Field(discriminator="type")]
)


class Message(BaseModel):
    id: str
    content: list[Content]


def test_valid_data_is_validated() -> None:
    run = parse_data(Run, {"id": "r", "status": "queued", "object": "thread.run"})
    assert run.status == "queued" and run.object_ == "thread.run"
    assert run.kind is Status.queued


def test_unknown_enum_values_and_extra_fields_are_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="typed_openai")
    run = parse_data(
        Run,
        {
            "id": "r",
            "status": "hibernating",
            "kind": "paused",
            "brand_new": {"x": 1},
            "object": "thread.run",
        },
    )
    assert isinstance(run, Run)
    assert run.status == "hibernating"  # type: ignore[comparison-overlap]  # kept though unknown
    assert run.kind == "paused"
    assert run.object_ == "thread.run"
    assert getattr(run, "brand_new") == {
        "x": 1
    }  # an extra field, reachable as an attribute
    assert run.model_extra == {"brand_new": {"x": 1}}
    assert "parsing leniently" in caplog.text


def test_missing_required_field_does_not_raise() -> None:
    run = parse_data(Run, {"status": "queued"})
    assert isinstance(run, Run)
    assert "id" not in run.model_fields_set
    assert run.tags == []  # defaults still apply


def test_nested_models_keep_their_types() -> None:
    run = parse_data(
        Run,
        {"id": "r", "status": "new", "usage": {"total_tokens": 3}, "tags": ["a", 1]},
    )
    assert isinstance(run.usage, Usage) and run.usage.total_tokens == 3
    assert run.tags == ["a", 1]


def test_broken_nested_model_is_constructed_leniently() -> None:
    run = parse_data(
        Run,
        {"id": "r", "status": "queued", "usage": {"total_tokens": "many", "cached": 1}},
    )
    assert isinstance(run.usage, Usage)
    assert run.usage.total_tokens == "many"  # type: ignore[comparison-overlap]  # kept as sent
    assert run.usage.model_extra == {"cached": 1}


def test_discriminated_union_members_and_unknown_members() -> None:
    message = parse_data(
        Message,
        {
            "id": "m",
            "content": [
                {"type": "text", "text": "hi"},
                {"type": "image", "url": 5},
                {"type": "hologram", "beam": True},
            ],
        },
    )
    first, second, third = message.content
    assert isinstance(first, Text) and first.text == "hi"
    assert isinstance(second, Image) and second.url == 5  # type: ignore[comparison-overlap]  # kept
    assert third == {"type": "hologram", "beam": True}  # type: ignore[comparison-overlap]  # kept


def test_type_alias_and_list_cast() -> None:
    items = parse_data(
        list[Content], [{"type": "text", "text": "a"}, {"type": "image", "url": "u"}]
    )
    assert [type(i).__name__ for i in items] == ["Text", "Image"]


def test_to_dict_and_to_json_only_sent_fields() -> None:
    run = parse_data(
        Run, {"id": "r", "status": "queued", "object": "thread.run", "x": 1}
    )
    assert run.to_dict() == {
        "id": "r",
        "status": "queued",
        "object": "thread.run",
        "x": 1,
    }
    assert run.to_dict(by_alias=False)["object_"] == "thread.run"
    assert '"id": "r"' in run.to_json()
    assert run.to_json(indent=None).startswith('{"id":"r"')
    assert repr(run).startswith("Run(id='r'")


def test_populate_by_name_and_protected_namespaces() -> None:
    class M(BaseModel):
        model_name: str  # no warning: protected namespaces are off
        object_: str = Field(alias="object")

    m = M.model_validate({"model_name": "gpt", "object_": "x"})
    assert m.model_name == "gpt" and m.object_ == "x"


def test_omit_sentinel() -> None:
    assert not omit
    assert repr(omit) == "omit"
    assert Omit() is omit
    assert copy.copy(omit) is omit and copy.deepcopy(omit) is omit
    assert pickle.loads(pickle.dumps(omit)) is omit
    assert isinstance(omit, Omit)
