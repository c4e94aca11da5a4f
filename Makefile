# sesguard — `make help` lists the targets. `make test` is what CI runs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory
# Targets share .venv, build/ and, in registry mode, Terraform's plugin cache (unsafe for
# concurrent init): `make -j` would race on them; the slow parts overlap inside the runner.
.NOTPARALLEL:

ENV ?= local
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build

# --- Terraform: one CLI config for every root --------------------------------
# TF_PROVIDER_MIRROR: a filesystem mirror holding hashicorp/aws (offline init; roots link
# the provider straight from it). Unset: look in conventional places; set but empty: use
# the registry, with one plugin cache for every root.
ifeq ($(origin TF_PROVIDER_MIRROR),undefined)
TF_PROVIDER_MIRROR := $(shell tools/find-provider-mirror)
endif
export TF_CLI_CONFIG_FILE := $(CURDIR)/$(BUILD)/terraform.rc
TF_PLUGIN_CACHE := $(CURDIR)/$(BUILD)/plugin-cache
export TF_IN_AUTOMATION := 1
export CHECKPOINT_DISABLE := 1
TF := terraform

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# --- Python environment ------------------------------------------------------
# One .venv, filled in two layers: what `make demo` needs (the gate and the emulator, both
# editable), then the test tools. Every environment installs exactly what its lock under
# locks/ lists, hashes checked (tools/python-env; uv when it can, pip otherwise): nothing is
# resolved here. `make lock` is the one step that resolves.
# The editable install maps the top-level packages that exist when it runs: a new
# package under policy/ or emulator/ needs a reinstall, hence the __init__.py prerequisites.
PACKAGE_INITS := $(wildcard policy/*/__init__.py emulator/*/__init__.py checkov-sesguard/*/__init__.py)

$(VENV)/.demo-installed: locks/demo.txt pyproject.toml emulator/pyproject.toml $(PACKAGE_INITS)
	@echo "==> python: $(VENV) with the gate (and its audit) and the emulator (locks/demo.txt)"
	@tools/python-env $(VENV) locks/demo.txt . ./emulator
	@touch $@

$(VENV)/.installed: $(VENV)/.demo-installed locks/dev.txt
	@echo "==> python: test tools into $(VENV) (locks/dev.txt)"
	@tools/python-env $(VENV) locks/dev.txt . ./emulator
	@touch $@

.PHONY: lock
lock: ## Re-resolve every lock under locks/ (needs the registries; UPGRADE=1 takes newest)
	@tools/lock

# The gate reads the stream classes from its own copy of the module's data file, so an
# installed package carries them; tests/gate/test_stream_classes_file.py fails on a stale copy.
policy/sesguard/classes.json: modules/ses_stream/classes.json
	@cp $< $@

.PHONY: venv venv-demo
venv: $(VENV)/.installed policy/sesguard/classes.json ## Create the Python virtual environment (gate, emulator, test tools)
venv-demo: $(VENV)/.demo-installed policy/sesguard/classes.json ## Only what `make demo` needs: the gate and the emulator

# --- Terraform CLI configuration --------------------------------------------
$(BUILD)/terraform.rc: FORCE
	@mkdir -p $(BUILD) $(if $(TF_PROVIDER_MIRROR),,$(TF_PLUGIN_CACHE))
	@tools/write-terraform-rc "$(TF_PROVIDER_MIRROR)" "$(TF_PLUGIN_CACHE)" > $@.tmp && mv $@.tmp $@

.PHONY: FORCE
FORCE:

.PHONY: tf-config
tf-config: $(BUILD)/terraform.rc ## Write the Terraform CLI config (mirror, or registry + plugin cache)

# --- Lint --------------------------------------------------------------------
# Terraform in the repo (modules, envs, examples, the lab's catch-all root, the gate's and the
# emulator's test roots) and Python.
TF_FMT_DIRS := modules envs examples lab tests/gate/roots tests/terraform
PY_DIRS := policy emulator checkov-sesguard tests tools lab

.PHONY: fmt
fmt: venv tf-config ## Rewrite Terraform and Python files in canonical format
	$(TF) fmt -recursive $(TF_FMT_DIRS)
	$(VENV)/bin/ruff format $(PY_DIRS)
	$(VENV)/bin/ruff check --fix $(PY_DIRS)

.PHONY: lint
lint: venv tf-config ## terraform fmt -check and ruff
	$(TF) fmt -check -recursive $(TF_FMT_DIRS)
	$(VENV)/bin/ruff check $(PY_DIRS)
	$(VENV)/bin/ruff format --check $(PY_DIRS)

# --- Terraform module and environments ---------------------------------------
# Every root is validated offline; `plan` needs no AWS account (tools/terraform_runner.py).
TF_ENV_ROOTS := $(sort $(dir $(wildcard envs/*/main.tf)))

