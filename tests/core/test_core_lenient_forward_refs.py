"""Lenient parsing of a model whose field type is defined later in its module."""

from __future__ import annotations

from typed_openai._core._models import parse_data
from typed_openai.testing import run_object
from typed_openai.types import Run, RequiredAction


def test_an_unknown_enum_value_on_a_model_with_forward_refs_is_kept() -> None:
    # Run.required_action's type comes later in the module (a ForwardRef in
    # pydantic's field info); an unknown status must not make lenient parsing crash.
    data = run_object(
        status="paused",
        required_action={"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": []}},
    )

    run = parse_data(Run, data)

    assert run.status == "paused"
    assert isinstance(run.required_action, RequiredAction)
