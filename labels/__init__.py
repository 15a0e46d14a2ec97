"""Delbar labels: code text, QR payloads and printable label documents, as pure functions."""
