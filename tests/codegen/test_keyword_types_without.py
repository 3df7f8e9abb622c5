"""`keyword_types` entries that leave arguments out of the generated TypedDict, for helpers
that take those arguments in another form (`parse(response_format=MyModel)`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.config import ConfigError, load_config


def _load(tmp_path: Path, keyword_types: Any) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    (tmp_path / "config.yaml").write_text(yaml.safe_dump({"keyword_types": keyword_types}))
    config = load_config(tmp_path)
    return config.keyword_types, config.keyword_types_without


def test_plain_and_mapping_entries(tmp_path: Path) -> None:
    names, without = _load(tmp_path, ["createRun", {"createChatCompletion": {"without": ["response_format"]}}])
    assert names == ("createRun", "createChatCompletion")
    assert without == {"createChatCompletion": ("response_format",)}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"a": {}, "b": {}}, "must name one operation"),
        ({"a": {"except": ["x"]}}, "unknown keys"),
        ({"a": {"without": "x"}}, "expected a list of argument names"),
    ],
)
def test_bad_entries_are_refused_by_name(tmp_path: Path, entry: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _load(tmp_path, [entry])


def test_the_generated_typed_dicts_leave_the_arguments_out() -> None:
    from typed_openai.resources.chat.completions import CreateChatCompletionKeywords
    from typed_openai.resources.responses import CreateResponseKeywords

    assert "response_format" not in CreateChatCompletionKeywords.__annotations__
    assert {"messages", "model", "tools"} <= set(CreateChatCompletionKeywords.__annotations__)
    assert "but `stream`, `response_format`" in (CreateChatCompletionKeywords.__doc__ or "")
    assert "tools" not in CreateResponseKeywords.__annotations__
