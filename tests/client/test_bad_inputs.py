"""Small mistakes get a clear error before anything is sent: NaN in a JSON parameter, a
header with CR/LF or a value that is not a string; and a sync client dropped without
`close()` closes its own pool instead of leaving its sockets to the garbage collector."""

from __future__ import annotations

import gc
import math
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from typed_openai import OpenAI
from typed_openai.testing import JSONResponse, MockServer, list_object

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        s.route("GET", "/models", JSONResponse(list_object([])))
        yield s


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_non_finite_float_is_refused_and_named(server: MockServer, value: float) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(ValueError, match="NaN or an infinite float.*temperature"):
            client.chat.completions.create(model="m", messages=MESSAGES, temperature=value)  # type: ignore[arg-type] # plain dicts, as users pass them
    assert server.requests == []


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\x00b"])
def test_a_header_with_cr_or_lf_is_refused_before_sending(server: MockServer, value: str) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(ValueError, match="'X-Custom'.*nothing was sent") as caught:
            client.chat.completions.create(model="m", messages=MESSAGES, extra_headers={"X-Custom": value})  # type: ignore[arg-type] # as above
    assert value not in str(caught.value)  # a header value may be a secret
    assert server.requests == []


def test_a_header_value_that_is_not_a_string_is_a_type_error(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(TypeError, match="'X' must be a string.*int"):
            client.models.list(extra_headers={"X": 5})  # type: ignore[dict-item] # the mistake under test
    assert server.requests == []


def test_an_invalid_header_name_is_refused(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(ValueError, match="Invalid header name"):
            client.models.list(extra_headers={"Bad Name": "x"})
    assert server.requests == []


def test_a_dropped_sync_client_closes_its_pool(server: MockServer) -> None:
    client = OpenAI(api_key="sk-test", base_url=server.base_url)
    with ThreadPoolExecutor(8) as pool:  # several connections at once
        list(pool.map(lambda _: client.models.list(), range(16)))
    gc.collect()  # what earlier tests left is not this client's
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del client
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_copy_keeps_the_pool_after_the_original_is_dropped(server: MockServer) -> None:
    copy = OpenAI(api_key="sk-test", base_url=server.base_url).with_options(max_retries=0)
    gc.collect()
    with copy:
        assert list(copy.models.list()) == []
