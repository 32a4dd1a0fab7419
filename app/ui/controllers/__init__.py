"""Wiring between views and services."""
