# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing free-form JSON: open objects still reject what is not a JSON object, and the
typed fields around them keep their types."""

from __future__ import annotations

from typed_openai import OpenAI


def parameters_are_an_object(client: OpenAI) -> None:
    client.chat.completions.create(
        model="gpt-4o",
        messages=[],
        tools=[{"type": "function", "function": {"name": "f", "parameters": "type: object"}}],  # E: mypy=typeddict-item pyright=reportArgumentType
    )


def a_tool_has_a_type(client: OpenAI) -> None:
    client.chat.completions.create(
        model="gpt-4o",
        messages=[],
        tools=[{"type": "callable", "function": {"name": "f", "parameters": {"type": "object"}}}],  # E: mypy=typeddict-item pyright=reportArgumentType
    )


def a_json_schema_format_is_named(client: OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o", messages=[], response_format={"type": "json_schema", "json_schema": {"schema": {}}})  # E: mypy=call-overload pyright=reportArgumentType


def metadata_values_are_strings(client: OpenAI) -> None:
    client.beta.threads.create(metadata={"attempt": 2})  # E: mypy=dict-item pyright=reportArgumentType


def a_schema_is_not_a_list(client: OpenAI) -> None:
    client.responses.create(model="gpt-4.1", input="Hi", text={"format": {"type": "json_schema", "name": "x", "schema": ["type"]}})  # E: mypy=call-overload pyright=reportArgumentType
