"""Render the IR with a template set: Jinja environment, escaping filters, manifest."""
