"""The incremental SSE decoder, against the WHATWG event-stream rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_openai._core import ServerSentEvent, SSEDecoder


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.end())
    return events


def test_basic_event() -> None:
    assert decode(b"event: ping\ndata: {}\n\n") == [
        ServerSentEvent(event="ping", data="{}")
    ]


def test_default_event_type_is_message() -> None:
    assert decode(b"data: x\n\n") == [ServerSentEvent(event="message", data="x")]


def test_crlf_cr_and_lf_line_endings() -> None:
    expected = [
        ServerSentEvent(event="a", data="1"),
        ServerSentEvent(event="b", data="2"),
    ]
    assert decode(b"event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n") == expected
    assert decode(b"event: a\rdata: 1\r\revent: b\rdata: 2\r\r") == expected
    assert decode(b"event: a\ndata: 1\r\n\revent: b\rdata: 2\n\n") == expected


def test_crlf_split_across_chunks_is_one_line_ending() -> None:
    # "\r" at a chunk end, "\n" at the next chunk start: one terminator, not a blank line.
    events = decode(b"data: 1\r", b"\ndata: 2\r", b"\n\r", b"\n")
    assert events == [ServerSentEvent(data="1\n2")]


def test_cr_at_chunk_end_dispatches_without_waiting() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: x\r") == []
    # The blank line is complete at its CR: the event comes out before any further byte.
    assert decoder.feed(b"\r") == [ServerSentEvent(data="x")]
    assert decoder.feed(b"\ndata: y\n\n") == [ServerSentEvent(data="y")]


def test_split_inside_field_name_and_multibyte_character() -> None:
    payload = "data: héllo ☃\n\n".encode()
    chunks = [payload[i : i + 1] for i in range(len(payload))]
    assert decode(*chunks) == [ServerSentEvent(data="héllo ☃")]


def test_leading_bom_is_stripped_even_when_split() -> None:
    assert decode(b"\xef\xbb\xbfdata: a\n\n") == [ServerSentEvent(data="a")]
    assert decode(b"\xef", b"\xbb", b"\xbfdata: a\n\n") == [ServerSentEvent(data="a")]
    # Only one, and only at the very start.
    assert decode(b"data: \xef\xbb\xbfa\n\n") == [ServerSentEvent(data="\ufeffa")]


def test_comments_are_ignored() -> None:
    assert decode(b": keep-alive\n\n:\ndata: a\n: more\n\n") == [
        ServerSentEvent(data="a")
    ]


def test_multiline_data_joined_with_newline() -> None:
    assert decode(b"data: a\ndata:b\ndata\ndata:  c\n\n") == [
        ServerSentEvent(data="a\nb\n\n c")
    ]


def test_empty_data_line_dispatches_empty_string() -> None:
    assert decode(b"data\n\n") == [ServerSentEvent(data="")]


def test_block_without_data_dispatches_nothing_and_resets_event_type() -> None:
    assert decode(b"event: x\n\ndata: y\n\n") == [
        ServerSentEvent(event="message", data="y")
    ]


def test_id_persists_and_null_ids_are_ignored() -> None:
    events = decode(
        b"id: 1\ndata: a\n\ndata: b\n\nid: 2\x00\ndata: c\n\nid\ndata: d\n\n"
    )
    assert [e.id for e in events] == ["1", "1", "1", ""]


def test_retry_only_digits() -> None:
    events = decode(
        b"retry: 3000\ndata: a\n\nretry: 1.5\ndata: b\n\nretry: x\ndata: c\n\n"
    )
    assert [e.retry for e in events] == [3000, 3000, 3000]


def test_unknown_fields_ignored_and_value_space_stripped_once() -> None:
    assert decode(b"foo: bar\ndata:  two spaces\n\n") == [
        ServerSentEvent(data=" two spaces")
    ]


def test_unterminated_trailing_event_is_discarded() -> None:
    assert decode(b"data: a\n\ndata: b\n") == [ServerSentEvent(data="a")]
    assert decode(b"data: a\n\ndata: b") == [ServerSentEvent(data="a")]


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert decode(b"data: \xff\n\n") == [ServerSentEvent(data="\ufffd")]


STREAM = (
    b'\xef\xbb\xbf: hello\r\nevent: thread.created\r\nid: 7\r\ndata: {"a": 1}\r\n\r\n'
    b"retry: 10\rdata: line1\rdata: line2\r\r"
    b"event: done\ndata: [DONE]\n\n"
    b"data: partial"
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=12))
def test_any_chunking_gives_the_same_events(cuts: list[int]) -> None:
    bounds = [0, *sorted(cuts), len(STREAM)]
    chunks = [STREAM[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    assert decode(*chunks) == decode(STREAM)
    assert decode(STREAM) == [
        ServerSentEvent(event="thread.created", data='{"a": 1}', id="7"),
        ServerSentEvent(data="line1\nline2", id="7", retry=10),
        ServerSentEvent(event="done", data="[DONE]", id="7", retry=10),
    ]


LF_STREAM = (
    "event: thread.message.delta\ndata: {\"value\": \"héllo wörld ✓ 🙂\"}\n\n".encode()
    + b": keep-alive\n"
    + b"data: bad \xff\xfe byte\ndata: second line\n\n"
    + "id: 9\nevent: done\ndata: 終わり\n\n".encode()
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(LF_STREAM)), max_size=12))
def test_any_chunking_of_an_lf_stream_gives_the_same_events(cuts: list[int]) -> None:
    """LF-only chunks are decoded a run of lines at a time: splits inside a multi-byte
    character or an invalid byte sequence must not change the result."""
    bounds = [0, *sorted(cuts), len(LF_STREAM)]
    chunks = [LF_STREAM[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    assert decode(*chunks) == [
        ServerSentEvent(event="thread.message.delta", data='{"value": "héllo wörld ✓ 🙂"}'),
        ServerSentEvent(data="bad \ufffd\ufffd byte\nsecond line"),
        ServerSentEvent(event="done", data="終わり", id="9"),
    ]
