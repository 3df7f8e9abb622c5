"""Text to speech as OpenAI's docs write it (only the import line changed; the file is
written to the working directory rather than beside the script)."""

from pathlib import Path

from typed_openai import OpenAI

client = OpenAI()
speech_file_path = Path("speech.mp3")

with client.audio.speech.with_streaming_response.create(
    model="gpt-4o-mini-tts",
    voice="coral",
    input="Today is a wonderful day to build something people love!",
    instructions="Speak in a cheerful and positive tone.",
) as response:
    response.stream_to_file(speech_file_path)

print(speech_file_path.stat().st_size)

speech = client.audio.speech.create(
    model="gpt-4o-mini-tts",
    voice="coral",
    input="Today is a wonderful day to build something people love!",
)
speech.write_to_file("speech2.mp3")
print(Path("speech2.mp3").read_bytes() == speech_file_path.read_bytes())
