"""Each helper takes exactly the parameters of the generated method it wraps.

The `*_and_poll` helpers take them through the generated `...Keywords` TypedDicts, so
they follow a spec update by construction; this checks that construction (and the upload
helpers, whose signatures are written out) through `inspect.signature` with annotations
resolved.
"""

from __future__ import annotations

import functools
import inspect
import operator
import sys
import types
import typing
from collections.abc import Callable

from typing_extensions import Unpack

import pytest

import typed_openai.types
import typed_openai.types._params as params_module
from typed_openai._core import Omit
from typed_openai.lib.polling import file_batches, runs, threads, vector_store_files
from typed_openai.resources.beta.threads import AsyncThreads, Threads
from typed_openai.resources.beta.threads.runs import AsyncRuns, Runs
from typed_openai.resources.vector_stores.file_batches import AsyncFileBatches, FileBatches
from typed_openai.resources.vector_stores.files import AsyncFiles, Files

POLLING_OPTIONS = {"poll_interval_ms", "max_wait_seconds"}
Shape = dict[str, tuple[inspect._ParameterKind, object, object]]


class _TypesFallback(dict[str, object]):
    """Local names for resolving annotations: any other name is looked up in `typed_openai.types`."""

    def __missing__(self, name: str) -> object:
        try:
            return getattr(typed_openai.types, name)
        except AttributeError:
            raise KeyError(name) from None  # then globals and builtins


