"""Client: the pre-commit hooks' text work, ``annotate`` (a managed 名词解释) and ``check``."""
