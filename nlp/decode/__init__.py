"""Decode layer: bytes -> Page (charset, HTML sniffing, input checks)."""
