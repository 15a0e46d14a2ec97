"""Background jobs that must run once however many processes serve: a claim per job and time slot."""
