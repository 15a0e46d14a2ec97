"""Codes: the text on QR labels, created in print batches and linked to items or locations."""
