"""The city server's JSON API under ``/api/v1/`` (docs/sync-http.md)."""
