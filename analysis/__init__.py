"""Pure analysis of reply text: respondents, cleaning, personal data, themes, duplicates.

Like parse/, nothing here touches the database, the network or the logging setup: plain
strings in, frozen dataclasses out, so the store, the CLI and the exports can all call it.
"""
