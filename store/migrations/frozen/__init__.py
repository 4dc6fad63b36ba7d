"""Frozen copies of the code the data migrations run, one package per revision.

A data migration must do the same thing whenever it runs, so it cannot import live code
from analysis/ or parse/, which goes on changing. Each copy is that module as it was when
the revision was written (commit 6196859), with its imports pointed at its siblings here.
Never edit them: a change in behaviour is a new revision.
"""
