"""Every helper that takes `**params: Unpack[...Keywords]` shows, at runtime, the parameters
its checkers see (issue 15): `inspect.signature` (IPython, Jupyter, `help()`) lists the
wrapped operation's keyword arguments, with the same annotations and defaults."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import pytest

import typed_openai.lib
from typed_openai import AsyncOpenAI, OpenAI

_UNPACK = re.compile(r"^Unpack\[(\w+)\]$")


def _helpers() -> list[tuple[str, Callable[..., Any]]]:
    """(qualified name, function) of every method in `typed_openai.lib` taking `**params: Unpack[...]`."""
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.walk_packages(typed_openai.lib.__path__, "typed_openai.lib."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for name, function in vars(cls).items():
                if inspect.isfunction(function) and any(_UNPACK.match(str(a)) for a in function.__annotations__.values()):
                    found[f"{cls.__module__}.{cls.__qualname__}.{name}"] = function
    return sorted(found.items())


HELPERS = _helpers()


def test_the_helpers_are_found() -> None:
    names = {name for name, _ in HELPERS}
    short = {name.rsplit(".", 1)[1] for name in names}
    assert {"stream", "create_and_poll", "submit_tool_outputs_stream", "create_and_run_poll", "create_and_run_stream"} <= short
    for helper in (  # the structured-output and video helpers, sync and async
        "chat.completions.Completions.parse", "chat.completions.AsyncCompletions.stream",
        "responses.resource.Responses.stream", "responses.resource.AsyncResponses.parse",
        "polling.videos.Videos.create_and_poll", "polling.videos.AsyncVideos.create_and_poll",
        "chat.completions.CompletionsWithRawResponse.parse", "chat.completions.AsyncCompletionsWithStreamingResponse.parse",
        "responses.resource.ResponsesWithRawResponse.parse", "responses.resource.AsyncResponsesWithRawResponse.parse",
    ):  # fmt: skip
        assert f"typed_openai.lib.{helper}" in names
    assert len(HELPERS) >= 32


@pytest.mark.parametrize(("name", "helper"), HELPERS, ids=[name for name, _ in HELPERS])
def test_a_helper_lists_the_keyword_arguments_of_the_operation_it_wraps(name: str, helper: Callable[..., Any]) -> None:
    wrapped = getattr(helper, "__keywords_of__", None)
    assert wrapped is not None, f"{name} takes **params but is not decorated with `keywords_of(<the operation>)`"
    shown = inspect.signature(helper).parameters
    assert not [p for p in shown.values() if p.kind is inspect.Parameter.VAR_KEYWORD], f"{name} still shows **params"
    code = helper.__code__  # the parameters the helper itself declares, `**params` left out
    own_names = set(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
    expected = {
        n: p for n, p in inspect.signature(wrapped).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and n != "stream" and n not in own_names
    }  # fmt: skip
    taken = {n: p for n, p in shown.items() if n not in own_names}
    assert taken == expected  # names, kinds, annotations and defaults
    # ... and exactly the keys of the `...Keywords` TypedDict the checkers unpack
    (unpacked,) = [m for a in helper.__annotations__.values() if (m := _UNPACK.match(str(a)))]
    keywords = helper.__globals__[unpacked[1]]
    assert set(taken) == set(keywords.__annotations__)
    # `Required[...]` (a total=False TypedDict's required keys): written as text, under postponed annotations
    required = {k for k, a in keywords.__annotations__.items() if str(getattr(a, "__forward_arg__", a)).startswith("Required[")}
    assert {n for n in taken if taken[n].default is inspect.Parameter.empty} == required | set(keywords.__required_keys__)


def test_introspecting_the_client_shows_what_a_stream_needs() -> None:
    client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9")
    shown = inspect.signature(client.beta.threads.runs.stream)
    assert list(shown.parameters)[:2] == ["thread_id", "event_handler"]
    assert shown.parameters["assistant_id"].default is inspect.Parameter.empty
    assert "additional_messages" in shown.parameters and "stream" not in shown.parameters
    asynchronous = AsyncOpenAI(api_key="sk-test", base_url="http://127.0.0.1:9")
    assert inspect.signature(asynchronous.beta.threads.runs.create_and_poll).parameters.keys() >= {"assistant_id", "poll_interval_ms"}


def test_introspecting_the_client_shows_what_parse_and_stream_take() -> None:
    client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9")
    parse = inspect.signature(client.chat.completions.parse).parameters
    assert list(parse)[0] == "response_format" and parse["model"].default is inspect.Parameter.empty
    assert parse["messages"].default is inspect.Parameter.empty and "stream" not in parse
    responses = inspect.signature(client.responses.stream).parameters
    assert list(responses)[:4] == ["response_id", "starting_after", "text_format", "tools"]
    assert {"input", "model", "instructions"} <= responses.keys()
    raw = inspect.signature(client.chat.completions.with_raw_response.parse).parameters
    assert list(raw)[0] == "response_format" and raw["messages"].default is inspect.Parameter.empty
    videos = inspect.signature(AsyncOpenAI(api_key="sk-test", base_url="http://127.0.0.1:9").videos.create_and_poll).parameters
    assert {"prompt", "model", "poll_interval_ms", "max_wait_seconds"} <= videos.keys()


def test_keywords_of_refuses_a_helper_without_params() -> None:
    from typed_openai.lib._signatures import keywords_of

    def wrapped(*, a: int) -> None: ...

    with pytest.raises(TypeError, match="takes no \\*\\*params"):
        keywords_of(wrapped)(lambda x: x)
