"""`embedding-pipeline`: keeps the ChromaDB vector store in sync with the shop's MongoDB.

Modules: `config` (MongoDB settings), `errors` (exit codes), `source` (MongoDB reads and
the demo seed), `state` (the sync watermark), `target` (opening the vector store),
`sync` (planning and writing batches), `progress` (what a person sees), `cli`.
"""
