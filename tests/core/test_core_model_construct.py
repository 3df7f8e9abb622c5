"""`BaseModel.model_construct` (and v1's `construct`) as the official SDK's models have it:
no validation, but nested dicts become their models, so a test can build a response object
from plain data and read it as the API's would read; `to_dict`/`to_json` take the official
keywords; `str(model)` names the class."""

from __future__ import annotations

import datetime
import warnings
from typing import Optional, Union

import pytest
from pydantic import Field
from typing_extensions import Literal

from typed_openai import BaseModel
from typed_openai.types.chat import ChatCompletion


class Leaf(BaseModel):
    name: str
    weight: float = 0.0


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"]
    bark: str


class Tree(BaseModel):
    leaves: list[Leaf]
    best: Optional[Leaf] = None
    by_name: dict[str, Leaf] = {}
    pet: Union[Cat, Dog, None] = None
    planted: Optional[datetime.datetime] = None
    count: int = 0


def test_nested_dicts_become_models_and_nothing_is_validated() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic's own `construct` warns: this one must not
        tree = Tree.construct(
            leaves=[{"name": "a", "weight": 2}, "not a leaf"],
            best={"name": "b", "extra": True},
            by_name={"c": {"name": "c"}},
            pet={"kind": "dog", "bark": "woof"},
            planted="2024-05-01T10:00:00Z",
            count="12",
        )
    first = tree.leaves[0]
    assert isinstance(first, Leaf) and first.weight == 2.0 and isinstance(first.weight, float)
    assert tree.leaves[1] == "not a leaf"  # kept as given, not refused
    assert tree.best is not None and tree.best.name == "b" and getattr(tree.best, "extra") is True
    assert isinstance(tree.by_name["c"], Leaf)
    assert isinstance(tree.pet, Dog) and tree.pet.bark == "woof"
    assert tree.planted == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
    assert tree.count == "12"  # type: ignore[comparison-overlap]  # not coerced: no validation
    assert tree.model_fields_set == {"leaves", "best", "by_name", "pet", "planted", "count"}
    assert Tree.model_construct({"leaves"}, leaves=[]).model_fields_set == {"leaves"}


def test_a_response_object_built_from_plain_data_reads_as_parsed() -> None:
    completion = ChatCompletion.model_construct(
        id="c-1", object="chat.completion", created=1, model="gpt-4o",
        choices=[{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "hi"}}],
    )  # fmt: skip
    assert completion.choices[0].message.content == "hi"
    assert str(completion).startswith(type(completion).__name__ + "(")


class Aliased(BaseModel):
    foo: Optional[str] = Field(alias="FOO", default=None)


@pytest.mark.parametrize("method", ["to_dict", "to_json"])
def test_to_dict_and_to_json_take_the_official_keywords(method: str) -> None:
    import json

    def call(model: Aliased, **kwargs: object) -> object:
        out = getattr(model, method)(**kwargs)
        return json.loads(out) if isinstance(out, str) else out

    sent = Aliased(FOO="x")
    assert call(sent) == {"FOO": "x"} and call(sent, use_api_names=False) == {"foo": "x"}
    empty = Aliased()
    assert call(empty) == {} and call(empty, exclude_unset=False) == {"FOO": None}
    assert call(empty, exclude_unset=False, exclude_defaults=True) == {}
    assert call(Aliased(FOO=None), exclude_none=True) == {}
    assert call(sent, warnings=True, by_alias=False) == {"foo": "x"}
