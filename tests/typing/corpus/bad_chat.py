"""Misusing chat completions: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import OpenAI


def stream_is_not_a_completion(client: OpenAI) -> None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], stream=True)
    print(completion.choices[0].message.content)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def unknown_role(client: OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "bot", "content": "Hi"}])  # E: mypy=list-item,misc pyright=reportArgumentType


def messages_are_required(client: OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o")  # E: mypy=call-overload pyright=reportCallIssue


def misspelled_keyword(client: OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o", messages=[], max_token=10)  # E: mypy=call-overload pyright=reportCallIssue


def temperature_is_a_number(client: OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o", messages=[], temperature="low")  # E: mypy=call-overload pyright=reportArgumentType


def a_completion_is_not_a_list_of_choices(client: OpenAI) -> None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[])
    print(completion[0])  # E: mypy=index pyright=reportIndexIssue
