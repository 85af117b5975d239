"""The ``kiemchung`` command line: thin commands over library functions."""
