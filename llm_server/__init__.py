"""BlankSpace shopping assistant: the FastAPI `llm_api_server`."""
