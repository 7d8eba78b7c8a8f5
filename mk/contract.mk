# The contract suite (issues 2 and 11): every method of the package (all 17 operations), with each
# auth scheme the spec allows for it and every filter shape, against Prism (@stoplight/prism-cli)
# serving spec/organizations.openapi.json on a free loopback port; a request the spec does not
# allow (Prism's 422 and sl-violations) fails it. One file per resource (contract.test.mjs: auth,
# 404s and organizations; audit, usage, members, shares), each starting and stopping its own Prism.
#   make test-contract    build, then node --test tests/contract/

.PHONY: test-contract
TEST_TARGETS += test-contract

test-contract: build
	@node --test tests/contract/
