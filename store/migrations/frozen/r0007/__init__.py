"""What migration 0007 runs, frozen: parse identity, headers, subject, text and charset."""
