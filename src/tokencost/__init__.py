"""tokencost: exact, offline pricing for LLM APIs."""
