"""The SSE decoder against a reference written straight from the WHATWG rules
(html.spec.whatwg.org, "Interpreting an event stream"), on generated streams cut into
arbitrary chunks: every field kind, comments, blank lines, `\\r\\n`/`\\n`/`\\r` mixed, a BOM."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_openai._core import ServerSentEvent, SSEDecoder


def reference_events(stream: bytes) -> list[ServerSentEvent]:
    """Whole-stream, line-by-line: the spec's algorithm with no incremental state."""
    text = stream.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = re.split(r"\r\n|\r|\n", text)
    lines.pop()  # the part after the last line ending is not a line: discarded at EOF
    events: list[ServerSentEvent] = []
    event_type, data, last_id, retry = "", "", None, None
    for line in lines:
        if line == "":
            if data:
                events.append(ServerSentEvent(event=event_type or "message", data=data[:-1], id=last_id, retry=retry))
            event_type, data = "", ""
            continue
        if line.startswith(":"):
            continue
        if ":" in line:
            field, value = line.split(":", 1)
            if value.startswith(" "):
                value = value[1:]
        else:
            field, value = line, ""
        if field == "event":
            event_type = value
        elif field == "data":
            data += value + "\n"
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value and all(c in "0123456789" for c in value):
            retry = int(value)
    return events


values = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n", exclude_categories=("Cs",)), max_size=12)
field_lines = st.one_of(
    st.tuples(st.sampled_from(["data", "event", "id", "retry", "other", ""]), st.sampled_from([":", ": ", ""]), values).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"
    ),
    st.from_regex(r"retry: ?[0-9]{1,4}", fullmatch=True),
    values.map(lambda v: ":" + v),  # a comment
    st.just(""),  # a blank line dispatches
)
endings = st.sampled_from(["\n", "\r", "\r\n"])


@st.composite
def streams(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.tuples(field_lines, endings), max_size=25))
    text = "".join(line + end for line, end in lines)
    if draw(st.booleans()):
        text += draw(field_lines)  # an unterminated tail
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


def decode_in_chunks(stream: bytes, cuts: list[int]) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    bounds = [0, *sorted(c % (len(stream) + 1) for c in cuts), len(stream)]
    for start, end in zip(bounds, bounds[1:]):
        events += decoder.feed(stream[start:end])
    events += decoder.end()
    return events


@settings(max_examples=600, deadline=None)
@given(streams(), st.lists(st.integers(min_value=0), max_size=10))
def test_the_decoder_matches_the_reference_for_any_stream_and_chunking(stream: bytes, cuts: list[int]) -> None:
    assert decode_in_chunks(stream, cuts) == reference_events(stream)


@settings(max_examples=500, deadline=None)
@given(streams())
def test_one_byte_at_a_time_matches_the_reference(stream: bytes) -> None:
    assert decode_in_chunks(stream, list(range(len(stream)))) == reference_events(stream)
