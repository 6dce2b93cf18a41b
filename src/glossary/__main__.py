"""``python -m glossary``: the ``glossary`` command (the library itself never imports it)."""

from glossary_cli.main import run

if __name__ == "__main__":
    run()
