"""What migration 0006 runs, frozen: analysis cleaning, language, respondent and themes."""
