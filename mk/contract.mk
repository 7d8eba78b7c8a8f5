# The contract suite (issue 2): every method of the package, with each auth scheme the spec allows
# for it, against Prism (@stoplight/prism-cli) serving spec/organizations.openapi.json on a free
# loopback port; a request the spec does not allow (Prism's 422 and sl-violations) fails it.
#   make test-contract    build, then node --test tests/contract/ (starts and stops Prism itself)

.PHONY: test-contract
TEST_TARGETS += test-contract

test-contract: build
	@node --test tests/contract/
