# Mutation testing of the core (issue 13): cargo-mutants (from crates.io, installed here on
# first use) changes the core's code one small way at a time and runs its native tests; every
# viable mutant must be caught. Not part of make test: the whole core and its derive crate (890
# mutants) take about two hours on two cores. A mutant that truly cannot be caught is named in
# the README's Reliability section and excluded in .cargo/mutants.toml.
#   make mutants                         every mutant of the core
#   make mutants MUTANTS_FILES="core/src/config.rs core/src/json.rs"   only those files
# The report is left in target/mutants/mutants.out/ (missed.txt, caught.txt, ...).

MUTANTS_VERSION := 27.1.0
MUTANTS_FILES ?=

.PHONY: mutants
mutants:
	@cargo mutants --version 2>/dev/null | grep -qF "$(MUTANTS_VERSION)" \
		|| cargo install cargo-mutants --version $(MUTANTS_VERSION) --locked
	nice -n 10 cargo mutants --package cloudflare-organizations-core \
		--package cloudflare-organizations-derive --test-package cloudflare-organizations-core \
		--test-package cloudflare-organizations-derive --output target/mutants \
		--gitignore true $(foreach f,$(MUTANTS_FILES),--file $(f))
