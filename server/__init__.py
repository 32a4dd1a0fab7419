"""The reference city server: enrolled communities, the change sequence and packages."""
