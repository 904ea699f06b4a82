"""The content model: built once per build, read by every plugin and template."""
