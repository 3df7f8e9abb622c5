"""Misusing the module-level client: each marked line must be reported by both checkers."""

import typed_openai as openai


def settings_have_types() -> None:
    openai.api_key = 42  # E: mypy=assignment pyright=none -- pyright does not check assignments to another module's variables
    openai.max_retries = "3"  # E: mypy=assignment pyright=none


def resources_are_typed() -> None:
    openai.chat.completions.create(model="gpt-4o")  # E: mypy=call-overload pyright=reportCallIssue
    openai.embeddings.craete(model="text-embedding-3-small", input="x")  # E: mypy=attr-defined pyright=reportAttributeAccessIssue,reportUnknownMemberType


def no_such_resource() -> None:
    openai.chatt.completions.create(model="gpt-4o", messages=[])  # E: mypy=attr-defined pyright=reportAttributeAccessIssue,reportUnknownMemberType
