"""`python -m dedup` runs the command-line interface."""

from dedup.cli import main

main()
