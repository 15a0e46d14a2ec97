"""Tracking: the scan log and the item state machine it drives."""