.PHONY: validate
validate: venv tf-config ## terraform validate every env (and the modules they call), offline
	@$(PY) tools/terraform_runner.py validate $(TF_ENV_ROOTS)

# Modules with *.tftest.hcl beside them (mock provider: no AWS, no credentials).
TF_TEST_MODULES := $(sort $(patsubst %/tests/,%,$(dir $(wildcard modules/*/tests/*.tftest.hcl))))

.PHONY: tftest
tftest: venv tf-config ## terraform test of the modules (mock provider, every validation)
	@$(PY) tools/terraform_runner.py test $(TF_TEST_MODULES)

.PHONY: docs
docs: venv ## Regenerate every generated page (module README tables, class table, rules, audit tables, emulator coverage)
	@$(PY) tools/gen_docs.py

# ROOT: any Terraform root directory, yours included (its local module sources are followed;
# PLAN_ARGS="-var-file=FILE" for variables without defaults). docs/modules.md#planning-offline
.PHONY: plan
plan: venv-demo tf-config ## Plan envs/ENV (or ROOT=any/dir) offline, no AWS calls: summary + build/plans/NAME.json
	@$(PY) tools/terraform_runner.py plan $(if $(ROOT),$(abspath $(ROOT)),$(ENV)) $(PLAN_ARGS)

# --- Tests -------------------------------------------------------------------
# pytest on every core (pytest-xdist): each test file runs whole on one worker, files that
# share live state together (tests/conftest.py). PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

.PHONY: test
test: test-setup ## Everything CI runs: lint, validate, terraform test, pytest (gate, emulator, e2e, checkov)
	$(PY) -m pytest $(PYTEST_PARALLEL) --durations=8

# What the tests need besides .venv (TEST_ENVS, added below beside each environment) installs
# while validate and terraform test run: installs mostly download and link, the Terraform
# checks mostly compute, and the two write no file in common.
.PHONY: test-setup
test-setup: lint venv tf-config
	@$(MAKE) validate tftest & checks=$$!; \
	  $(MAKE) $(TEST_ENVS) || { wait $$checks; exit 1; }; \
	  wait $$checks

# --- sesguard scan: semgrep in its own environment ------------------------------
# semgrep's pins differ from .venv's dev tools; `sesguard scan` finds it here in a checkout
# (policy/sesguard/scan/engine.py), elsewhere via --semgrep, $$SESGUARD_SEMGREP or PATH.
SEMGREP_VENV := .venv-semgrep

$(SEMGREP_VENV)/.installed: locks/semgrep.txt
	@echo "==> semgrep: $(SEMGREP_VENV) (locks/semgrep.txt)"
	@tools/python-env $(SEMGREP_VENV) locks/semgrep.txt
	@touch $@

.PHONY: semgrep-venv
semgrep-venv: $(SEMGREP_VENV)/.installed ## Create semgrep's own virtualenv (locks/semgrep.txt)

# tests/scan runs sesguard scan, which runs semgrep from its own venv.
TEST_ENVS += semgrep-venv

.PHONY: scan
# The fixtures are planted violations; the repository's own findings are deliberate and
# suppressed in place (docs/scan.md), so exit 1 fails here as 2 (unusable input) does.
scan: venv semgrep-venv ## sesguard scan of this repository's code (findings explained in docs/scan.md)
	$(VENV)/bin/sesguard scan . --exclude tests/scan/fixtures --exclude tests/scan/tenant_fixtures --exclude tests/scan/suppression_fixtures --exclude tests/emulator

# MIRRORS (or $$SESGUARD_CORPUS_MIRRORS): a folder of clones named <owner>+<name>, each
# holding its manifest's commit (docs/scan-corpus.md).
.PHONY: scan-corpus
scan-corpus: venv semgrep-venv ## sesguard scan of the public-code corpus (tools/scan_corpus/*.toml): recall, precision, results.json
	$(PY) tools/scan_corpus.py $(if $(MIRRORS),--mirrors $(MIRRORS))

# Everything but checkov, semgrep, the other SDKs, wheel builds and what runs Terraform itself
# (plans, e2e apply, validate). The gate and module tests read the plans checked in under
# tests/gate/fixtures, so this needs no Terraform on PATH.
PYTEST_FAST := -m "not terraform and not checkov and not e2e and not semgrep and not sdk and not packaging"

.PHONY: test-fast
test-fast: venv ## pytest without Terraform, checkov or e2e
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_FAST) -q

.PHONY: fixtures
fixtures: venv tf-config fixtures-live ## Re-plan the envs and test roots into tests/gate/fixtures; refresh the findings and report snapshots made from them
	@$(PY) tools/refresh_rule_fixtures.py

# No Terraform: an emulator of its own, started and stopped by pid.
.PHONY: fixtures-live
fixtures-live: venv ## Re-read the live rules' violating accounts from the emulator into tests/audit/fixtures, with their findings
	@$(PY) tools/refresh_live_fixtures.py

# --- Other SES clients against the emulator (tests/test_other_sdks.py) ------------
# The AWS CLI v1 pins an older botocore than boto3's, so it gets its own virtualenv;
# the JavaScript SDK v3 goes under build/ (git-ignored). Both install from their locks.
AWSCLI_VENV := .venv-awscli
NODE_SDK := $(BUILD)/node-sdk

$(AWSCLI_VENV)/.installed: locks/awscli.txt
	@echo "==> awscli: $(AWSCLI_VENV) (locks/awscli.txt)"
	@tools/python-env $(AWSCLI_VENV) locks/awscli.txt
	@touch $@

# Every locks/node-NAME/ is an npm environment in build/node-NAME/: npm ci installs exactly its
# package-lock.json (integrity checked) and never resolves; an .npmrc there travels with it.
$(BUILD)/node-%/.installed: locks/node-%/package.json locks/node-%/package-lock.json
	@echo "==> npm: $(BUILD)/node-$* (locks/node-$*/package-lock.json)"
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	@rm -rf $(BUILD)/node-$* && mkdir -p $(BUILD)/node-$*
	@cp -r locks/node-$*/. $(BUILD)/node-$*/
	@npm ci --silent --no-audit --no-fund --prefix $(BUILD)/node-$*
	@touch $@

.PHONY: sdk-clients
sdk-clients: venv $(AWSCLI_VENV)/.installed $(NODE_SDK)/.installed ## Install the AWS CLI v1 and the JS SDK v3 the emulator is tested with

TEST_ENVS += sdk-clients

# --- hashicorp/aws 6.x schema, for the provider-schema test ------------------------
# Only 5.100.0 runs here (the mirror); 6.25.0's argument names come from @cdktf/provider-aws,
# generated from it (tests/test_provider_schemas.py), installed from its lock like node-sdk.
.PHONY: provider-schema
provider-schema: $(BUILD)/node-provider-schema/.installed ## Install hashicorp/aws 6.25.0's argument names (npm, locked)

TEST_ENVS += provider-schema

# --- Plan gate (policy/sesguard) -----------------------------------------------
GATE_FORMAT ?= text

.PHONY: gate
gate: venv tf-config ## Plan envs/ENV offline and run the gate on it (ENV=production|staging|local)
	@$(PY) tools/terraform_runner.py plan $(ENV) >&2
	$(VENV)/bin/sesguard check $(BUILD)/plans/$(ENV).json --format $(GATE_FORMAT) \
		--source-root envs/$(ENV)

.PHONY: bench
bench: venv tf-config semgrep-venv ## Gate vs json.load and vs checkov+adapter; scan of 5,000 files; emulator sends/s; audit and adopt on 100 streams; lab (updates docs)
	$(PY) tools/bench_gate.py --update-docs
	$(PY) tools/bench_scan.py --update-docs
	$(PY) tools/bench_audit.py --update-docs
	$(MAKE) bench-adopt
	$(MAKE) bench-checkov
	$(MAKE) bench-sending
	$(MAKE) bench-lab

.PHONY: bench-adopt
bench-adopt: venv tf-config ## sesguard adopt of 100 hand-built streams, then init/plan/apply of its root on the emulator (updates docs/adopt.md, docs/performance.md)
	$(PY) tools/bench_adopt.py --update-docs

.PHONY: bench-sending
bench-sending: venv ## Emulator messages/s over HTTP: SendEmail and SendBulkEmail (updates docs/emulator-sending.md)
	$(PY) tools/bench_sending.py --update-docs

.PHONY: release-check
release-check: ## Every version (gate, emulator, adapter, CHANGELOG, ?ref= pins in docs, git tag) agrees
	@$(PYTHON) tools/release_check.py

# Kept: the virtualenvs (`make distclean` removes them too). Stopped first: an emulator
# whose state folder is about to go.
.PHONY: clean distclean
clean: ## Remove build/ (plans, offline copies, emulator state), caches, dist/, Terraform working dirs
	@for state in $(wildcard $(BUILD)/emulator $(BUILD)/demo/emulator); do \
	  test -x $(PY) && $(PY) -m ses_emulator stop --state-dir $$state >/dev/null 2>&1 || true; done
	rm -rf $(BUILD) dist .pytest_cache .ruff_cache .hypothesis
	find . -path ./.venv -prune -o -path ./$(CHECKOV_VENV) -prune -o \
	  \( -name __pycache__ -o -name '*.egg-info' -o -name .terraform \) -type d -print0 | xargs -0 rm -rf
	find modules envs examples -name .terraform.lock.hcl -delete

distclean: clean ## clean, and remove every virtualenv (.venv, checkov's, semgrep's, the AWS CLI's)
	rm -rf $(VENV) $(CHECKOV_VENV) $(SEMGREP_VENV) $(AWSCLI_VENV)

# --- Local SES emulator, apply/destroy ENV=local, demo -----------------------
EMULATOR_STATE := $(BUILD)/emulator
LOCAL_ENV := $(PY) tools/local_env.py --state-dir $(EMULATOR_STATE)

.PHONY: emulator-start
emulator-start: venv ## Start the local SES v2 emulator (URL + pid in build/emulator/)
	@$(PY) -m ses_emulator start --state-dir $(EMULATOR_STATE)

.PHONY: emulator-stop
emulator-stop: venv ## Stop the local SES v2 emulator
	@$(PY) -m ses_emulator stop --state-dir $(EMULATOR_STATE)

.PHONY: local-only
local-only:
	@test "$(ENV)" = local || { echo "error: only ENV=local is applied from here (got ENV=$(ENV))" >&2; exit 2; }

.PHONY: apply
apply: local-only venv tf-config ## ENV=local: apply envs/local to the emulator (started if needed)
	@$(LOCAL_ENV) up

.PHONY: destroy
destroy: local-only venv tf-config ## ENV=local: destroy what `make apply ENV=local` made
	@$(LOCAL_ENV) down

# The emulator account has no public DNS: the DNS checks are skipped (one info line).
AUDIT_FORMAT ?= text
.PHONY: audit
audit: local-only venv ## ENV=local: sesguard audit of the emulator account (after make apply ENV=local)
	@url=$$($(PY) -m ses_emulator url --state-dir $(EMULATOR_STATE)) || \
	  { echo "error: no emulator running: make apply ENV=local first" >&2; exit 2; }; \
	AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local $(VENV)/bin/sesguard audit \
	  --endpoint-url "$$url" --region us-east-1 --no-dns --format $(AUDIT_FORMAT)

# The demo builds its own (small) environment as its first timed step.
.PHONY: demo
demo: ## Emulator up, plan, gate, apply, verify, one send per stream with its events, destroy (timed steps)
	@DEMO_STARTED_NS=$$(date +%s%N) PY=$(PY) VENV=$(VENV) tools/demo

# --- checkov: its own environment, built-in checks on every env, SES adapter ---
# checkov lives in .venv-checkov, never in .venv: its fork bc-python-hcl2 installs the
# same `hcl2` module as python-hcl2 and breaks one of the two silently.
# The gate (stdlib only) is installed there too, so the adapter in checkov-sesguard/ can
# call the gate's rule code.
CHECKOV_VENV := .venv-checkov
CHECKOV_ENVS ?= $(patsubst envs/%/main.tf,%,$(wildcard envs/*/main.tf))
# Offline and quiet: no guideline download from the vendor's API (it would hang on a
# machine without internet), unknown-after-apply attributes evaluated as set.
# Plan enrichment parses every .tf under the repo root: skip build/, which holds the
# offline copies of modules/ and envs/ that the plans were made from.
CHECKOV_ENV := BC_SKIP_MAPPING=TRUE EVAL_TF_PLAN_AFTER_UNKNOWN=1 CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false \
  CKV_IGNORED_DIRECTORIES=node_modules,.terraform,.serverless,$(BUILD)

# The adapter (checkov-sesguard/) and the gate go in editable and without dependencies:
# checkov's own pins stay exactly as locks/checkov.txt lists them.
$(CHECKOV_VENV)/.installed: locks/checkov.txt pyproject.toml \
  checkov-sesguard/pyproject.toml $(PACKAGE_INITS)
	@echo "==> checkov: $(CHECKOV_VENV) (locks/checkov.txt)"
	@tools/python-env $(CHECKOV_VENV) locks/checkov.txt . ./checkov-sesguard
	@touch $@

.PHONY: checkov-venv
checkov-venv: $(CHECKOV_VENV)/.installed ## Create checkov's own virtualenv (locks/checkov.txt)

# tests/checkov drives checkov from its own venv.
TEST_ENVS += checkov-venv

# The emulator's /_ses/ page is tested in a real headless browser: Debian's chromium.
.PHONY: chromium
chromium: ## Install Debian's chromium (headless browser for the emulator page test) when missing
	@command -v chromium >/dev/null || { echo "==> chromium: installing with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends chromium >/dev/null; }

TEST_ENVS += chromium

# One run per env, so each env gets its own verdict: failures on the console (pointing at
# the .tf file and lines), JUnit and SARIF in build/checkov/<env>/; fails if any env failed.
# checkov's settings (offline, unknown-after-apply, plan enrichment) live in
# tools/checkov_run.py only.
.PHONY: checkov
checkov: venv checkov-venv ## checkov's built-in checks on every env's plan, findings pointing at .tf lines
	@for env in $(CHECKOV_ENVS); do $(MAKE) plan ENV=$$env > /dev/null; done
	@$(PY) tools/checkov_run.py builtin $(CHECKOV_ENVS)

BENCH_PLANS ?= $(wildcard $(BUILD)/bench/plan-*.json)
.PHONY: bench-checkov
bench-checkov: venv checkov-venv ## checkov+SES adapter vs sesguard on BENCH_PLANS (make bench calls it)
	@test -n "$(BENCH_PLANS)" || { echo "bench-checkov: no $(BUILD)/bench/plan-*.json: run make bench" >&2; exit 2; }
	$(PY) tools/bench_checkov.py --update-docs --markdown $(BUILD)/bench/checkov.md \
	  --json $(BUILD)/bench/checkov.json $(BENCH_PLANS)

# --- Lab: one scenario through the lanes and through a catch-all -------------
LAB_SCENARIO ?= lab/scenarios/saas-day.toml

.PHONY: lab
lab: venv tf-config ## LAB_SCENARIO through envs/local and lab/catch_all, each on a fresh emulator: build/lab/ report and charts, docs/lab/*.png
	$(PY) -m lab --scenario $(LAB_SCENARIO)

.PHONY: bench-lab
bench-lab: venv tf-config ## make lab's wall time, default and shortened scenario (updates docs/lab.md)
	$(PY) tools/bench_lab.py --update-docs
