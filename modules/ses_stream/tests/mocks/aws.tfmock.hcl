# Shared mock data for the module tests: fixed partition/region so ARNs are
# predictable, and policy documents that are valid JSON (the provider
# validates policies even when mocked).

mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws" }
}

mock_data "aws_iam_policy_document" {
  defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
}
