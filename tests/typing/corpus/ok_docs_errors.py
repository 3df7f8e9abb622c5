"""Error handling, retries and timeouts as the official README writes them (only the
import lines changed). `fine_tuning.jobs` is not served by the local mock: its 404 shows
the `APIStatusError` branch."""

import httpx2

import typed_openai as openai
from typed_openai import OpenAI

client = OpenAI()

try:
    client.fine_tuning.jobs.create(
        model="gpt-4o",
        training_file="file-abc123",
    )
except openai.APIConnectionError as e:
    print("The server could not be reached")
    print(e.__cause__)  # an underlying Exception, likely raised within httpx2.
except openai.RateLimitError as e:
    print("A 429 status code was received; we should back off a bit.")
except openai.APIStatusError as e:
    print("Another non-200-status code was received")
    print(e.status_code)
    print(e.response)
    print(e.body)

try:
    client.models.retrieve("gpt-0")
except openai.NotFoundError as e:
    print(e.status_code, e.code, e.message)

# Configure the default for all requests:
client = OpenAI(
    # default is 2
    max_retries=0,
)

# Or, configure per-request:
client.with_options(max_retries=5).chat.completions.create(
    messages=[
        {
            "role": "user",
            "content": "How can I get the name of the current day in JavaScript?",
        }
    ],
    model="gpt-4o",
)

# Configure the default for all requests:
client = OpenAI(
    # 20 seconds (default is 10 minutes)
    timeout=20.0,
)

# More granular control:
client = OpenAI(
    timeout=httpx2.Timeout(60.0, read=5.0, write=10.0, connect=2.0),
)

# Override per-request:
client.with_options(timeout=5.0).chat.completions.create(
    messages=[
        {
            "role": "user",
            "content": "How can I list all files in a directory using Python?",
        }
    ],
    model="gpt-4o",
)

client = OpenAI(timeout=openai.Timeout(20.0, connect=5.0), max_retries=openai.DEFAULT_MAX_RETRIES)
with client:
    models = client.models.list()
    print([model.id for model in models])
client.close()

proxied = OpenAI(
    # Or use the `OPENAI_BASE_URL` env var
    base_url="http://my.test.server.example.com:8083/v1",
    http_client=openai.DefaultHttpx2Client(
        proxy="http://my.test.proxy.example.com",
        transport=httpx2.HTTPTransport(local_address="0.0.0.0"),
    ),
)
proxied.close()
