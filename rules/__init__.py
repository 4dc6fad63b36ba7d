"""The domain rules applied to stored replies: what is derived from their text (respondent,
cleaned reply, flags, themes, initiatives, duplicate groups) and how reviewers may reshape
an initiative split.

The pure analysis/ package computes; store/ persists; this package runs the one over the
rows of the other, so store/ never decides anything and analysis/ never sees a session.
"""
