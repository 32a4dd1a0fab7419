"""Widgets that lay things out."""
