# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: run test install seed lint test-python test-backend test-frontend test-deploy audit bench clean

run: install            ## install everything, load the demo data, start the stack (embedded LLM)
	bash scripts/run.sh

test: install           ## install what tests need and run every suite (all of them, then fail if any did)
	$(MAKE) -k lint test-python test-backend test-frontend test-deploy audit

install:
	bash scripts/install.sh

seed:
	$(PY) -m llm_server.seed

lint:
	.venv/bin/ruff check llm_server embedding_pipeline tests bench deploy

# Each suite has a wall-clock ceiling, so a hang (a child process or client left running) fails
# its suite with exit 124 instead of stalling CI; ~3x each suite's time on 2 cores.
test-python:
	timeout 2700 $(PY) -m pytest -q

test-backend:
	@if [[ -f backend/package.json ]]; then cd backend && timeout 900 npm test; fi

test-frontend:
	@if [[ -f frontend/package.json ]]; then cd frontend && timeout 600 npm test && timeout 900 npm run test:e2e; fi

test-deploy:
	@if [[ -f docker-compose.yml ]]; then docker-compose -f docker-compose.yml --env-file .env.example config -q; fi

audit:                  ## pip-audit + npm audit --omit=dev against scripts/audit-allowlist.txt
	bash scripts/audit.sh

bench:                  ## every benchmark, quick mode (< 20 min on 2 cores); regenerates docs/benchmarks.md
	bash bench/run_all.sh

clean:
	rm -rf var .cache frontend/dist
