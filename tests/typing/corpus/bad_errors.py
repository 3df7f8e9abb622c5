"""Misusing the errors: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import APIConnectionError, APIStatusError, NotFoundError, OpenAI


def status_code_is_an_int(client: OpenAI) -> None:
    try:
        client.files.retrieve("file-1")
    except APIStatusError as e:
        if e.status_code == "404":  # E: mypy=comparison-overlap pyright=reportUnnecessaryComparison
            print("missing")


def connection_errors_have_no_status(client: OpenAI) -> None:
    try:
        client.files.retrieve("file-1")
    except APIConnectionError as e:
        print(e.status_code)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def no_such_attribute(client: OpenAI) -> None:
    try:
        client.files.retrieve("file-1")
    except NotFoundError as e:
        print(e.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def not_an_exception_class() -> None:
    try:
        pass
    except OpenAI:  # E: mypy=misc pyright=reportGeneralTypeIssues
        pass
