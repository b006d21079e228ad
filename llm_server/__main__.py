from llm_server.main import run

run()
