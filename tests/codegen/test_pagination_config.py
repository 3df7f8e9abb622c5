"""How list operations page is the config's `pagination` section: shapes the builder tries
in order, each passed to the runtime as a `PageShape` constant."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.config import ConfigError, PageShapeConfig, load_config
from codegen.render import render_page_shapes
from codegen.ir import Resource

PROJECT = Path(__file__).resolve().parents[2]


def test_openai_pages_by_its_after_cursor() -> None:
    paging = load_config(PROJECT / "spec").pagination
    assert paging.shapes == (PageShapeConfig("cursor", "after", ("last_id", "next"), "id", "has_more"),)
    assert paging.unfollowed_params == ("page",)


def test_the_pinned_client_pages_as_before(pinned_generation: tuple[dict[str, str], Resource]) -> None:
    files, tree = pinned_generation
    pages = {
        f"{'.'.join(node.path)}.{op.method_name}": (op.response.page_class, op.response.shape)
        for node in tree.walk() for op in node.operations if op.response.kind == "page"
    }
    assert pages["files.list"] == ("CursorPage", "cursor")
    assert pages["beta.threads.runs.list"] == ("CursorPage", "cursor")
    assert pages["models.list"] == ("SinglePage", "")
    assert "admin.organization.usage.costs" not in pages  # a `page` token: the object
    assert sum(shape == "cursor" for _cls, shape in pages.values()) > 40
    assert "shape=CURSOR)" in files["typed_openai/resources/files.py"]


def test_shapes_render_as_constants() -> None:
    source = render_page_shapes([PageShapeConfig("token", "page_token", ("next_page_token",))])
    namespace: dict[str, object] = {}
    exec(compile(source, "_page_shapes.py", "exec"), namespace)  # noqa: S102 - our own output
    from typed_openai._core import PageShape

    assert namespace["TOKEN"] == PageShape(param="page_token", cursor_fields=("next_page_token",))
    assert namespace["__all__"] == ["TOKEN"]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("shapes: {Cursor: {param: after, cursor: [next]}}", "pagination.shapes.Cursor: a shape's name is lower-case"),
        ("shapes: {c: {cursor: [next]}}", "pagination.shapes.c: expected 'param'"),
        ("shapes: {c: {param: after}}", "says nowhere where the next cursor comes from"),
        ("shapes: {c: {param: after, cursor: next}}", "pagination.shapes.c.cursor: expected a list"),
        ("pages: {}", "pagination: unknown keys \\['pages'\\]"),
    ],
)
def test_a_bad_shape_is_refused_by_name(tmp_path: Path, section: str, message: str) -> None:
    (tmp_path / "config.yaml").write_text(f"pagination: {{{section}}}\n")
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)


def test_a_shape_no_operation_takes_is_a_warning(tmp_path: Path) -> None:
    from codegen.normalize import normalize
    from codegen.validate import WARNING, check_config

    spec = normalize({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/things": {"get": {"operationId": "listThings", "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}}],
                            "responses": {"200": {"description": "ok"}}}},
    }})
    (tmp_path / "config.yaml").write_text(
        "pagination: {shapes: {cursor: {param: cursor, cursor: [next]}, after: {param: after, cursor: [last_id]}}}\n"
    )
    problems = check_config(spec, load_config(tmp_path))
    assert problems == [f"{WARNING}pagination.shapes.after: no GET operation takes the query parameter 'after'"]
