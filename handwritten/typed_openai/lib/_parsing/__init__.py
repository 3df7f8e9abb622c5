"""The structured-output parsing helpers under the official SDK's private paths.

Its users' code and tests import `openai.lib._parsing._completions.ResponseFormatT` and
`openai.lib._parsing._responses.parse_response`; the modules here give those names over this
package's own helpers (`lib.chat`, `lib.responses`). Each module loads its area's models,
so this package imports neither.
"""
