"""Delbar: a sharing service for Swedish municipalities."""
