"""`python -m kiemchung` runs the CLI."""

from kiemchung.cli.main import main

if __name__ == "__main__":
    main()
