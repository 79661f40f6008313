"""Which texts name a party (srm_build.owners.parties_named): the owner claims the build
must be able to check, and the service names and possessives it must leave alone."""

import pytest

from srm_build.owners import parties_named


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("On Amazon EC2, AWS patches the guest operating system.", {"aws"}),
        ("Amazon Web Services patches the guest operating system.", {"aws"}),
        ("Amazon", {"aws"}),
        ("**AWS**", {"aws"}),
        ("Customer", {"customer"}),
        ("_The customer_", {"customer"}),
        ("You encrypt the volume.", {"customer"}),
        ("None; customers handle them", {"customer"}),
        ("Both parties", {"shared"}),
        ("Each party patches its half.", {"shared"}),
        ("Both, in equal parts", {"shared"}),
        ("EC2: the customer runs the OS; with Lambda, AWS runs it.", {"customer", "aws"}),
        # services, possessives and determiners name no party
        ("Amazon S3 encrypts new objects", set()),
        ("AWS Lambda runs the code", set()),
        ("AWS-managed keys", set()),
        ("The customer's application code", set()),
        ("If the AWS environment is secure, the customer's data is secure.", set()),
        ("Both the host and the guest", set()),
        ("Amazon CloudWatch", set()),
    ],
)
def test_parties_named(text: str, named: set[str]) -> None:
    assert parties_named(text) == named
