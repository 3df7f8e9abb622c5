#!/usr/bin/env bash
# The main job on a fresh machine: set up, regenerate the client from the pinned spec,
# then stream an assistant's answer from the bundled local mock server.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC="${SPEC:-../shared/spec/openai-openapi-f85dbe2.yaml}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/python -m codegen generate --spec "$SPEC"
.venv/bin/python examples/assistant_streaming.py
