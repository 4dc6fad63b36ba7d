"""Hand-offs to the drafting team: files written from stored proposals."""
