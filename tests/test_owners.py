"""Which texts name a party (srm_build.owners.parties_named): the owner claims the build
must be able to check, and the service names and possessives it must leave alone."""

import pytest

from srm_build import owners
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
        # a party as the subject of a later clause, after a conjunction or a relative word
        ("EC2 runs on rented hardware, so the customer also secures the servers.", {"customer"}),
        ("Nothing at all, because AWS runs every layer", {"aws"}),
        ("Nobody, as long as the instance runs an AMI that AWS published", {"aws"}),
        ("Lambda is newer, and customers have not yet taken it over", {"customer"}),
        ("Guided tours while you check the controls", {"customer"}),
        # "the customer" doing something wherever it stands, and an agent
        ("EC2 instances run on hardware the customer rents", {"customer"}),
        ("A managed service leaves the customer nothing to do", {"customer"}),
        ("The hypervisor, run by AWS", {"aws"}),
        ("Keys chosen by the customer", {"customer"}),
        # whose a duty is, by a possessive that ends the clause or names the duty
        ("Security is AWS's responsibility; compliance is the customer's.", {"aws", "customer"}),
        ("Compliance is AWS's job", {"aws"}),
        # an answer with a qualifier, and both parties named together
        ("Each customer, for the traffic that reaches its own VPCs", {"customer"}),
        ("Both AWS and the customer", {"shared"}),
        # issue 13 item 5: wordings a reviewer found missed (case, curly apostrophes, links,
        # people nouns, prepositions, "-managed", duty nouns after the party)
        ("The service is AWS-managed.", {"aws"}),
        ("AWS-managed keys", {"aws"}),
        ("Patching the hosts falls to AWS.", {"aws"}),
        ("AWS's engineers patch the hosts.", {"aws"}),
        ("The cloud provider patches the hosts.", {"aws"}),
        ("Only AWS patches the hosts.", {"aws"}),
        ("The Customer does not patch the hosts.", {"customer"}),
        ("Your team never patches the hosts.", {"customer"}),
        ("Patching the hosts is AWS\u2019s job.", {"aws"}),
        ("Patching is the customers' job, not AWS", {"customer", "aws"}),
        ("Patching the guest OS is a customer duty.", {"customer"}),
        ("[AWS](https://aws.amazon.com/) patches the hosts.", {"aws"}),
        ("We at Amazon patch the hosts.", {"aws"}),
        ("The AWS customer has no part in it.", {"customer"}),
        ("aws patches the hosts.", {"aws"}),
        ("The hosts are patched through Amazon.", {"aws"}),
        ("Shared", {"shared"}),
        ("The cloud provider", {"aws"}),
        ("On Amazon EC2, which of these is AWS's job?", {"aws"}),
        ("What does AWS take on for PaaS?", {"aws"}),
        # services, possessives and determiners name no party
        ("Amazon S3 encrypts new objects", set()),
        ("AWS Lambda runs the code", set()),
        ("The customer's application code", set()),
        ("If the AWS environment is secure, the customer's data is secure.", set()),
        ("Both the host and the guest", set()),
        ("Amazon CloudWatch", set()),
        ("Even though the AWS environment is secure, data can leak.", set()),
        ("Keys chosen by AWS Key Management Service", set()),
        ("Nobody, as long as the instance started from an official Amazon Linux image", set()),
        ("A firewall in each customer's guest operating system", set()),
    ],
)
def test_parties_named(text: str, named: set[str]) -> None:
    assert parties_named(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "AWS patches Amazon EC2 hosts in its data centres",
        "The customer configures the guest OS on EC2.",
        "ec2x is not a service; an S3 bucket is",  # a name must stand as a whole word
        "_Amazon_ S3: the customer’s data",  # emphasis and a curly apostrophe
        "Straße and the KMS key",  # not ASCII: every pattern is tried
        "the k8s cluster, 3rd-party code",
    ],
)
def test_name_index_skips_no_pattern_that_matches(text: str) -> None:
    # The index of first words (owners._Names) only saves searches: the ids it lets through
    # and find a match are exactly the ids whose pattern matches.
    names = owners._Names(
        {
            "ec2": ["Amazon EC2", "EC2"],
            "s3": ["Amazon S3", "S3 bucket"],
            "data": ["customer data", "data"],
            "facilities": ["data centres", "facilities"],
            "guest": ["guest OS", "guest operating system"],
            "street": ["Straße"],
            "k8s": ["k8s", ".k8s"],
            "party": ["3rd-party code"],
        }
    )
    words = owners.plain(text)
    every = {i for i, pattern in names.patterns.items() if pattern.search(words)}
    assert every  # each text names something, so a wrongly skipped pattern shows
    assert {i for i, pattern in names.candidates(words) if pattern.search(words)} == every
