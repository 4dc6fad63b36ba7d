"""`python -m hoering`: the same as the `hoering` command."""

from hoering.cli import main

if __name__ == "__main__":
    main()
