"""The base model of generated types, and tolerant parsing of API data into types."""

from __future__ import annotations

import datetime
import functools
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

import pydantic
import typing_extensions
from pydantic import ConfigDict
from pydantic.fields import FieldInfo

from ._logs import log

__all__ = ["BaseModel", "adapter", "construct_lenient", "event_data_adapters", "parse_data", "validate_or_construct"]

_T = TypeVar("_T")
_M = TypeVar("_M", bound=pydantic.BaseModel)


def _construct_unchecked(cls: type[_M], _fields_set: set[str] | None = None, **values: Any) -> _M:
    """A model from trusted data without validating it, as pydantic's `model_construct`,
    except that nested values are built into their declared types where they fit (a dict
    into its model, a list of dicts into a list of models; a union's member, an ISO
    datetime string are validated) and kept as given where they do not, as the official
    SDK's models do: `ChatCompletion.model_construct(**data)` gives `choices[0].message`
    as a model, not a dict."""
    return cast(_M, _construct_model(cls, values, _fields_set, validate=False))


# pydantic's own `model_construct` (the values exactly as given), which `BaseModel` replaces.
_PYDANTIC_CONSTRUCT: Callable[..., pydantic.BaseModel] = pydantic.BaseModel.__dict__["model_construct"].__func__


