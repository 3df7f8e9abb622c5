"""`computed_properties` in the config: the spec's field of that name leaves the model and
a property calling the overlay takes its place (`codegen/models.py`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from codegen.config import ComputedProperty, ConfigError
from codegen.models import _add_computed_properties

SOURCE = textwrap.dedent(
    '''
    class Response(BaseModel):
        id: str
        output_text: str | None = None
        """
        SDK-only convenience property.
        """
        usage: Usage | None = None


    class Usage(BaseModel):
        total_tokens: int
    '''
)
PROP = ComputedProperty("typed_openai.lib.responses:output_text", "str")


def test_the_field_is_replaced_by_a_property_calling_the_overlay() -> None:
    out = _add_computed_properties(SOURCE, {"Response": {"output_text": PROP}})
    (response, usage) = [n for n in ast.parse(out).body if isinstance(n, ast.ClassDef)]
    fields = [n.target.id for n in response.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)]
    assert fields == ["id", "usage"]
    assert "SDK-only" not in out  # the field's docstring went with it
    (prop,) = [n for n in response.body if isinstance(n, ast.FunctionDef)]
    assert prop.name == "output_text" and ast.unparse(prop.decorator_list[0]) == "property"
    assert prop.returns is not None and ast.unparse(prop.returns) == "str"
    assert "from typed_openai.lib.responses import output_text" in ast.unparse(prop)
    assert [n.target.id for n in usage.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)] == ["total_tokens"]


def test_a_property_the_spec_does_not_list_is_added() -> None:
    out = _add_computed_properties(SOURCE, {"Usage": {"doubled": ComputedProperty("m:f", "int")}})
    assert "def doubled(self) -> int:" in out and "output_text: str | None = None" in out


def test_an_unknown_model_is_an_error() -> None:
    with pytest.raises(ConfigError, match="computed_properties.Nope"):
        _add_computed_properties(SOURCE, {"Nope": {"x": PROP}})