def declared_signature(function: Callable[..., object]) -> inspect.Signature:
    """The signature as written, `**params` included (`keywords_of` gives helpers their
    expanded runtime one, checked in tests/lib/test_helper_signatures.py); a wrapper's
    (a deprecated method's warning) is the one of the function it wraps."""
    function = inspect.unwrap(function)
    assert isinstance(function, types.FunctionType)
    copy = types.FunctionType(function.__code__, function.__globals__, function.__name__, function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__annotations__ = function.__annotations__
    return inspect.signature(copy)


def shape(function: Callable[..., object]) -> Shape:
    """name -> (kind, default, resolved annotation), without `self`."""
    module = sys.modules[function.__module__]
    # The modules import parameter and model types under TYPE_CHECKING only: resolve
    # against them too.
    namespace = {**vars(params_module), **vars(module)}
    hints = typing.get_type_hints(function, globalns=namespace, localns=_TypesFallback())
    return {
        name: (parameter.kind, parameter.default, hints[name])
        for name, parameter in declared_signature(function).parameters.items()
        if name != "self"
    }


def without(shape_: Shape, names: set[str]) -> Shape:
    return {name: value for name, value in shape_.items() if name not in names}


# (helper, wrapped generated method, parameters of the wrapped method the helper drops)
WRAPPERS: list[tuple[Callable[..., object], Callable[..., object], set[str]]] = [
    (runs.RunsWithPolling.create_and_poll, Runs.create, {"stream"}),
    (runs.AsyncRunsWithPolling.create_and_poll, AsyncRuns.create, {"stream"}),
    (runs.RunsWithPolling.submit_tool_outputs_and_poll, Runs.submit_tool_outputs, {"stream"}),
    (runs.AsyncRunsWithPolling.submit_tool_outputs_and_poll, AsyncRuns.submit_tool_outputs, {"stream"}),
    (threads.ThreadsWithPolling.create_and_run_poll, Threads.create_and_run, {"stream"}),
    (threads.AsyncThreadsWithPolling.create_and_run_poll, AsyncThreads.create_and_run, {"stream"}),
    (file_batches.FileBatches.create_and_poll, FileBatches.create, set()),
    (file_batches.AsyncFileBatches.create_and_poll, AsyncFileBatches.create, set()),
]


def _without_omit(annotation: object) -> object:
    """`X | Omit` -> `X`: a keyword a `**params` call leaves out is simply not passed."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(annotation) if arg is not Omit]
        return functools.reduce(operator.or_, kept) if len(kept) > 1 else kept[0]
    return annotation


def _fields(typed_dict: type) -> dict[str, object]:
    """A TypedDict's field types, `Required[...]` unwrapped. Its module imports the param
    types under TYPE_CHECKING only, and TypedDict forward references are bound to their
    module, so each is evaluated here against the params as well."""
    namespace = {**vars(params_module), **vars(sys.modules[typed_dict.__module__]), "Required": typing.Required}
    out: dict[str, object] = {}
    for name, annotation in typed_dict.__annotations__.items():
        if isinstance(annotation, typing.ForwardRef):
            annotation = eval(annotation.__forward_arg__, namespace)  # noqa: S307 -- generated annotation text
        if typing.get_origin(annotation) is typing.Required:
            (annotation,) = typing.get_args(annotation)
        out[name] = annotation
    return out


@pytest.mark.parametrize(("helper", "wrapped", "dropped"), WRAPPERS, ids=lambda x: getattr(x, "__qualname__", ""))
def test_and_poll_takes_the_wrapped_methods_parameters(
    helper: Callable[..., object], wrapped: Callable[..., object], dropped: set[str]
) -> None:
    """Positional parameters as the wrapped method's, the polling options, then
    `**params: Unpack[<the generated ...Keywords>]` holding exactly its keyword arguments."""
    helper_shape = shape(helper)
    wrapped_shape = without(shape(wrapped), dropped)
    for name in POLLING_OPTIONS:
        assert helper_shape[name][0] is inspect.Parameter.KEYWORD_ONLY
    positional = {n: v for n, v in wrapped_shape.items() if v[0] is not inspect.Parameter.KEYWORD_ONLY}
    assert {n: v for n, v in helper_shape.items() if v[0] is inspect.Parameter.POSITIONAL_OR_KEYWORD} == positional

    (kind, _default, unpacked), = [v for v in helper_shape.values() if v[0] is inspect.Parameter.VAR_KEYWORD]
    assert typing.get_origin(unpacked) is Unpack
    (keywords,) = typing.get_args(unpacked)
    fields = _fields(keywords)
    expected = {n: _without_omit(v[2]) for n, v in wrapped_shape.items() if n not in positional}
    assert fields == expected
    # (not `__required_keys__`: with postponed annotations it cannot see `Required[...]`)
    required = {n for n, a in keywords.__annotations__.items() if str(getattr(a, "__forward_arg__", a)).startswith("Required[")}
    assert required == {n for n, v in wrapped_shape.items() if n not in positional and v[1] is inspect.Parameter.empty}


@pytest.mark.parametrize(
    ("helper", "wrapped"),
    [(vector_store_files.Files.create_and_poll, Files.create), (vector_store_files.AsyncFiles.create_and_poll, AsyncFiles.create)],
    ids=["sync", "async"],
)
def test_file_create_and_poll_takes_the_file_id_first(helper: Callable[..., object], wrapped: Callable[..., object]) -> None:
    """As in the official SDK, `create_and_poll(file_id, *, vector_store_id=...)`: the
    wrapped `create(vector_store_id, *, file_id=...)` with its two ids swapped, the rest
    through the generated `CreateVectorStoreFileKeywords`."""
    helper_shape, wrapped_shape = shape(helper), shape(wrapped)
    assert list(helper_shape)[:2] == ["file_id", "vector_store_id"]
    assert helper_shape["file_id"] == (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty, str)
    assert helper_shape["vector_store_id"] == (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.empty, str)
    assert wrapped_shape["vector_store_id"][0] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    (_kind, _default, unpacked), = [v for v in helper_shape.values() if v[0] is inspect.Parameter.VAR_KEYWORD]
    (keywords,) = typing.get_args(unpacked)
    rest = without(wrapped_shape, {"vector_store_id", "file_id"})
    assert _fields(keywords) == {n: _without_omit(v[2]) for n, v in rest.items()}


def test_upload_helpers_take_the_attach_parameters() -> None:
    # upload(file=...) replaces create(file_id=...); the rest is create's, keyword-only.
    create = without(shape(Files.create), {"file_id", "vector_store_id"})
    upload = shape(vector_store_files.Files.upload)
    assert without(upload, {"file", "vector_store_id"}) == create
    assert without(shape(vector_store_files.Files.upload_and_poll), POLLING_OPTIONS) == upload
    assert without(shape(vector_store_files.AsyncFiles.upload_and_poll), POLLING_OPTIONS) == upload

    batch_create = without(shape(FileBatches.create), {"file_ids", "files"})
    for helper in (file_batches.FileBatches.upload_and_poll, file_batches.AsyncFileBatches.upload_and_poll):
        uploads = shape(helper)
        assert without(uploads, POLLING_OPTIONS | {"files", "file_ids", "max_concurrency"}) == batch_create
        assert uploads["max_concurrency"][1] == 5


@pytest.mark.parametrize(
    ("sync_method", "async_method"),
    [
        (runs.RunsWithPolling.poll, runs.AsyncRunsWithPolling.poll),
        (vector_store_files.Files.poll, vector_store_files.AsyncFiles.poll),
        (vector_store_files.Files.upload, vector_store_files.AsyncFiles.upload),
        (file_batches.FileBatches.poll, file_batches.AsyncFileBatches.poll),
    ],
    ids=lambda x: getattr(x, "__qualname__", ""),
)
def test_async_twins_match(sync_method: Callable[..., object], async_method: Callable[..., object]) -> None:
    assert inspect.iscoroutinefunction(async_method)
    assert shape(sync_method) == shape(async_method)


def test_poll_methods_follow_their_retrieve() -> None:
    # poll(id, <parent id>, ...) as the official SDK; the retrieve's request options.
    retrieve = shape(Runs.retrieve)
    poll = shape(runs.RunsWithPolling.poll)
    assert list(poll)[:2] == ["run_id", "thread_id"]
    assert without(poll, POLLING_OPTIONS | {"thread_id"}) == without(retrieve, {"thread_id"})
    for helper, generated in ((vector_store_files.Files.poll, Files.retrieve), (file_batches.FileBatches.poll, FileBatches.retrieve)):
        assert without(shape(helper), POLLING_OPTIONS) == shape(generated)