class BaseModel(pydantic.BaseModel):
    """Base of every generated model: keeps unknown fields (`extra="allow"`).

    Building a model's validator costs far more than creating its class, and a module of
    models holds many that one call never parses: each is built when first used.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=False,
        defer_build=True,
    )

    # The `x-request-id` of the response this object came in, as the official SDK's
    # `_request_id` (None for objects not parsed from a response). A class default that
    # `parse_response` shadows per instance: no cost for the many objects without one.
    _request_id: ClassVar[str | None] = None

    if not TYPE_CHECKING:
        # What runs; type checkers see pydantic's `model_construct` (the same parameters:
        # pydantic's mypy plugin writes that signature for each model) and its `construct`.
        model_construct = classmethod(_construct_unchecked)
        construct = model_construct  # pydantic v1's name, kept by the official SDK; no deprecation warning

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = False,
        by_alias: bool | None = None,
    ) -> dict[str, object]:
        """The fields as a dict; by default only those the API actually sent, under the
        API's names (`use_api_names`; `by_alias` is the same switch under pydantic's name).
        `warnings` is off by default: leniently parsed data (say, a new enum value) is
        expected here."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names if by_alias is None else by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = False,
        by_alias: bool | None = None,
    ) -> str:
        """`to_dict` as a JSON string, indented by `indent` (None: compact)."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names if by_alias is None else by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def __str__(self) -> str:
        # `print(completion)` names the class, as the official SDK's models do (pydantic's
        # own `str` leaves it out).
        return self.__repr__()


_adapters: dict[object, pydantic.TypeAdapter[object]] = {}


def _adapter(tp: object) -> pydantic.TypeAdapter[object]:
    # Building a TypeAdapter compiles a validator: do it once per type form.
    try:
        cached = _adapters.get(tp)
    except TypeError:  # an unhashable type form (rare): just do not cache it
        return pydantic.TypeAdapter(cast("type[object]", tp))
    if cached is None:
        cached = pydantic.TypeAdapter(cast("type[object]", tp))
        _adapters[tp] = cached
    return cached


def adapter(tp: object) -> pydantic.TypeAdapter[object]:
    """The cached TypeAdapter of a type form."""
    return _adapter(tp)


_event_data_adapters: dict[object, dict[str, pydantic.TypeAdapter[object]]] = {}


def event_data_adapters(event_type: object) -> dict[str, pydantic.TypeAdapter[object]]:
    """For a union of `{event: Literal[name], data: Model}` models: each name's data adapter.

    Validating an event's `data:` JSON text directly as the model its name selects (in
    pydantic's JSON parser) is about twice as fast as `json.loads` and then validating the
    union. Members whose data is not a model (the `done` event's "[DONE]") are left out.
    """
    try:
        cached = _event_data_adapters.get(event_type)
    except TypeError:
        cached = None
    if cached is not None:
        return cached
    found: dict[str, pydantic.TypeAdapter[object]] = {}
    union = _unwrap(event_type)
    origin = typing.get_origin(union)
    members = typing.get_args(union) if origin is typing.Union or origin is types.UnionType else (union,)
    for member in members:
        if not _is_model(member):
            continue
        fields = _field_types(member)
        event, data = _unwrap(fields.get("event")), _unwrap(fields.get("data"))
        if typing.get_origin(event) is not Literal or not _is_model(data):
            continue
        for name in typing.get_args(event):
            if isinstance(name, str):
                found.setdefault(name, _adapter(data))
    try:
        _event_data_adapters[event_type] = found
    except TypeError:
        pass
    return found


def parse_data(cast_to: type[_T], data: object) -> _T:
    """Validate `data` as `cast_to`; on mismatch, never fail: build it leniently.

    A newer API may add enum values, fields, or drop a field this client thinks is
    required. Strict validation is tried first (fast path); only on failure is the data
    walked and each part kept, valid or not.
    """
    return cast(_T, validate_or_construct(cast_to, data)[0])


def validate_or_construct(tp: object, data: object) -> tuple[object, bool]:
    """`(value, True)` if `data` validated as `tp`, else `(lenient value, False)`."""
    if tp is object:
        return data, True
    try:
        return _adapter(tp).validate_python(data), True
    except pydantic.ValidationError as exc:
        log.debug(
            "Response data did not match %s (%d errors); parsing leniently",
            getattr(tp, "__name__", tp),
            exc.error_count(),
        )
    return construct_lenient(tp, data), False


def _unwrap(tp: object) -> object:
    while True:
        if isinstance(tp, typing_extensions.TypeAliasType):
            tp = tp.__value__
        elif typing.get_origin(tp) is typing_extensions.Annotated:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _is_model(tp: object) -> typing.TypeGuard[type[pydantic.BaseModel]]:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def construct_lenient(tp: object, value: object, *, validate: bool = True) -> object:
    """Best-effort `tp` from `value`: valid parts validated, the rest kept as given.
    `validate=False`: nothing validated or coerced, only dicts built into their models
    (through lists, dicts and unions), as `BaseModel.model_construct` does."""
    if isinstance(tp, (str, typing.ForwardRef)):
        return value  # an unresolved type name: nothing to validate against
    if validate or _validated_even_unchecked(tp, value):
        try:
            return _adapter(tp).validate_python(value)
        except pydantic.ValidationError:
            pass
    tp = _unwrap(tp)
    if tp is float and type(value) is int:
        return float(value)  # an int where a float is declared: the same number
    if _is_model(tp):
        if isinstance(value, dict):
            return _construct_model(tp, cast("dict[str, object]", value), validate=validate)
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        return _construct_union(args, value, validate=validate)
    if origin is list and args and isinstance(value, list):
        return [
            construct_lenient(args[0], item, validate=validate) for item in cast("list[object]", value)
        ]
    if origin is dict and len(args) == 2 and isinstance(value, dict):
        items = cast("dict[object, object]", value).items()
        return {key: construct_lenient(args[1], item, validate=validate) for key, item in items}
    # Literal, enum, scalar mismatch: keep what the API sent.
    return value


def _validated_even_unchecked(tp: object, value: object) -> bool:
    """Whether `model_construct` validates this value anyway: a union (validation picks
    the member that fits), an ISO date or datetime string."""
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return True
    return (tp is datetime.datetime or tp is datetime.date) and isinstance(value, str)


@functools.cache
def _field_types(cls: type[pydantic.BaseModel]) -> dict[str, object]:
    """Each field's type, resolved.

    `FieldInfo.annotation` stays a `ForwardRef` for a field whose type is defined later
    in the module (e.g. `Run.required_action`), and a TypeAdapter of a ForwardRef
    raises; the class's type hints resolve it in its module.
    """
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except Exception:  # an unresolvable name: keep what pydantic has
        hints = {}
    return {
        name: _without_field_info(hints.get(name, field.annotation))
        for name, field in cls.model_fields.items()
    }


def _without_field_info(tp: object) -> object:
    """A field's `Annotated[X, Field(...)]` with only the metadata a TypeAdapter uses.

    `Field(...)` keywords such as `deprecated` or `examples` describe the model's field;
    pydantic warns when a TypeAdapter is given them. A discriminator is kept: it picks
    the union member to validate."""
    if typing.get_origin(tp) is not typing.Annotated:
        return tp
    base, *metadata = typing.get_args(tp)
    kept: list[object] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            if item.discriminator is not None:
                kept.append(pydantic.Field(discriminator=item.discriminator))
        else:
            kept.append(item)
    return typing.Annotated[(base, *kept)] if kept else base


def _construct_model(
    cls: type[pydantic.BaseModel],
    data: dict[str, object],
    given_fields_set: set[str] | None = None,
    *,
    validate: bool = True,
) -> pydantic.BaseModel:
    values: dict[str, object] = {}
    rest = dict(data)
    field_types = _field_types(cls)
    for name, field in cls.model_fields.items():
        for key in (field.alias, name):
            if key is not None and key in rest:
                values[name] = construct_lenient(field_types[name], rest.pop(key), validate=validate)
                break
    fields_set = set(values) if given_fields_set is None else given_fields_set
    for name, field in cls.model_fields.items():
        # A nullable field the data left out reads as None, not as a missing attribute
        # (mid-stream snapshots lack fields only the finished object has).
        if name not in values and field.is_required() and _admits_none(field_types[name]):
            values[name] = None
    # Left-over keys become extras (the model config allows them), reachable as attributes.
    return _PYDANTIC_CONSTRUCT(cls, _fields_set=fields_set, **values, **rest)


def _admits_none(tp: object) -> bool:
    tp = _unwrap(tp)
    if tp is None or tp is types.NoneType:
        return True
    origin = typing.get_origin(tp)
    return (origin is typing.Union or origin is types.UnionType) and any(_admits_none(arg) for arg in typing.get_args(tp))


def _literal_values(cls: type[pydantic.BaseModel]) -> dict[str, tuple[object, ...]]:
    found: dict[str, tuple[object, ...]] = {}
    for name, field in cls.model_fields.items():
        annotation = _unwrap(field.annotation)
        if typing.get_origin(annotation) is Literal:
            found[field.alias or name] = typing.get_args(annotation)
    return found


def _construct_union(members: tuple[object, ...], value: object, *, validate: bool = True) -> object:
    unchanged = value
    unwrapped = [_unwrap(member) for member in members]
    if isinstance(value, dict):
        data = cast("dict[str, object]", value)
        models = [member for member in unwrapped if _is_model(member)]
        if len(models) == 1:  # e.g. `Usage | None`: no choice to make
            return _construct_model(models[0], data, validate=validate)
        # Pick the member whose literal (discriminator-like) fields all match the data.
        for model in models:
            literals = _literal_values(model)
            if literals and all(
                data.get(key) in allowed for key, allowed in literals.items()
            ):
                return _construct_model(model, data, validate=validate)
    elif isinstance(value, list):
        for member in unwrapped:
            if typing.get_origin(member) is list:
                return construct_lenient(member, cast("list[object]", value), validate=validate)
    return unchanged
