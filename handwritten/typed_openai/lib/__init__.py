"""The handwritten overlay: what the spec cannot say (assistant streaming, polling and
upload helpers).

It builds on the generated resources and types; the generated client reaches it only
through the `extensions` declared in `spec/config.yaml`.
"""
