"""Figures on demand, never run by the tests: `python -m bench.NAME` from the repository root.

suite            issue 11's performance goals in one command (README "Performance"); built from
                 mailboxes (generated mail), workbench (Dovecot, databases, configs), goals,
                 measure (one operation in a fresh process) and report (machine, table)
bench_import     throughput and memory of `import` over generated mail
ingest_phases    where a cold import of text replies spends its time (SQLite, PostgreSQL)
bench_extract    attachment extraction with 1 and 2 workers; what the identical-file cache saves
bench_duplicates, bench_analysis, bench_initiatives, bench_web, bench_startup, bench_hostile:
                 one figure each, see their docstrings
bench_sets       how well replies are understood (initiatives, respondents) on the independent,
                 frozen sets in bench/sets/: tune and sealed figures
faults           more fault trials (connection cuts, kill -9) than the tests run
corpus_report    what the extractors make of the third-party corpus
"""
