"""glossary_cli: the terminal app of glossary (commands, chat REPL, pre-commit hooks).

Kept apart from the ``glossary`` library so that the library never imports
prompt-toolkit nor touches argv, standard streams or the terminal.
"""
