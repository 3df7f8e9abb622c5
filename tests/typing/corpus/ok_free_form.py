# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Free-form JSON a user writes: function tools' parameters, JSON-schema response formats,
metadata. Any JSON object must be accepted where the spec leaves the object open."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from typed_openai import OpenAI
from typed_openai.types.chat import ChatCompletionToolParam

WEATHER_PARAMETERS = {
    "type": "object",
    "properties": {
        "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
    },
    "required": ["location"],
    "additionalProperties": False,
}


class Answer(BaseModel):
    steps: list[str]
    final_answer: str


def chat_function_tools(client: OpenAI) -> None:
    tools: list[ChatCompletionToolParam] = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Get the current weather in a given location",
                "parameters": {
                    "type": "object",
                    "properties": {"location": {"type": "string"}, "days": {"type": "integer", "minimum": 1}},
                    "required": ["location"],
                },
                "strict": True,
            },
        },
        {"type": "function", "function": {"name": "no_arguments"}},
        {"type": "function", "function": {"name": "shared_schema", "parameters": WEATHER_PARAMETERS}},
    ]
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "What's the weather like in Boston today?"}],
        tools=tools,
        tool_choice="auto",
    )
    for call in completion.choices[0].message.tool_calls or []:
        if call.type == "function":
            print(call.function.name, call.function.arguments)


def chat_json_schema_response_format(client: OpenAI, schema: dict[str, Any]) -> None:
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Solve 8x + 7 = -23"}],
        response_format={
            "type": "json_schema",
            "json_schema": {
                "name": "math_answer",
                "schema": {
                    "type": "object",
                    "properties": {"steps": {"type": "array", "items": {"type": "string"}}, "final_answer": {"type": "string"}},
                    "required": ["steps", "final_answer"],
                    "additionalProperties": False,
                },
                "strict": True,
            },
        },
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Again"}],
        response_format={"type": "json_schema", "json_schema": {"name": "answer", "schema": Answer.model_json_schema()}},
    )
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Once more"}],
        response_format={"type": "json_schema", "json_schema": {"name": "given", "schema": schema}},
    )


def assistant_tools_and_formats(client: OpenAI) -> None:
    assistant = client.beta.assistants.create(
        model="gpt-4o",
        tools=[
            {"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_PARAMETERS}},
            {"type": "code_interpreter"},
        ],
        response_format={"type": "json_schema", "json_schema": {"name": "answer", "schema": Answer.model_json_schema()}},
        metadata={"team": "weather", "owner": "u_1"},
    )
    client.beta.threads.runs.create(
        thread_id="thread_abc",
        assistant_id=assistant.id,
        tools=[{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}],
        metadata={"attempt": "2"},
    )


def responses_function_tools(client: OpenAI) -> None:
    client.responses.create(
        model="gpt-4.1",
        input="What is the weather like in Paris today?",
        tools=[
            {
                "type": "function",
                "name": "get_weather",
                "description": "Get current temperature for a given location.",
                "parameters": {
                    "type": "object",
                    "properties": {"location": {"type": "string"}},
                    "required": ["location"],
                    "additionalProperties": False,
                },
                "strict": True,
            }
        ],
        text={"format": {"type": "json_schema", "name": "weather", "schema": WEATHER_PARAMETERS, "strict": True}},
        metadata={"request": "r_1"},
    )


def metadata_dicts(client: OpenAI, labels: dict[str, str]) -> None:
    client.beta.threads.create(metadata=labels)
    client.beta.threads.update("thread_abc", metadata={**labels, "stage": "review"})
    client.vector_stores.create(name="Support FAQ", metadata={"source": "faq"})
    client.beta.assistants.update("asst_abc", metadata={})
