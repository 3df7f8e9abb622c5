"""The handwritten overlay: helpers built on the generated resources (polling, uploads)."""
