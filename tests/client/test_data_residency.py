"""`data_residency=`: the API's regional endpoints (the config's `client.regions`), as the
official SDK's option: it picks the base URL, cannot come with `base_url=`, and an unknown
region is refused before anything is sent."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from typed_openai import OpenAI
from typed_openai.testing import JSONResponse, MockServer


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        running.route("GET", "/models", JSONResponse({"object": "list", "data": []}))
        yield running


def test_each_region_of_the_openai_config_names_its_endpoint() -> None:
    expected = {
        "global": "https://api.openai.com/v1/", "us": "https://us.api.openai.com/v1/",
        "eu": "https://eu.api.openai.com/v1/", "ae": "https://ae.api.openai.com/v1/",
    }
    for region, url in expected.items():
        assert str(OpenAI(api_key="k", data_residency=region).base_url) == url


def test_requests_go_to_the_regions_endpoint(server: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # a region wins over the variable
    identity = dataclasses.replace(OpenAI._identity, regions={"local": server.base_url})

    class LocalRegions(OpenAI):
        _identity = identity

    with LocalRegions(api_key="k", data_residency="local", max_retries=0) as client:
        assert client.models.list().data == []
        copy = client.with_options(timeout=5)  # a copy keeps the regional endpoint
        assert copy.base_url == client.base_url and copy.models.list().data == []
    assert [r.path for r in server.requests] == ["/models", "/models"]  # under the mock's base URL


def test_with_options_moves_a_client_to_another_region() -> None:
    client = OpenAI(api_key="k", base_url="http://127.0.0.1:9/v1")
    assert str(client.with_options(data_residency="eu").base_url) == "https://eu.api.openai.com/v1/"
    with pytest.raises(ValueError, match="mutually exclusive"):
        client.with_options(data_residency="eu", base_url="http://127.0.0.1:9/v1")


@pytest.mark.parametrize("region", ["mars", "EU", ""])
def test_an_unknown_region_is_refused_with_the_known_ones(region: str) -> None:
    with pytest.raises(ValueError, match="expected one of 'global', 'us', 'eu', 'ae'"):
        OpenAI(api_key="k", data_residency=region)


def test_a_region_and_a_base_url_are_mutually_exclusive() -> None:
    with pytest.raises(ValueError, match="mutually exclusive"):
        OpenAI(api_key="k", data_residency="us", base_url="http://127.0.0.1:9/v1")


def test_an_azure_client_refuses_a_region() -> None:
    from typed_openai import AzureOpenAI, OpenAIError

    client = AzureOpenAI(api_key="k", azure_endpoint="https://example-resource.azure.openai.com", api_version="2024-10-21")
    with pytest.raises(OpenAIError, match="azure_endpoint"):
        client.with_options(data_residency="eu")


def test_a_copy_with_base_url_none_keeps_the_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    regional = OpenAI(api_key="k", data_residency="eu")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://changed.example/v1")  # not read again by a copy
    assert regional.with_options(base_url=None).base_url == regional.base_url
    assert regional.copy().base_url == regional.base_url
