# Local: the same platform against the local SES emulator (moto server on a
# loopback port). No Firehose archive and no Route 53 records: the emulator
# does not need them to prove the SES wiring.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  backend "local" {}
}

provider "aws" {
  region     = "us-east-1"
  access_key = "testing" # the emulator accepts any credentials
  secret_key = "testing"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  # skip_requesting_account_id stays false: without the account id, tag ARNs
  # lose it and tags drift; the emulator's STS answers instead.

  endpoints {
    cloudwatch = var.emulator_endpoint
    events     = var.emulator_endpoint
    firehose   = var.emulator_endpoint
    iam        = var.emulator_endpoint
    kms        = var.emulator_endpoint
    route53    = var.emulator_endpoint
    s3         = var.emulator_endpoint
    ses        = var.emulator_endpoint
    sesv2      = var.emulator_endpoint
    sfn        = var.emulator_endpoint
    sns        = var.emulator_endpoint
    sts        = var.emulator_endpoint
  }

  default_tags {
    tags = { project = "sesguard", environment = "local" }
  }
}
