"""The engine wing: everything that touches torch and transformers — model references and loading,
the embedder, the NLI scorer, the DeBERTa window, the SQLite cache, the Ray pool.
"""
